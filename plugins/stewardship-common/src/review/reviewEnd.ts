/*
 * The moment a review reads an SLO's figures "at the end" of its period.
 *
 * Review periods are in UTC (a link means the same period to everyone), but a calendar SLO's
 * month or quarter starts at midnight in its own zone. A review of Q3 in UTC ends at
 * 1 Oct 00:00Z, which for a Europe/Berlin quarter SLO is 02:00 on its Q4's first day: the latest
 * snapshot then describes two hours of Q4, not how Q3 ended. So when the period ends at a UTC
 * midnight (whole-day periods: the last full quarter, custom ranges), a calendar SLO is read at
 * the same date's midnight in its own zone: 30 Sep 22:00Z for Europe/Berlin, 1 Oct 04:00Z for
 * America/New_York (never later than now: a window that has not ended yet is read as it stands).
 * A rolling SLO, a UTC calendar SLO and a period ending at any other moment (last 30 days,
 * quarter to date: "now") are read at the period's end.
 */
import { DateTime } from 'luxon';
import { SloTimeWindow } from '../slo/types';

const DAY_MS = 86_400_000;

/**
 * The moment the review of a period ending at `to` reads an SLO's status, budget and release-gate
 * input (see the file comment): `to`, or for a calendar SLO when `to` is a UTC midnight, that
 * date's midnight in the SLO's zone, capped at `now`.
 *
 * @public
 */
export function reviewEndFor(
  timeWindow: SloTimeWindow,
  to: Date,
  now: Date,
): Date {
  if (timeWindow.type !== 'calendar' || to.getTime() % DAY_MS !== 0) return to;
  const local = DateTime.fromObject(
    {
      year: to.getUTCFullYear(),
      month: to.getUTCMonth() + 1,
      day: to.getUTCDate(),
    },
    { zone: timeWindow.timeZone },
  );
  // An unknown zone cannot be stored (the SLO spec checks it); stay on `to` rather than throw.
  if (!local.isValid) return to;
  return new Date(Math.min(local.toMillis(), now.getTime()));
}
