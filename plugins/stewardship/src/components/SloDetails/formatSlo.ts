// Display formatting for SLO figures. Values are only rounded for reading: the exact numbers the
// backend used are in the "why this number" formulas, shown verbatim.

/** A fraction as a percentage with at most `decimals` decimals: 0.99942 → `99.942 %`. */
export function formatPercent(fraction: number, decimals = 3): string {
  // toFixed then Number drops trailing zeros and float noise (0.42 × 100 = 42.00000000000001).
  return `${Number((fraction * 100).toFixed(decimals))} %`;
}

/** A burn rate or threshold to at most two decimals: 15.2 → `15.2`. */
export function formatRate(rate: number): string {
  return String(Number(rate.toFixed(2)));
}

/** An event count with thousands separators: 17278032 → `17,278,032`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** An ISO instant in UTC to the minute: `2024-04-01 00:05 UTC`. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
