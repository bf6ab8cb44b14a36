/*
 * The review's period presets, in UTC so a link means the same period to everyone:
 *
 *   last-30-days       [now − 30 days, now]
 *   quarter-to-date    [start of the current calendar quarter, now]
 *   last-full-quarter  [start of the previous quarter, start of the current one]
 *   custom             [from 00:00, the day after `to` 00:00] (whole days), the end capped at now,
 *                      at most MAX_PERIOD_DAYS (731) days: the backend answers a longer one 400
 */
import { periodSpanProblem } from '@stewardship/backstage-plugin-stewardship-common';

/** The period presets, in the picker's order. */
export const REVIEW_PERIODS = [
  { id: 'last-30-days', label: 'Last 30 days' },
  { id: 'quarter-to-date', label: 'Quarter to date' },
  { id: 'last-full-quarter', label: 'Last full quarter' },
  { id: 'custom', label: 'Custom range' },
] as const;

/** A preset's id. */
export type ReviewPeriodId = (typeof REVIEW_PERIODS)[number]['id'];

const DAY_MS = 86_400_000;

const quarterStart = (year: number, quarter: number) =>
  new Date(Date.UTC(year, quarter * 3, 1));

/**
 * The period of a preset as of `now`; for `custom`, of the `YYYY-MM-DD` days given. A problem
 * instead when a custom range is incomplete, empty or longer than the backend reviews.
 */
export function reviewPeriod(
  id: ReviewPeriodId,
  now: Date,
  custom: { from?: string; to?: string } = {},
): { from: Date; to: Date } | { problem: string } {
  const year = now.getUTCFullYear();
  const quarter = Math.floor(now.getUTCMonth() / 3);
  switch (id) {
    case 'quarter-to-date':
      return { from: quarterStart(year, quarter), to: now };
    case 'last-full-quarter':
      return {
        from:
          quarter === 0
            ? quarterStart(year - 1, 3)
            : quarterStart(year, quarter - 1),
        to: quarterStart(year, quarter),
      };
    case 'custom': {
      const from = custom.from ? Date.parse(`${custom.from}T00:00:00Z`) : NaN;
      const to = custom.to
        ? Date.parse(`${custom.to}T00:00:00Z`) + DAY_MS
        : NaN;
      if (Number.isNaN(from) || Number.isNaN(to)) {
        return { problem: 'Pick the first and the last day of the range.' };
      }
      const end = Math.min(to, now.getTime());
      if (from >= end) {
        return {
          problem:
            'The first day must be on or before the last day, and not in the future.',
        };
      }
      const tooLong = periodSpanProblem(new Date(from), new Date(end));
      if (tooLong) {
        return {
          problem: `${tooLong.charAt(0).toUpperCase()}${tooLong.slice(
            1,
          )}. Pick a later first day or an earlier last day.`,
        };
      }
      return { from: new Date(from), to: new Date(end) };
    }
    default:
      return { from: new Date(now.getTime() - 30 * DAY_MS), to: now };
  }
}

/**
 * What the backend is asked for a period: an end at `now` is left out, for the backend's own now
 * (it refuses an end in its future, and the browser's clock may run ahead of it); so is the start
 * of the last 30 days, which is the backend's default: 30 days before the end.
 */
export function reviewQueryPeriod(
  id: ReviewPeriodId,
  period: { from: Date; to: Date },
  now: Date,
): { from?: Date; to?: Date } {
  if (period.to.getTime() !== now.getTime()) return period;
  return id === 'last-30-days' ? {} : { from: period.from };
}
