/*
 * Fields of a PagerDuty incident (an event's `data`) that the spec leaves unchecked: it only knows
 * `data` is an object, as PagerDuty may add fields. A signed delivery is still no promise of their
 * form (a bug at the sender, a hand-made test delivery), and each ends up somewhere a reader
 * trusts: the detection moment in MTTD, the number in the timeline, the service id in the answer.
 */
import { InputError } from '@backstage/errors';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { momentProblem } from '../../lib/momentProblem';

/** The spec's own check of a date-time (RFC 3339, full mode: no 30 February), as for `occurred_at`. */
const isDateTime = addFormats(new Ajv(), ['date-time']).compile<string>({
  type: 'string',
  format: 'date-time',
});

/** A value as a message quotes it: JSON (controls escaped), at most 40 characters of a string. */
function quoted(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 40
      ? `${JSON.stringify(value.slice(0, 40))}…`
      : JSON.stringify(value);
  }
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * `data.created_at`, when the incident was created in PagerDuty: its moment, or why it is no
 * moment to detect an incident at (not an RFC 3339 date-time, e.g. "1" or an RFC 2822 date that
 * `Date.parse` would read; a leap second; before 1970); nothing when it is absent.
 */
export function pagerDutyCreatedAt(
  value: unknown,
): { at: Date } | { problem: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isDateTime(value)) {
    return {
      problem: `data.created_at ${quoted(value)} is not an RFC 3339 date-time`,
    };
  }
  const at = new Date(value);
  const problem = momentProblem(at);
  return problem
    ? { problem: `data.created_at ${quoted(value)} ${problem}` }
    : { at };
}

/** PagerDuty's incident numbers are positive integers; 20 digits is more than any will reach. */
const INCIDENT_NUMBER = /^[1-9][0-9]{0,19}$/;

/**
 * `data.number`, the incident's number in PagerDuty, as the timeline shows it (`#1234`): a
 * positive integer, or a string of its digits; anything else (text, control characters) is left
 * out rather than stored.
 */
export function pagerDutyIncidentNumber(value: unknown): string | undefined {
  const digits =
    typeof value === 'number' && Number.isSafeInteger(value)
      ? String(value)
      : value;
  return typeof digits === 'string' && INCIDENT_NUMBER.test(digits)
    ? digits
    : undefined;
}

/**
 * `data.service.id`, the PagerDuty service an incident belongs to, as text (a string or a number,
 * as `data.id` may be), or undefined when the event names no service. A service or id of another
 * form is a 400 naming the field, as a missing `data.id` is: read as text it would be looked up as
 * "[object Object]" and the event ignored as if no entity claimed that service.
 */
export function pagerDutyServiceId(service: unknown): string | undefined {
  if (service === undefined || service === null) return undefined;
  if (typeof service !== 'object' || Array.isArray(service)) {
    throw new InputError(
      `event.data.service must be an object with the PagerDuty service's id, not ${quoted(
        service,
      )}`,
    );
  }
  const id: unknown = (service as { id?: unknown }).id;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new InputError(
      `event.data.service.id must be the PagerDuty service's id (a string), not ${quoted(
        id,
      )}`,
    );
  }
  return String(id);
}
