export { EntityOwnershipContent } from './EntityOwnershipContent';
