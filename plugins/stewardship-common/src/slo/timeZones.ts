/**
 * Whether `timeZone` names a time zone an SLO may be kept in: one the platform's `Intl` knows (an
 * IANA name such as `Europe/Berlin`, `UTC`, or an offset such as `+05:30`). luxon, which computes
 * the windows and schedules, asks `Intl` about such a name, so it reads each the same way.
 *
 * luxon's own check is not enough: it also takes `local`, `system` and `default` (whatever zone
 * the process or the browser runs in, so the backend and the SLOs tab would count different
 * hours) and `UTC+5`, none of them a zone `Intl` knows, so they could be neither stored under their
 * tz database spelling nor shown. Without luxon here, the frontend's form checks it too without
 * bundling luxon.
 *
 * @public
 */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    // A RangeError for a zone it does not know.
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone,
    );
  } catch {
    return false;
  }
}
