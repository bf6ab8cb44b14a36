/**
 * An event or slice count for a sentence, as the SLOs tab's rows write one: thousands separated,
 * at most one decimal, and a count that is not 0 never reads as 0 (0.0172 → `0.017`). The rows'
 * own copy is `formatCount` of the frontend's formatSlo.ts; the two follow the same rules.
 * `decimals` allows more decimals (see {@link formatCountsApart}).
 *
 * @internal
 */
export function formatCount(value: number, decimals = 1): string {
  const abs = Math.abs(value);
  const text = abs.toLocaleString('en-US', {
    maximumFractionDigits: decimals,
  });
  const shown =
    text === '0' && abs !== 0
      ? abs.toLocaleString('en-US', { maximumSignificantDigits: 2 })
      : text;
  return value < 0 ? `\u2212${shown}` : shown;
}

/**
 * Two counts compared in one sentence, each as {@link formatCount} writes it, with more decimals
 * (up to 6) while they would read the same though they differ: 10 bad events against 9.96
 * allowed must not read "10 against 10".
 *
 * @internal
 */
export function formatCountsApart(a: number, b: number): [string, string] {
  let decimals = 1;
  while (
    a !== b &&
    decimals < 6 &&
    formatCount(a, decimals) === formatCount(b, decimals)
  ) {
    decimals++;
  }
  return [formatCount(a, decimals), formatCount(b, decimals)];
}
