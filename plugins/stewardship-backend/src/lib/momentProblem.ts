/**
 * What is wrong with a date-time a client sent, once parsed, or undefined when it names a moment
 * from 1970 on. The spec has checked the RFC 3339 form (full mode: no 30 February), but a form can
 * still name no moment a Date can hold (a leap second, 23:59:60; an offset past ±24 h), or one
 * before 1970: both are the client's mistake, a 400 that should say which.
 */
export function momentProblem(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) {
    return 'is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)';
  }
  if (date.getTime() < 0) {
    return 'is not a date-time from 1970 on';
  }
  return undefined;
}
