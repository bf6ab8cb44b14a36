import { InputError } from '@backstage/errors';
import { momentProblem } from '../lib/momentProblem';

/**
 * A date-time query parameter (`?at=`, `?from=`, `?to=`) as a Date; one that names no moment from
 * 1970 on ({@link momentProblem}) is a 400 naming the parameter.
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
  const problem = momentProblem(date);
  if (problem) {
    throw new InputError(`Invalid ${field}: "${value}" ${problem}`);
  }
  return date;
}
