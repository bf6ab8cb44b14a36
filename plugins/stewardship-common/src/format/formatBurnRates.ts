/*
 * The product's rule for writing burn rates compared in one sentence (a firing policy's rate
 * beside its threshold), in the spirit of formatPercents: rounded for reading, but never so far
 * that two different rates read the same, so a rate above its threshold always reads above it.
 */

const MINUS = '\u2212';

/**
 * The most significant digits a burn rate is written with: enough for any two different numbers
 * (doubles) to read differently.
 *
 * @public
 */
export const MAX_BURN_RATE_DIGITS = 17;

const formatters = new Map<number, Intl.NumberFormat>();

/** `|rate|` to `digits` significant digits, trailing zeros off, thousands separated by commas. */
function rateDigits(rate: number, digits: number): string {
  let format = formatters.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      maximumSignificantDigits: digits,
    });
    formatters.set(digits, format);
  }
  return format.format(Math.abs(rate));
}

const sameRate = (a: number, b: number) =>
  a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * Burn rates compared in one sentence, each with `significantDigits` significant digits (3 by
 * default), or the same, fewest more (up to {@link MAX_BURN_RATE_DIGITS}) with which no two
 * different rates read the same: 20.5 and 14.4 → `20.5`, `14.4`; 14.41 and 14.4 → `14.41`,
 * `14.4`; 0.2499 and 0.23333… → `0.25`, `0.233`. Trailing zeros off (16.04 → `16`), thousands
 * separated by commas (123456789 → `123,000,000`), a typographic minus; a rate that is not 0 never
 * reads 0 (0.0001234 → `0.000123`). Rounding keeps order, so a rate above another never reads
 * below it, and with different texts never the same: a firing rate reads above its threshold.
 *
 * @public
 */
export function formatBurnRates(
  rates: readonly number[],
  significantDigits = 3,
): string[] {
  const first = Math.min(
    Math.max(Math.round(significantDigits), 1),
    MAX_BURN_RATE_DIGITS,
  );
  const textsWith = (digits: number) =>
    rates.map(rate => `${rate < 0 ? MINUS : ''}${rateDigits(rate, digits)}`);
  const readApart = (texts: string[]) =>
    texts.every((text, i) =>
      texts.every((other, j) => other !== text || sameRate(rates[i], rates[j])),
    );
  let digits = first;
  while (digits < MAX_BURN_RATE_DIGITS && !readApart(textsWith(digits))) {
    digits++;
  }
  return textsWith(digits);
}
