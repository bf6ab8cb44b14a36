export { EntityBacklogContent } from './EntityBacklogContent';
