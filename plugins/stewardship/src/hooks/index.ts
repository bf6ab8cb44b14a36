export { useEntityOwnership } from './useEntityOwnership';
export { useOwnershipScorecard } from './useOwnershipScorecard';
export { useEntitySlos } from './useEntitySlos';
export { useSloHistory } from './useSloHistory';
export { useSloOverview } from './useSloOverview';
export { useEntityBacklog } from './useEntityBacklog';
