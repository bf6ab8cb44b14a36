/*
 * Days of the viewer's calendar, for fixtures that must stay valid whenever the tests run. A test
 * that types a fixed date into a form ("Ends on 2027-01-15") starts failing once that day has
 * come, and one that counts days in UTC is a day off for part of every day in the zone the unit
 * tests run in (America/St_Johns). Worked out with the calendar (`Date`'s local fields), not by
 * adding 24-hour days, so a day stays a day across a change of daylight-saving time.
 */

/** The viewer's calendar day `days` after the day of `now` (before it when negative), as YYYY-MM-DD. */
export function localDayFromNow(days: number, now: Date | number = Date.now()) {
  const today = new Date(now);
  const then = new Date(
    today.getFullYear(),
    today.getMonth(),
    today.getDate() + days,
  );
  return [
    String(then.getFullYear()).padStart(4, '0'),
    String(then.getMonth() + 1).padStart(2, '0'),
    String(then.getDate()).padStart(2, '0'),
  ].join('-');
}

/** The first moment of a YYYY-MM-DD day in the viewer's time zone. */
export function startOfLocalDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}
