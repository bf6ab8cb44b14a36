/**
 * A share as a whole percentage. Rounded down so that "100%" only ever means
 * every entity, never 199 of 200.
 */
export function formatPercent(part: number, total: number): string {
  if (total <= 0) {
    return '–';
  }
  return `${Math.floor((part * 100) / total)}%`;
}

/** A share with its counts, e.g. `78% (18/23)`. */
export function formatCoverage(part: number, total: number): string {
  return `${formatPercent(part, total)} (${part}/${total})`;
}
