/*
 * Percentages as the form shows them and fractions as the backend stores them, converted by
 * moving the decimal point in the text rather than by multiplying floats: 99.9 / 100 is
 * 0.9990000000000001, but the text "0.999" reads as exactly the fraction 0.999 a user means.
 * Each number keeps every digit it has (0.9999999999999 shows as 99.99999999999, not 100), and
 * text and fraction convert back to each other unchanged.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Beyond this many places a shift makes no number a form holds (and no giant string). */
const MAX_SHIFT = 400;

/**
 * `text`, a decimal number such as `99.9` or `1e-7`, with its decimal point moved `places` to
 * the right (left when negative), written without an exponent; undefined when `text` is not
 * such a number.
 */
export function shiftDecimalPoint(
  text: string,
  places: number,
): string | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  if (digits === '') return undefined;
  // The number is digits × 10^power.
  const power = Number(exponent) + places - fraction.length;
  if (Math.abs(power) > MAX_SHIFT) return undefined;
  const padded = power >= 0 ? digits : digits.padStart(1 - power, '0');
  const wholePart = (
    power >= 0 ? padded + '0'.repeat(power) : padded.slice(0, power)
  ).replace(/^0+(?=\d)/, '');
  const fractionPart = power >= 0 ? '' : padded.slice(power).replace(/0+$/, '');
  const unsigned = fractionPart ? `${wholePart}.${fractionPart}` : wholePart;
  return sign === '-' && /[1-9]/.test(unsigned) ? `-${unsigned}` : unsigned;
}

/** Fraction → percent text with the digits it needs (0.999 → "99.9"). */
export function toPercentText(fraction: number): string {
  return shiftDecimalPoint(String(fraction), 2) ?? String(fraction * 100);
}

/** Percent text → fraction, as written ("99.9" → 0.999). */
export function toFraction(percentText: string): number {
  const shifted = shiftDecimalPoint(percentText, -2);
  return shifted === undefined ? Number(percentText) / 100 : Number(shifted);
}
