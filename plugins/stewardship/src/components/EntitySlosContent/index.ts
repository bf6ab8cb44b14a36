export { EntitySlosContent } from './EntitySlosContent';
export { SloStatusLabel } from './SloStatusLabel';
export type { SloDisplayStatus } from './SloStatusLabel';
