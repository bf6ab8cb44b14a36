/*
 * The length of a calendar SLO window's current period, for the SLO editor, without luxon: the
 * frontend would otherwise bundle luxon (~20 kB gzip) for this one figure. It is the
 * `periodSeconds` of -common's `sloWindowAt`, which the backend evaluates with (luxon): the same
 * steps luxon takes (its start of the month or quarter, plus one unit, its start again), with the
 * zone's offsets read from `Intl` as luxon reads them, so DST shifts inside the period and
 * periods that begin in a DST gap count as they do there. The tests compare the two over many
 * zones and years.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ts`, in minutes, as luxon's IANAZone.offset reads it. */
function offsetMinutes(timeZone: string, ts: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(ts));
  const text = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find(p => p.type === type)?.value;
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(text(type));
  const bc = text('era') === 'BC';
  const year = bc ? 1 - value('year') : value('year');
  const hour = value('hour') === 24 ? 0 : value('hour');
  const asUtc = Date.UTC(
    year,
    value('month') - 1,
    value('day'),
    hour,
    value('minute'),
    value('second'),
  );
  const over = ts % 1000;
  const wholeSeconds = ts - (over >= 0 ? over : 1000 + over);
  return (asUtc - wholeSeconds) / 60_000;
}

/** A wall-clock date (month 1–12). */
interface WallClock {
  year: number;
  month: number;
  day: number;
}

/** Its midnight as epoch milliseconds read as if UTC (luxon's "local timestamp"). */
const wallClockMillis = (c: WallClock) => Date.UTC(c.year, c.month - 1, c.day);

/**
 * The instant of a wall-clock time in the zone, starting from the offset `guess` (luxon's
 * fixOffset): a time a DST gap skips moves forward, one a DST fold repeats is its first.
 */
function toInstant(
  timeZone: string,
  localMillis: number,
  guess: number,
): { ts: number; offset: number } {
  let utcGuess = localMillis - guess * 60_000;
  const o2 = offsetMinutes(timeZone, utcGuess);
  if (guess === o2) return { ts: utcGuess, offset: guess };
  utcGuess -= (o2 - guess) * 60_000;
  const o3 = offsetMinutes(timeZone, utcGuess);
  if (o2 === o3) return { ts: utcGuess, offset: o2 };
  return {
    ts: localMillis - Math.min(o2, o3) * 60_000,
    offset: Math.max(o2, o3),
  };
}

/** The wall-clock date of `ts` in the zone whose offset there is `offset` minutes. */
function wallClockOf(ts: number, offset: number): WallClock {
  const d = new Date(ts + offset * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  };
}

/** The first month of the unit (the month itself, or its quarter's first). */
const unitStartMonth = (month: number, unit: 'month' | 'quarter') =>
  unit === 'month' ? month : Math.floor((month - 1) / 3) * 3 + 1;

/**
 * Seconds in the calendar month or quarter of `timeZone` that `at` falls in: `sloWindowAt`'s
 * `periodSeconds`. Throws for a zone `Intl` does not know.
 */
export function calendarPeriodSeconds(
  unit: 'month' | 'quarter',
  timeZone: string,
  at: Date,
): number {
  const atMillis = at.getTime();
  const atOffset = offsetMinutes(timeZone, atMillis);
  const local = wallClockOf(atMillis, atOffset);
  // Its start: the first day of the unit at midnight, from the offset at `at`.
  const start = toInstant(
    timeZone,
    wallClockMillis({
      year: local.year,
      month: unitStartMonth(local.month, unit),
      day: 1,
    }),
    atOffset,
  );
  // Plus one unit (the start's wall clock: midnight, or 01:00 after a gap), then its start.
  const startClock = new Date(start.ts + start.offset * 60_000);
  const months = unit === 'month' ? 1 : 3;
  const plusMonth0 = startClock.getUTCMonth() + months;
  const plus = toInstant(
    timeZone,
    Date.UTC(
      startClock.getUTCFullYear(),
      plusMonth0,
      1,
      startClock.getUTCHours(),
      startClock.getUTCMinutes(),
      startClock.getUTCSeconds(),
      startClock.getUTCMilliseconds(),
    ),
    start.offset,
  );
  const plusClock = wallClockOf(plus.ts, plus.offset);
  const next = toInstant(
    timeZone,
    wallClockMillis({
      year: plusClock.year,
      month: unitStartMonth(plusClock.month, unit),
      day: 1,
    }),
    plus.offset,
  );
  return (next.ts - start.ts) / 1000;
}
