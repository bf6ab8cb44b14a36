import { withReadableErrors } from '../ReadableErrors';
import { EntityOwnershipContent as Unwrapped } from './EntityOwnershipContent';

/** {@link Unwrapped} with form errors in a colour that reads (see `ReadableErrors`). */
export const EntityOwnershipContent = withReadableErrors(Unwrapped);
