import { InputError } from '@backstage/errors';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A period's start when the request names none: `days` before its end, but not before 1970,
 * where an explicit `from` must start too (a `to` early in 1970 would otherwise answer a period
 * from 1969 that no request may ask for).
 */
export function defaultPeriodStart(to: Date, days: number): Date {
  return new Date(Math.max(0, to.getTime() - days * DAY_MS));
}

/**
 * The 400 for a period whose start is not before its end, naming what ends it: `to`, else now (a
 * `from` is not "before to" when no `to` was sent). Without `from` only a `to` at the first
 * instant of 1970 gives one, its default start being clamped there.
 */
export function emptyPeriodError(range: { from?: Date; to?: Date }) {
  if (!range.from) {
    return new InputError(
      'Invalid query parameter "to": must be after 1970-01-01T00:00:00Z, for the period to cover some time',
    );
  }
  return new InputError(
    range.to
      ? 'Invalid query parameter "from": must be before "to"'
      : 'Invalid query parameter "from": must be before now, where the period ends when no "to" is given',
  );
}
