import { withReadableErrors } from '../ReadableErrors';
import { EntitySlosContent as Unwrapped } from './EntitySlosContent';

/** {@link Unwrapped} with form errors in a colour that reads (see `ReadableErrors`). */
export const EntitySlosContent = withReadableErrors(Unwrapped);
export { SloStatusLabel } from './SloStatusLabel';
export type { SloDisplayStatus } from './SloStatusLabel';
