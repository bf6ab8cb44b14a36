/**
 * Stewardship frontend plugin: who owns each entity, how well the catalog
 * is covered, and each entity's SLOs.
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
  EntityBacklogContent,
  EntityBacklogCard,
} from './plugin';
export { isOwnershipAvailable } from './isOwnershipAvailable';
export { isSlosAvailable } from './isSlosAvailable';
export { isBacklogAvailable } from './isBacklogAvailable';
export { stewardshipApiRef, StewardshipClient } from './api';
export type { StewardshipApi, OwnershipScorecardQuery } from './api';
export type {
  EntitySlo,
  EntitySlos,
  EntityBacklog,
  MetricSourceHealth,
  MetricSourceSummary,
  SloHistory,
  SloHistoryQuery,
  SloImportOptions,
} from './api';
export { useEntityOwnership, useOwnershipScorecard } from './hooks';
export { useEntitySlos, useSloHistory, useSloOverview } from './hooks';
export { useEntityBacklog } from './hooks';
export type {
  EntityIncidentSummary,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
  IncidentCreateRequest,
  IncidentPatchRequest,
} from './api';
