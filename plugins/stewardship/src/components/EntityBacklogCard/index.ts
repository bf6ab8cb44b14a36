export { EntityBacklogCard } from './EntityBacklogCard';
