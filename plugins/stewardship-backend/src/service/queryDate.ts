import { InputError } from '@backstage/errors';

/**
 * A date-time query parameter (`?at=`, `?from=`, `?to=`) as a Date. The spec has checked the
 * RFC 3339 form (full mode: no 30 February), but a form can still name no moment (an offset of
 * +25:00, a leap second) or one before 1970: both are the client's mistake, a 400 naming the
 * parameter.
 */
export function queryDate(value: string | undefined, parameter: string) {
  return requestDate(value, `query parameter "${parameter}"`);
}

/** {@link queryDate} for a date-time property of a JSON request body. */
export function bodyDate(value: string | undefined, property: string) {
  return requestDate(value, `request body "${property}"`);
}

function requestDate(value: string | undefined, field: string) {
  if (value === undefined) {
    return undefined;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    // RFC 3339 allows what no Date can place: a leap second (23:59:60), an offset past ±24 h.
    throw new InputError(
      `Invalid ${field}: "${value}" is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)`,
    );
  }
  if (date.getTime() < 0) {
    throw new InputError(
      `Invalid ${field}: "${value}" is not a date-time from 1970 on`,
    );
  }
  return date;
}
