/*
 * The time an SLO counts: its window, restricted to a weekly schedule (a business-hours SLO), minus
 * its corrections (excluded periods: one-off, or weekly such as "Sundays 02:00–04:00
 * Europe/Berlin"). Events outside the counted time are not counted at all, so excluded time burns
 * no budget: good, total and bad all come from the counted intervals only, and the metric source
 * counts each interval exactly as it counts a whole window.
 *
 * Weekly times are wall-clock times in the schedule's IANA zone, DST-aware (luxon): "02:00–04:00
 * Europe/Berlin" is two hours on most Sundays, one on the night clocks go forward (02:00–03:00 does
 * not exist then: luxon moves a nonexistent time forward) and three on the night they go back.
 * `to` may be `24:00` (midnight ending the day); `to` at or before `from` crosses midnight.
 */
import { DateTime } from 'luxon';
import { isKnownTimeZone } from './timeZones';
import { SloCorrectionSpec, Weekday, WeeklySchedule } from './types';

/**
 * A stretch of time `(start, end]` in epoch milliseconds.
 *
 * @public
 */
export interface TimeInterval {
  /** Exclusive start, epoch ms. */
  start: number;
  /** Inclusive end, epoch ms. */
  end: number;
}

const WEEKDAYS: ReadonlyArray<Weekday> = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
];

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/**
 * Problems with a weekly schedule, each with the field it concerns; empty when it is valid.
 *
 * @public
 */
export function weeklyScheduleProblems(
  schedule: WeeklySchedule,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (!isKnownTimeZone(schedule.timeZone)) {
    problems.push({
      path: 'timeZone',
      message: `unknown time zone "${schedule.timeZone}" (use an IANA name such as Europe/Berlin)`,
    });
  }
  if (schedule.days.length === 0) {
    problems.push({ path: 'days', message: 'name at least one day' });
  }
  const repeated = schedule.days.filter(
    (day, index) => schedule.days.indexOf(day) !== index,
  );
  if (repeated.length) {
    // A day named twice counts once; the schedule would not say what it does.
    problems.push({
      path: 'days',
      message: `name each day once (${[...new Set(repeated)].join(
        ', ',
      )} named more than once)`,
    });
  }
  for (const field of ['from', 'to'] as const) {
    if (!TIME_OF_DAY.test(schedule[field])) {
      problems.push({
        path: field,
        message: `must be a time of day HH:mm (00:00 to 24:00), not "${schedule[field]}"`,
      });
    }
  }
  if (schedule.from === '24:00') {
    problems.push({ path: 'from', message: 'must be before 24:00' });
  }
  if (schedule.from === schedule.to) {
    problems.push({
      path: 'to',
      message: 'must differ from "from" (an empty stretch counts nothing)',
    });
  }
  return problems;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The instant `minutes` after the start of a local date (past 24 h: on the next days), as epoch ms.
 * The clock is set rather than minutes added, so a DST change that day does not shift it.
 */
function wallClock(day: DateTime, minutes: number): number {
  return day
    .plus({ days: Math.floor(minutes / 1440) })
    .set({ hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 })
    .toMillis();
}

/**
 * The occurrences of a weekly schedule that overlap `(from, to]`, clipped to it, oldest first.
 *
 * @public
 */
export function weeklyOccurrences(
  schedule: WeeklySchedule,
  from: number,
  to: number,
): TimeInterval[] {
  const startMinutes = minutesOf(schedule.from);
  let endMinutes = minutesOf(schedule.to);
  if (endMinutes <= startMinutes) endMinutes += 24 * 60; // crosses midnight
  const days = new Set(schedule.days);
  const result: TimeInterval[] = [];
  // From the local day before `from` (an occurrence crossing midnight may reach into the window).
  let day = DateTime.fromMillis(from, { zone: schedule.timeZone })
    .startOf('day')
    .minus({ days: 1 });
  const last = DateTime.fromMillis(to, { zone: schedule.timeZone }).endOf(
    'day',
  );
  while (day <= last) {
    if (days.has(WEEKDAYS[day.weekday - 1])) {
      const start = Math.max(wallClock(day, startMinutes), from);
      const end = Math.min(wallClock(day, endMinutes), to);
      if (end > start) result.push({ start, end });
    }
    day = day.plus({ days: 1 });
  }
  return result;
}

/** Sorted, overlapping or touching intervals merged. */
function merge(intervals: TimeInterval[]): TimeInterval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: TimeInterval[] = [];
  for (const interval of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && interval.start <= previous.end) {
      previous.end = Math.max(previous.end, interval.end);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

/** `base` minus `holes`; both sorted and disjoint. */
function subtract(base: TimeInterval[], holes: TimeInterval[]): TimeInterval[] {
  const result: TimeInterval[] = [];
  for (const interval of base) {
    let start = interval.start;
    for (const hole of holes) {
      if (hole.end <= start || hole.start >= interval.end) continue;
      if (hole.start > start) result.push({ start, end: hole.start });
      start = Math.max(start, hole.end);
    }
    if (interval.end > start) result.push({ start, end: interval.end });
  }
  return result;
}

/**
 * The excluded periods of corrections that overlap `(from, to]`, clipped, merged and sorted.
 *
 * @public
 */
export function excludedIntervals(
  corrections: ReadonlyArray<SloCorrectionSpec>,
  from: number,
  to: number,
): TimeInterval[] {
  const holes: TimeInterval[] = [];
  for (const correction of corrections) {
    if (correction.once) {
      const start = Math.max(Date.parse(correction.once.start), from);
      const end = Math.min(Date.parse(correction.once.end), to);
      if (end > start) holes.push({ start, end });
    }
    if (correction.weekly) {
      holes.push(...weeklyOccurrences(correction.weekly, from, to));
    }
  }
  return merge(holes);
}

/**
 * How many of `corrections` exclude some time from `(from, to]`: what an evaluation of that window
 * records as `excludedCorrections` (a correction wholly outside the window excluded nothing).
 *
 * @public
 */
export function countExcludingCorrections(
  corrections: ReadonlyArray<SloCorrectionSpec>,
  from: number,
  to: number,
): number {
  return corrections.filter(
    correction => excludedIntervals([correction], from, to).length > 0,
  ).length;
}

/**
 * The intervals of `(start, end]` an SLO counts: within its schedule (when it has one), outside
 * its corrections; sorted and disjoint. One interval equal to the window when neither applies.
 *
 * @public
 */
export function countedIntervals(
  window: { start: Date; end: Date },
  options: {
    schedule?: WeeklySchedule;
    corrections?: ReadonlyArray<SloCorrectionSpec>;
  },
): TimeInterval[] {
  const from = window.start.getTime();
  const to = window.end.getTime();
  if (to <= from) return [];
  const base = options.schedule
    ? merge(weeklyOccurrences(options.schedule, from, to))
    : [{ start: from, end: to }];
  return subtract(base, excludedIntervals(options.corrections ?? [], from, to));
}
