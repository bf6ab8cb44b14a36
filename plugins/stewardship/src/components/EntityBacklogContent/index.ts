import { withReadableErrors } from '../ReadableErrors';
import { EntityBacklogContent as Unwrapped } from './EntityBacklogContent';

/** {@link Unwrapped} with form errors in a colour that reads (see `ReadableErrors`). */
export const EntityBacklogContent = withReadableErrors(Unwrapped);
