// The parser lives in stewardship-common so the catalog relations module reads annotations
// exactly as the Ownership tab does.
export { parseOwnerRef } from '@stewardship/backstage-plugin-stewardship-common';
export type { ParsedOwnerRef } from '@stewardship/backstage-plugin-stewardship-common';
