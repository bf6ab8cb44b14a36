/*
 * The product's one rule for writing a fraction as a percentage, shared by the frontend (the SLOs
 * tab, the details view, the review) and the release gate's reasons (shown on the entity page and
 * printed for CI by the backend), so the same figure reads the same wherever it appears.
 */

const MINUS = '\u2212';

/** Trailing zeros off a fixed-point string: `99.900` → `99.9`, `100.000` → `100`. */
function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * The most decimals a percentage is shown with: a millionth of a percent, finer than any objective
 * the editor takes in practice (99.9999 % needs four) or a count-based figure needs short of a
 * billion events.
 *
 * @public
 */
export const MAX_PERCENT_DECIMALS = 6;

/** `|fraction|` as a percentage with `decimals` decimals, trailing zeros off: `99.95`, `100`. */
function percentDigits(fraction: number, decimals: number): string {
  return trimZeros(Math.abs(fraction * 100).toFixed(decimals));
}

/** True when the digits read 0 or 100 though the fraction is not exactly 0 or 1 (or −1). */
function readsAsBound(fraction: number, digits: string): boolean {
  return (
    (digits === '0' && fraction !== 0) ||
    (digits === '100' && Math.abs(fraction) !== 1)
  );
}

/**
 * The decimals that show every fraction honestly: `decimals`, or the fewest more (at most
 * {@link MAX_PERCENT_DECIMALS}) with which no fraction that is not exactly 0 % or 100 % reads as
 * 0 % or 100 %, and no two different fractions read the same.
 */
function percentDecimals(fractions: readonly number[], decimals: number) {
  for (let d = decimals; d < MAX_PERCENT_DECIMALS; d++) {
    const seen = new Map<string, number>();
    const honest = fractions.every(fraction => {
      const digits = percentDigits(fraction, d);
      const text = `${fraction < 0 ? '-' : ''}${digits}`;
      const other = seen.get(text);
      seen.set(text, fraction);
      return (
        !readsAsBound(fraction, digits) && (other ?? fraction) === fraction
      );
    });
    if (honest) return d;
  }
  return Math.max(decimals, MAX_PERCENT_DECIMALS);
}

/** A comma between every three digits of the whole part: `12345.678` → `12,345.678`. */
function groupThousands(digits: string): string {
  const [whole, fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * The percentage with `decimals` decimals and the given minus, thousands separated by commas
 * (an overspent budget: `−5,000 %`). A fraction that still reads 0 % or
 * 100 % at that precision (past {@link MAX_PERCENT_DECIMALS}) says on which side of it it lies:
 * `> 99.999999 %`, `< 0.000001 %`, `> −0.000001 %`.
 */
function percentText(fraction: number, decimals: number, minus: string) {
  const digits = percentDigits(fraction, decimals);
  const signed = (text: string, negative: boolean) =>
    `${negative ? minus : ''}${groupThousands(text)} %`;
  if (readsAsBound(fraction, digits)) {
    const value = fraction * 100;
    const bound = digits === '0' ? 0 : Math.sign(value) * 100;
    // The value lies between the bound and one step (the last decimal) past it, on its side.
    const edge = bound + (value > bound ? 1 : -1) * 10 ** -decimals;
    return `${value > bound ? '<' : '>'} ${signed(
      trimZeros(Math.abs(edge).toFixed(decimals)),
      edge < 0,
    )}`;
  }
  return signed(digits, fraction < 0 && digits !== '0');
}

/**
 * A fraction as a percentage with up to `decimals` decimals and a typographic minus:
 * 0.9995 → `99.95 %`, −0.125 → `−12.5 %`, −50 → `−5,000 %` (thousands separated by commas). A percentage that is not exactly 0 % or 100 % never
 * reads as one: it gets as many more decimals as it takes, up to {@link MAX_PERCENT_DECIMALS}
 * (0.999999 → `99.9999 %`, 0.0004 to one decimal → `0.04 %`).
 *
 * @public
 */
export function formatPercent(fraction: number, decimals = 3): string {
  return percentText(fraction, percentDecimals([fraction], decimals), MINUS);
}

/**
 * Fractions compared in one sentence, as {@link formatPercent} writes them but with the same,
 * enough decimals for different fractions to read differently (up to
 * {@link MAX_PERCENT_DECIMALS}): 0.9999 and 0.99989 → `99.99 %` and `99.989 %`; 0.9999 and
 * 0.999899 → `99.99 %` and `99.9899 %`.
 *
 * @public
 */
export function formatPercents(
  fractions: readonly number[],
  decimals = 3,
): string[] {
  const d = percentDecimals(fractions, decimals);
  return fractions.map(fraction => percentText(fraction, d, MINUS));
}

/**
 * A fraction as a percentage with at most `decimals` decimals and a hyphen-minus, as the details
 * view and the planning review write it: 0.99942 → `99.942 %`, −0.2 → `-20 %`. The same rule as
 * {@link formatPercent}: never 0 % or 100 % unless exactly (0.99996 to two decimals → `99.996 %`).
 *
 * @public
 */
export function formatPercentHyphenMinus(
  fraction: number,
  decimals = 3,
): string {
  return percentText(fraction, percentDecimals([fraction], decimals), '-');
}
