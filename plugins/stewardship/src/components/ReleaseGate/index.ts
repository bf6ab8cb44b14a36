export { ReleaseGateCard } from './ReleaseGateCard';
export {
  DECISION_TEXT,
  ReleaseGateCardView,
  useReleaseGate,
} from './ReleaseGateCard';
export type { ReleaseGateState } from './ReleaseGateCard';
