/*
 * The moments a review reads an SLO over: its start and its "end".
 *
 * Review periods are in UTC (a link means the same period to everyone), but a calendar SLO's
 * month or quarter starts at midnight in its own zone. A review of Q3 in UTC ends at
 * 1 Oct 00:00Z, which for a Europe/Berlin quarter SLO is 02:00 on its Q4's first day: the latest
 * snapshot then describes two hours of Q4, not how Q3 ended. So when the period ends at a UTC
 * midnight (whole-day periods: the last full quarter, custom ranges), a calendar SLO is read at
 * the same date's midnight in its own zone: 30 Sep 22:00Z for Europe/Berlin, 1 Oct 04:00Z for
 * America/New_York (never later than now: a window that has not ended yet is read as it stands).
 * Its start moves the same way when the period starts at a UTC midnight (every period but the
 * last 30 days), so its attainment and worst burn count its own Q3: for Berlin from 30 Jun 22:00Z.
 * A rolling SLO, a UTC calendar SLO and a bound at any other moment (last 30 days' start, "now")
 * are read at the period's bound.
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
  const local = ownMidnight(timeWindow, to);
  return local ? new Date(Math.min(local.getTime(), now.getTime())) : to;
}

/**
 * The moment the review of a period starting at `from` counts an SLO's snapshots from (see the
 * file comment): `from`, or for a calendar SLO when `from` is a UTC midnight, that date's
 * midnight in the SLO's zone.
 *
 * @public
 */
export function reviewStartFor(timeWindow: SloTimeWindow, from: Date): Date {
  return ownMidnight(timeWindow, from) ?? from;
}

/** For a calendar SLO and a UTC midnight, the same date's midnight in the SLO's zone. */
function ownMidnight(timeWindow: SloTimeWindow, bound: Date): Date | undefined {
  if (timeWindow.type !== 'calendar' || bound.getTime() % DAY_MS !== 0) {
    return undefined;
  }
  const local = DateTime.fromObject(
    {
      year: bound.getUTCFullYear(),
      month: bound.getUTCMonth() + 1,
      day: bound.getUTCDate(),
    },
    { zone: timeWindow.timeZone },
  );
  // An unknown zone cannot be stored (the SLO spec checks it); stay on the bound rather than throw.
  return local.isValid ? local.toJSDate() : undefined;
}
