import { withReadableErrors } from '../ReadableErrors';
import { StewardshipPage as Unwrapped } from './StewardshipPage';

/** {@link Unwrapped} with form errors in a colour that reads (see `ReadableErrors`). */
export const StewardshipPage = withReadableErrors(Unwrapped);
