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
  if (Number.isNaN(date.getTime()) || date.getTime() < 0) {
    throw new InputError(
      `Invalid ${field}: "${value}" is not a date-time from 1970 on`,
    );
  }
  return date;
}
