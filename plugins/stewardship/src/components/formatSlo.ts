/*
 * Display formatting for SLO figures, for the tab's rows and the per-SLO details alike. These
 * helpers only format numbers the backend computed (SLI, budget, counts, seconds); they never
 * derive a figure of their own, and values are only rounded for reading: the exact numbers the
 * backend used are in the "why this number" formulas, shown verbatim.
 *
 * The details view rounds some figures differently from the rows (counts to thousandths, a
 * hyphen-minus); those variants are named after what they do so both views keep exactly the text
 * they showed before the two formatters were merged. Burn rates read the same everywhere.
 */

import { formatBurnRates } from '@stewardship/backstage-plugin-stewardship-common';

const MINUS = '\u2212';

// The percentage, instant and compared-counts rules are shared with the backend's reasons (the
// release gate's, built in -common for the entity page and the CI text; an exhausted SLO's), so
// the same figure reads the same everywhere.
export {
  formatCounts,
  formatInstant,
  formatPercent,
  formatPercentHyphenMinus,
  formatPercents,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * `|value|` with thousands separators and at most `decimals` decimals; a value that is not 0 never
 * reads as 0 (as a percentage never does): below the last decimal it gets two significant digits,
 * 0.0172 to one decimal → `0.017`.
 */
function grouped(value: number, decimals: number): string {
  const abs = Math.abs(value);
  const text = abs.toLocaleString('en-US', { maximumFractionDigits: decimals });
  return text === '0' && abs !== 0
    ? abs.toLocaleString('en-US', { maximumSignificantDigits: 2 })
    : text;
}

/**
 * A burn rate on its own (no threshold beside it) as every view writes one: three significant
 * digits, thousands separated, never 0 unless exactly (`formatBurnRates`): 14.4, 20, 0.5,
 * `1,230`, `0.004`. A rate shown beside a threshold is written with it (`formatBurnRates` on the
 * pair) instead.
 */
export function formatBurnRate(rate: number): string {
  return formatBurnRates([rate])[0];
}

/**
 * An event count with thousands separators and at most three decimals, as the details view and
 * its "why this number" panels write it: 17278032 → `17,278,032`; a count that is not 0 never
 * reads as 0 (0.0001 → `0.0001`).
 */
export function formatCountThousandths(count: number): string {
  return `${count < 0 ? '-' : ''}${grouped(count, 3)}`;
}

/**
 * An event or slice count with thousands separators and at most one decimal: `17,278`. A count
 * that is not 0 never reads as 0: 0.0172 allowed bad requests → `0.017`.
 */
export function formatCount(value: number): string {
  const text = grouped(value, 1);
  return value < 0 ? `${MINUS}${text}` : text;
}

/** A year as 365 days: a duration in years is a reading aid, not a calendar span. */
const UNITS: ReadonlyArray<[string, number]> = [
  ['year', 365 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * A duration in words, its two largest units, rounded down, a year being 365 days:
 * 90061 → `1 day 1 hour`, 300 → `5 minutes`, 20 → `less than a minute`, 1095 days → `3 years`,
 * with thousands separated (`1,200 years`).
 */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const first = UNITS.findIndex(([, size]) => whole >= size);
  if (first === -1) {
    return 'less than a minute';
  }
  const parts: string[] = [];
  let rest = whole;
  for (const [unit, size] of UNITS.slice(first, first + 2)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) {
      parts.push(
        `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`,
      );
    }
  }
  return parts.join(' ');
}

/** A Date as the value of an `<input type="datetime-local">`, in the browser's time zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
