export { OwnerDetails } from './OwnerDetails';
export type { OwnerDetailsProps } from './OwnerDetails';
