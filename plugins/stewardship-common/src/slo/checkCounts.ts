import { formatNumber } from './formatNumber';
import { EventCounts } from './types';

// Counts come from floating-point arithmetic (Prometheus `increase()` extrapolates), so a good count
// a hair above total is noise, not a broken source.
const TOLERANCE = 1e-9;

/**
 * Checks counts from a metric source: finite, not negative, good ≤ total. Returns the counts (good
 * clamped to total when it exceeds it only by float noise) or what is impossible about them.
 *
 * @internal
 */
export function checkCounts(
  counts: EventCounts,
): { counts: EventCounts } | { problem: string } {
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
    return { counts: { good: total, total } };
  }
  return { counts: { good, total } };
}
