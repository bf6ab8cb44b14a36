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
} from './plugin';
export { isOwnershipAvailable } from './isOwnershipAvailable';
export { stewardshipApiRef, StewardshipClient } from './api';
export type { StewardshipApi, OwnershipScorecardQuery } from './api';
export { useEntityOwnership, useOwnershipScorecard } from './hooks';
