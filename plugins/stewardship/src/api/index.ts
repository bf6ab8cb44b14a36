export { stewardshipApiRef } from './StewardshipApi';
export type {
  StewardshipApi,
  OwnershipScorecardQuery,
  StewardshipRequestOptions,
} from './StewardshipApi';
export type { SloHistoryQuery, SloImportOptions } from './StewardshipApi';
export { StewardshipClient } from './StewardshipClient';
// The request and response bodies live in stewardship-common, where the backend takes them from
// too; re-exported here for the components and for clients of this package.
export type {
  EntityBacklog,
  EntityIncidentSummary,
  EntitySlo,
  EntitySlos,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
  IncidentCreateRequest,
  IncidentPatchRequest,
  MetricSourceHealth,
  MetricSourceSummary,
  SloHistory,
  SlosByEntities,
  SlosByEntitiesRequest,
} from '@stewardship/backstage-plugin-stewardship-common';
