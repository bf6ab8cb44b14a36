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
export type {
  StewardshipApi,
  OwnershipScorecardQuery,
  StewardshipRequestOptions,
} from './api';
export type { SloHistoryQuery, SloImportOptions } from './api';
export { useEntityOwnership, useOwnershipScorecard } from './hooks';
export { useEntitySlos, useSloHistory, useSloOverview } from './hooks';
export { useEntityBacklog } from './hooks';
// The request and response bodies live in stewardship-common (the backend uses them too);
// re-exported so clients of this package need not depend on it.
export type {
  EntityBacklog,
  EntityIncidentSummary,
  EntitySlo,
  EntitySlos,
  MetricSourceHealth,
  MetricSourceSummary,
  SloHistory,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
  IncidentCreateRequest,
  IncidentPatchRequest,
} from '@stewardship/backstage-plugin-stewardship-common';
// The catalog relations made by the Stewardship catalog module, for apps that register them with
// the catalog graph (`DefaultCatalogGraphApi`) without depending on stewardship-common themselves.
export {
  OWNERSHIP_RELATIONS,
  OWNERSHIP_RELATION_PAIRS,
  RELATION_BUSINESS_OWNED_BY,
  RELATION_BUSINESS_OWNER_OF,
  RELATION_PRODUCT_OWNED_BY,
  RELATION_PRODUCT_OWNER_OF,
  RELATION_ENGINEERING_OWNED_BY,
  RELATION_ENGINEERING_OWNER_OF,
} from '@stewardship/backstage-plugin-stewardship-common';
