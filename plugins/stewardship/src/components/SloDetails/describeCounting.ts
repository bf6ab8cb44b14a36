import {
  SloCorrectionSpec,
  Weekday,
  WeeklySchedule,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatInstant } from '../formatSlo';

const ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LABEL: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** Days in week order, consecutive runs of three or more as ranges: `Mon–Fri`, `Mon, Wed, Sat–Sun`. */
export function daysText(days: ReadonlyArray<Weekday>): string {
  const indexes = ORDER.map((d, i) => (days.includes(d) ? i : -1)).filter(
    i => i >= 0,
  );
  const runs: number[][] = [];
  for (const i of indexes) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  }
  return runs
    .map(run =>
      run.length >= 2
        ? `${LABEL[ORDER[run[0]]]}–${LABEL[ORDER[run[run.length - 1]]]}`
        : LABEL[ORDER[run[0]]],
    )
    .join(', ');
}

/** `Mon–Fri 09:00–17:00 Europe/Berlin`. */
export function scheduleText(schedule: WeeklySchedule): string {
  return `${daysText(schedule.days)} ${schedule.from}–${schedule.to} ${
    schedule.timeZone
  }`;
}

/** `2026-11-29 10:00 UTC – 2026-11-29 12:00 UTC` or `every Sun 02:00–04:00 Europe/Berlin`. */
export function correctionPeriodText(correction: SloCorrectionSpec): string {
  if (correction.once) {
    return `${formatInstant(correction.once.start)} – ${formatInstant(
      correction.once.end,
    )}`;
  }
  return correction.weekly ? `every ${scheduleText(correction.weekly)}` : '';
}
