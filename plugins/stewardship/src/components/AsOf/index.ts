export { AsOfPicker } from './AsOfPicker';
export { useAsOf } from './useAsOf';
export type { AsOf } from './useAsOf';
