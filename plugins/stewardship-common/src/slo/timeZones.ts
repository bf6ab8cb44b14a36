import { DateTime } from 'luxon';

/**
 * Whether `timeZone` names a time zone an SLO may be kept in: one the platform's `Intl` knows (an
 * IANA name such as `Europe/Berlin`, `UTC`, or an offset such as `+05:30`), and that luxon, which
 * computes the windows and schedules, reads as the same zone.
 *
 * luxon alone is not enough: it also takes `local`, `system` and `default` (whatever zone the
 * process or the browser runs in, so the backend and the SLOs tab would count different hours)
 * and `UTC+5`, none of them a zone `Intl` knows, so they could be neither stored under their tz
 * database spelling nor shown.
 *
 * @public
 */
export function isKnownTimeZone(timeZone: string): boolean {
  let known: string;
  try {
    // A RangeError for a zone it does not know.
    known = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions()
      .timeZone;
  } catch {
    return false;
  }
  return Boolean(known) && DateTime.local().setZone(timeZone).isValid;
}
