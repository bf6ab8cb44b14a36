export { stewardshipApiRef } from './StewardshipApi';
export type { StewardshipApi, OwnershipScorecardQuery } from './StewardshipApi';
export { StewardshipClient } from './StewardshipClient';
