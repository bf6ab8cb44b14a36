/**
 * Stewardship frontend plugin: who owns each entity, and how well the
 * catalog is covered.
 *
 * @packageDocumentation
 */
export {
  stewardshipPlugin,
  StewardshipPage,
  EntityOwnershipContent,
  EntityOwnershipCard,
  EntitySlosContent,
  EntitySloCard,
} from './plugin';
export { isOwnershipAvailable } from './isOwnershipAvailable';
export { isSlosAvailable } from './isSlosAvailable';
export { stewardshipApiRef, StewardshipClient } from './api';
export type { StewardshipApi, OwnershipScorecardQuery } from './api';
export type { EntitySlo, EntitySlos } from './api';
export { useEntityOwnership, useOwnershipScorecard } from './hooks';
export { useEntitySlos } from './hooks';
