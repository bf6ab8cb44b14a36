import { formatNumber } from './formatNumber';
import { EventCounts } from './types';

// Prometheus extrapolates increase() of the good and the total series separately when scrapes do
// not line up with the window's edges, so good can come out a little above total. Up to 0.1 % is
// that noise; more is a broken SLI.
const TOLERANCE = 0.001;

/**
 * Checks counts from a metric source: finite, not negative, good ≤ total. Returns the counts (good
 * clamped to total when it exceeds it only by extrapolation noise, flagged `clamped`) or what is impossible about them.
 *
 * @internal
 */
export function checkCounts(
  counts: EventCounts,
): { counts: EventCounts; clamped?: true } | { problem: string } {
  const { good, total } = counts;
  const shown = `good ${formatNumber(good)}, total ${formatNumber(total)}`;
  if (
    typeof good !== 'number' ||
    typeof total !== 'number' ||
    !Number.isFinite(good) ||
    !Number.isFinite(total)
  ) {
    return { problem: `${shown} are not finite numbers` };
  }
  if (good < 0 || total < 0) {
    return { problem: `${shown} include a negative count` };
  }
  if (good > total) {
    if (good - total > TOLERANCE * total) {
      return { problem: `${shown}: more good than total` };
    }
    return { counts: { good: total, total }, clamped: true };
  }
  return { counts: { good, total } };
}
