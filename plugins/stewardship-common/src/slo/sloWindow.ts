/*
 * The SLO window at a moment `at`.
 *
 * - rolling `d`:   start = at − d, end = at, period = d, elapsed = 1.
 * - calendar unit: start = the start of the month/quarter containing `at`, in the SLO's time zone;
 *                  end = at; period = the whole month/quarter's real length in seconds;
 *                  elapsed = (at − start) / period.
 *
 * The calendar period is the real length, not "30 days", because budget thresholds scale with it:
 * March in Europe/Berlin lasts 31 d − 1 h (clocks skip an hour), October 31 d + 1 h. Month starts are
 * taken in the SLO's zone, since "the budget resets on the 1st" means local midnight, which is a
 * different instant per zone. Luxon does the zone arithmetic so this stays isomorphic (no Node APIs).
 */
import { DateTime } from 'luxon';
import { parseDuration } from './durations';
import { SloTimeWindow } from './types';

/**
 * The SLO window at one moment, as computed by {@link sloWindowAt}.
 *
 * @public
 */
export interface SloWindow {
  /** First instant the SLI covers. */
  start: Date;
  /** Last instant the SLI covers: the evaluation moment. */
  end: Date;
  /** Length of the whole period in seconds: the rolling duration, or the whole month/quarter. */
  periodSeconds: number;
  /** Fraction of the period that has passed: always 1 for rolling windows. */
  elapsedFraction: number;
}

/**
 * Computes the window an SLO covers at `at`: the last `duration` for rolling windows, or the
 * calendar month/quarter so far (in the SLO's IANA time zone, DST-aware) for calendar windows.
 *
 * @throws Error on an invalid date, duration, unit or time zone.
 * @public
 */
export function sloWindowAt(timeWindow: SloTimeWindow, at: Date): SloWindow {
  const atMillis = at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(atMillis)) {
    throw new Error(`Invalid SLO window time: ${String(at)}`);
  }

  if (timeWindow.type === 'rolling') {
    const seconds = parseDuration(timeWindow.duration);
    if (seconds === undefined) {
      throw new Error(
        `Invalid rolling SLO window duration "${timeWindow.duration}": expected e.g. 28d`,
      );
    }
    return {
      start: new Date(atMillis - seconds * 1000),
      end: new Date(atMillis),
      periodSeconds: seconds,
      elapsedFraction: 1,
    };
  }

  if (timeWindow.type === 'calendar') {
    const { unit, timeZone } = timeWindow;
    if (unit !== 'month' && unit !== 'quarter') {
      throw new Error(
        `Invalid calendar SLO window unit "${unit}": expected month or quarter`,
      );
    }
    const local = DateTime.fromMillis(atMillis, { zone: timeZone });
    if (!local.isValid) {
      throw new Error(
        `Invalid SLO window time zone "${timeZone}": expected an IANA zone such as Europe/Berlin`,
      );
    }
    const start = local.startOf(unit);
    // The next period's first local instant, so DST shifts inside the period show up in the
    // difference of the two instants. Its start of unit, not `start` plus one unit: a period that
    // began in a DST gap (clocks springing forward at midnight) began at 01:00, and the next one
    // begins at midnight.
    const next = start
      .plus(unit === 'month' ? { months: 1 } : { quarters: 1 })
      .startOf(unit);
    const periodSeconds = (next.toMillis() - start.toMillis()) / 1000;
    return {
      start: start.toJSDate(),
      end: new Date(atMillis),
      periodSeconds,
      elapsedFraction: (atMillis - start.toMillis()) / 1000 / periodSeconds,
    };
  }

  throw new Error(
    `Invalid SLO window type "${
      (timeWindow as { type?: unknown }).type
    }": expected rolling or calendar`,
  );
}
