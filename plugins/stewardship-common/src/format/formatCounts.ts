const MINUS = '\u2212';

/** The most decimals {@link formatCounts} gives: finer than any two counts of events it compares. */
const MAX_COUNT_DECIMALS = 6;

/**
 * Thousands separated with at most `decimals` decimals; a count that is not 0 never reads as 0:
 * below the last decimal it gets two significant digits (0.0172 to one decimal → `0.017`).
 */
function grouped(value: number, decimals: number): string {
  const abs = Math.abs(value);
  const text = abs.toLocaleString('en-US', { maximumFractionDigits: decimals });
  return text === '0' && abs !== 0
    ? abs.toLocaleString('en-US', { maximumSignificantDigits: 2 })
    : text;
}

/**
 * Event or slice counts compared in one sentence (bad requests beside the allowed ones), written
 * as the SLOs tab writes a count (thousands separated, one decimal, never 0 unless exactly) but
 * with the same decimals, one or the fewest more (up to six) with which different counts read
 * differently: 10 and 9.96 → `10` and `9.96`, not `10` twice beside an overspent budget; 9,989 and
 * 17,278.03 → `9,989` and `17,278`. Shared by the SLOs tab and the backend's status reasons, so a
 * pair reads the same in both.
 *
 * @public
 */
export function formatCounts(values: readonly number[]): string[] {
  const write = (decimals: number) =>
    values.map(value => {
      const text = grouped(value, decimals);
      return value < 0 ? `${MINUS}${text}` : text;
    });
  for (let decimals = 1; decimals < MAX_COUNT_DECIMALS; decimals++) {
    const texts = write(decimals);
    const valueOf = new Map<string, number>();
    const distinct = texts.every((text, i) => {
      const other = valueOf.get(text);
      valueOf.set(text, values[i]);
      return other === undefined || other === values[i];
    });
    if (distinct) return texts;
  }
  return write(MAX_COUNT_DECIMALS);
}
