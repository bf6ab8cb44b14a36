export { OwnershipStatusLabel } from './OwnershipStatusLabel';
export type { OwnershipStatusLabelProps } from './OwnershipStatusLabel';
