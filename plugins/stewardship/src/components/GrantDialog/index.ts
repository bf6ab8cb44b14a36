export { GrantDialog, dateInDays } from './GrantDialog';
export type { GrantExpiryField, GrantReasonField } from './GrantDialog';
