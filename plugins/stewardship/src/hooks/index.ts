export { useEntityOwnership } from './useEntityOwnership';
export { useOwnershipScorecard } from './useOwnershipScorecard';
