export { ReleaseGateCard } from './ReleaseGateCard';
