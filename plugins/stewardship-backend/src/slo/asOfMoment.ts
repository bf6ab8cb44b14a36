import { InputError } from '@backstage/errors';

/** How far ahead of this instance's clock an `at` may lie: another machine's clock may be ahead. */
const CLOCK_SKEW_MS = 60_000;

/**
 * The moment a computed route answers as of: the request's `at`, else `now`. A moment in the
 * future names no state yet: a 400 naming where the request gave it (`field`, such as
 * `query parameter "to"` or `request body "at"`; default the query parameter `at`).
 */
export function asOfMoment(
  at: Date | undefined,
  now: Date,
  field = 'query parameter "at"',
): Date {
  if (!at) {
    return now;
  }
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new InputError(`Invalid ${field}: must not be in the future`);
  }
  return at;
}
