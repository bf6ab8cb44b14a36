/**
 * The rounding rule of every scorecard share, the headline's and the trend chart's: a percentage
 * rounded down to `decimals` decimals, so that 100 % only ever means every entity (1999 of 2000 is
 * 99 % whole, 99.9 % to one decimal, never 100 %) and a share above 0 % never reaches it from
 * above; null when there is nothing to share.
 */
export function sharePercent(
  part: number,
  total: number,
  decimals = 0,
): number | null {
  if (total <= 0) {
    return null;
  }
  const scale = 10 ** decimals;
  // Counts are whole numbers: part × 100 × scale ÷ total is exact when it is a whole number, so
  // the floor never drops one (19 of 20 is 95, not 94).
  return Math.floor((part * 100 * scale) / total) / scale;
}

/** A share as a whole percentage, rounded down ({@link sharePercent}): `99%` for 199 of 200. */
export function formatPercent(part: number, total: number): string {
  const share = sharePercent(part, total);
  return share === null ? '–' : `${share}%`;
}

/** A share with its counts, thousands separated, e.g. `78% (18/23)`, `62% (5,000/8,000)`. */
export function formatCoverage(part: number, total: number): string {
  return `${formatPercent(part, total)} (${part.toLocaleString(
    'en-US',
  )}/${total.toLocaleString('en-US')})`;
}
