/**
 * The earliest of `moments` (milliseconds since the epoch) as an ISO time, undefined when there
 * is none: an answer's `validUntil`, the first moment at which time alone changes it.
 */
export function earliestMoment(moments: readonly number[]): string | undefined {
  return moments.length > 0
    ? new Date(Math.min(...moments)).toISOString()
    : undefined;
}
