/*
 * Timeslice budgeting: the window is cut into slices (say 5 m); a slice is good when its own ratio
 * meets the slice target, and the SLI is good slices ÷ slices with traffic. It suits low-traffic
 * services, where one failed request out of three would otherwise swing the SLI.
 *
 *   slice counted  ⇔ total > 0             (a slice without traffic says nothing either way)
 *   slice good     ⇔ good / total ≥ target
 *
 * A slice with traffic but no good count (the good query matched nothing in it) has no good
 * events: a good counter that never moved is what an outage looks like, so it must count as bad.
 */
import { EventCounts } from './types';

/**
 * Counts good slices: `{ good: slices whose good ÷ total ≥ target, total: slices with traffic }`.
 * Slices whose total is null or ≤ 0 are not counted; a null `good` with traffic counts as 0.
 *
 * @param target - the ratio a slice must reach, as a fraction (0.95 = 95 %).
 * @public
 */
export function countGoodSlices(
  slices: Array<{ good: number | null; total: number | null }>,
  target: number,
): EventCounts {
  let good = 0;
  let total = 0;
  for (const slice of slices) {
    if (slice.total === null || !(slice.total > 0)) {
      continue;
    }
    total += 1;
    // Division, not good ≥ target × total: 7 / 100 is exactly the double 0.07, but 0.07 × 100 is
    // 7.000000000000001, which would make a slice exactly on target bad.
    if ((slice.good ?? 0) / slice.total >= target) {
      good += 1;
    }
  }
  return { good, total };
}
