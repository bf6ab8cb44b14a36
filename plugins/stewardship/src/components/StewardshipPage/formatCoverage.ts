import { MAX_PERCENT_DECIMALS } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * The rounding rule of every scorecard share, the headline's and the trend chart's: a percentage
 * rounded down to `decimals` decimals, so that 100 % only ever means every entity (1999 of 2000 is
 * 99 % whole, 99.9 % to one decimal, never 100 %), and, by the percent rule, a share above 0 never
 * reads as 0 either: it gets as many more decimals as it takes, up to {@link MAX_PERCENT_DECIMALS}
 * (1 of 2000 is 0.05 %, not 0 %; past six decimals it stays 0, which {@link formatPercent} writes
 * `< 0.000001%`). Null when there is nothing to share.
 */
export function sharePercent(
  part: number,
  total: number,
  decimals = 0,
): number | null {
  if (total <= 0) {
    return null;
  }
  for (let d = decimals; ; d++) {
    const scale = 10 ** d;
    // Counts are whole numbers: part × 100 × scale ÷ total is exact when it is a whole number, so
    // the floor never drops one (19 of 20 is 95, not 94).
    const share = Math.floor((part * 100 * scale) / total) / scale;
    if (
      share > 0 ||
      part <= 0 ||
      d >= Math.max(decimals, MAX_PERCENT_DECIMALS)
    ) {
      return share;
    }
  }
}

/**
 * A share as a whole percentage, rounded down ({@link sharePercent}): `99%` for 199 of 200, and
 * never 0 % for a share above it: `0.05%` for 1 of 2,000, `< 0.000001%` below a millionth of one.
 */
export function formatPercent(part: number, total: number): string {
  const share = sharePercent(part, total);
  if (share === null) return '–';
  if (share === 0 && part > 0) {
    return `< ${(10 ** -MAX_PERCENT_DECIMALS).toFixed(MAX_PERCENT_DECIMALS)}%`;
  }
  return `${share}%`;
}

/** A share with its counts, thousands separated, e.g. `78% (18/23)`, `62% (5,000/8,000)`. */
export function formatCoverage(part: number, total: number): string {
  return `${formatPercent(part, total)} (${part.toLocaleString(
    'en-US',
  )}/${total.toLocaleString('en-US')})`;
}
