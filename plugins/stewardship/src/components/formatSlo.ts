/*
 * Display formatting for SLO figures, for the tab's rows and the per-SLO details alike. These
 * helpers only format numbers the backend computed (SLI, budget, counts, seconds); they never
 * derive a figure of their own, and values are only rounded for reading: the exact numbers the
 * backend used are in the "why this number" formulas, shown verbatim.
 *
 * The details view rounds some figures differently from the rows (rates to hundredths, counts to
 * thousandths, a hyphen-minus); those variants are named after what they do so both views keep
 * exactly the text they showed before the two formatters were merged.
 */

const MINUS = '\u2212';

// The percentage and instant rules are shared with the release gate's reasons (built in -common
// for the entity page and the backend's CI text), so the same figure reads the same everywhere.
export {
  formatInstant,
  formatPercent,
  formatPercentHyphenMinus,
  formatPercents,
} from '@stewardship/backstage-plugin-stewardship-common';

/** A burn rate to three significant digits: 14.4, 20, 0.5. */
export function formatRate(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A burn rate or threshold to at most two decimals, as the details view writes it: 15.2 → `15.2`. */
export function formatRateHundredths(rate: number): string {
  return String(Number(rate.toFixed(2)));
}

/**
 * An event count with thousands separators and at most three decimals, as the details view and
 * its "why this number" panels write it: 17278032 → `17,278,032`.
 */
export function formatCountThousandths(count: number): string {
  return count.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** An event or slice count with thousands separators and at most one decimal: `17,278`. */
export function formatCount(value: number): string {
  const text = Math.abs(value).toLocaleString('en-US', {
    maximumFractionDigits: 1,
  });
  return value < 0 && text !== '0' ? `${MINUS}${text}` : text;
}

const UNITS: ReadonlyArray<[string, number]> = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * A duration in words, its two largest units, rounded down:
 * 90061 → `1 day 1 hour`, 300 → `5 minutes`, 20 → `less than a minute`.
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
      parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
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
