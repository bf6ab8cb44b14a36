export { stewardshipApiRef } from './StewardshipApi';
export type { StewardshipApi, OwnershipScorecardQuery } from './StewardshipApi';
export type { SloHistory, SloHistoryQuery } from './StewardshipApi';
export type { EntitySlo, EntitySlos } from './StewardshipApi';
export type { EntityBacklog } from './StewardshipApi';
export type {
  MetricSourceHealth,
  MetricSourceSummary,
  SloImportOptions,
} from './StewardshipApi';
export { StewardshipClient } from './StewardshipClient';
export type {
  EntityIncidentSummary,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
  IncidentCreateRequest,
  IncidentPatchRequest,
} from './StewardshipApi';
