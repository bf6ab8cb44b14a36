import {
  INCIDENT_TIME_FIELDS,
  checkIncidentTimes,
  IncidentTimeField,
  IncidentTimes,
} from '@stewardship/backstage-plugin-stewardship-common';
import { toLocalInputValue } from '../formatSlo';

/** The longest link the backend stores (`HttpUrl` in the backend's openapi.yaml). */
export const MAX_LINK_LENGTH = 2000;

/** What a link field shows when its text is not an http(s) address. */
export const LINK_PROBLEM = 'Enter a link starting with http:// or https://';

/** What a link field shows when its address carries a user name or password. */
export const CREDENTIALS_PROBLEM =
  'Leave the user name and password out of the link: everyone who reads the incident would see them';

/**
 * A link field checked before it is sent: the text to send, or the problem to show under the field.
 * The backend wants an http(s) address that starts with `http://` or `https://` and is a valid
 * URI; a link with spaces or other characters a URI may not hold (pasted from a document) is sent
 * as the browser writes it (`https://x.org/a%20b`), so the server's schema wording never shows.
 */
export function checkHttpLink(value: string): {
  /** The text to send, when the link is fine. */
  link?: string;
  /** What to show under the field, when it is not. */
  problem?: string;
} {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    !/^https?:\/\//.test(text) ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname
  ) {
    return { problem: LINK_PROBLEM };
  }
  if (url.username || url.password) {
    return { problem: CREDENTIALS_PROBLEM };
  }
  // Printable ASCII but for a space is sent as typed; anything else as the parsed, encoded link.
  const link = /^[\x21-\x7e]+$/.test(text) ? text : url.href;
  if (link.length > MAX_LINK_LENGTH) {
    return {
      problem: `The link is ${link.length} characters long; at most ${MAX_LINK_LENGTH} are allowed`,
    };
  }
  return { link };
}

/** The incident's moments in the words its details and its forms use. */
export const MOMENT_WORDS: Record<
  (typeof INCIDENT_TIME_FIELDS)[number],
  string
> = {
  startedAt: 'Started',
  detectedAt: 'Detected',
  acknowledgedAt: 'Acknowledged',
  mitigatedAt: 'Mitigated',
  resolvedAt: 'Resolved',
};

/** The moments after detection: the form shows those the incident has, and none may be cleared. */
export const LATER_MOMENTS = [
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

/** A minute: the backend's allowance for a moment ahead of its clock (clock skew). */
const FUTURE_SLACK_MS = 60_000;

/** A form's moment fields (`datetime-local` values, local time) by field key. */
export type MomentFields = Partial<Record<IncidentTimeField, string>>;

/**
 * The problems with an incident form's moment fields (`datetime-local` values, local time) that
 * the backend would refuse, in the fields' own words: a moment that cannot be read, one in the
 * future (beyond the minute of clock skew the backend allows), a later moment the incident has
 * (Acknowledged, Mitigated, Resolved) left empty, and moments out of the order
 * `checkIncidentTimes` (-common) asks for. Field key → message; empty when all are fine.
 *
 * When editing, `incident` holds the moments the incident has and `before` the fields as the form
 * opened with them: a field left as it opened is not sent, so it counts as the incident's own
 * moment (to the second), as the backend will check it. A field without `before` counts as typed.
 * Of a pair out of order, the field the user changed is named (Started after an Acknowledged the
 * incident already has is Started's problem, not Acknowledged's).
 */
export function incidentTimeProblems(
  form: MomentFields,
  now: number,
  incident?: Partial<IncidentTimes>,
  before?: MomentFields,
): MomentFields {
  const problems: MomentFields = {};
  const typed = (field: IncidentTimeField) =>
    form[field] !== undefined &&
    !(incident && before && form[field] === before[field]);
  // The moments the backend will check, ISO 8601, of the fields with no problem of their own.
  const times: MomentFields = {};
  for (const field of INCIDENT_TIME_FIELDS) {
    const value = form[field];
    if (!typed(field)) {
      if (incident?.[field] !== undefined) times[field] = incident[field];
    } else if (!value) {
      if (field === 'detectedAt') {
        // Not sent: an edit keeps the incident's detection, a new incident is detected now.
        times.detectedAt = incident?.detectedAt ?? new Date(now).toISOString();
      } else if (incident?.[field] !== undefined && field !== 'startedAt') {
        // Its status says the incident reached it: clearing it is a status change, not an edit.
        problems[field] = 'Required';
      }
    } else {
      const at = new Date(value).getTime();
      if (Number.isNaN(at)) problems[field] = 'Pick a date and time';
      else if (at > now + FUTURE_SLACK_MS) {
        problems[field] = `${MOMENT_WORDS[field]} must not be in the future`;
      } else times[field] = new Date(at).toISOString();
    }
  }
  // The common rule names the first field out of order: said, set aside, and the rest checked
  // (each round sets one aside, so at most one round a field). Only the order is asked of it
  // ('resolved' allows every moment): the form shows no moment the status has not reached. It
  // wants a detection: one set aside stands at Started (or at the beginning of time), so the
  // others are still checked against each other.
  for (const _round of INCIDENT_TIME_FIELDS) {
    const problem = checkIncidentTimes(
      { detectedAt: times.startedAt ?? Number.MIN_SAFE_INTEGER, ...times },
      'resolved',
    );
    if (!problem) break;
    const later = problem.field;
    const earlier = latestEarlierMoment(times, later);
    if (!earlier) {
      // Not expected (a moment out of order has an earlier one): said as the rule says it.
      problems[later] ??= problem.message;
      break;
    } else if (typed(later) || !typed(earlier.field)) {
      problems[later] = `${MOMENT_WORDS[later]} must not be before ${
        MOMENT_WORDS[earlier.field]
      } (${shownMoment(earlier.ms)}, your local time)`;
      delete times[later];
    } else {
      const laterMs = Date.parse(times[later]!);
      problems[earlier.field] = `${
        MOMENT_WORDS[earlier.field]
      } must not be after ${MOMENT_WORDS[later]} (${shownMoment(
        Math.floor(laterMs / 1000) * 1000,
      )}, your local time)`;
      delete times[earlier.field];
    }
  }
  return problems;
}

/**
 * The latest moment an incident already has before `field` (a later stage's moment), which
 * `field` must not precede: e.g. its detection, for Acknowledged.
 */
function latestEarlierMoment(
  incident: MomentFields,
  field: IncidentTimeField,
): { field: IncidentTimeField; ms: number } | undefined {
  return INCIDENT_TIME_FIELDS.slice(0, INCIDENT_TIME_FIELDS.indexOf(field))
    .filter(earlier => incident[earlier] !== undefined)
    .map(earlier => ({ field: earlier, ms: Date.parse(incident[earlier]!) }))
    .reduce<{ field: IncidentTimeField; ms: number } | undefined>(
      (latest, m) => (!latest || m.ms >= latest.ms ? m : latest),
      undefined,
    );
}

/**
 * A `datetime-local` value, to the second only when the moment has seconds
 * (`2026-12-02T10:00`, `2026-12-02T10:00:30`). A moment with milliseconds is rounded up to the
 * next second: the field cannot hold less, and rounded down it would be before the moment.
 */
function localInputValue(ms: number): string {
  const second = Math.ceil(ms / 1000) * 1000;
  const minute = toLocalInputValue(new Date(second));
  const seconds = new Date(second).getSeconds();
  return seconds === 0
    ? minute
    : `${minute}:${String(seconds).padStart(2, '0')}`;
}

/** A moment as the user reads it: `2026-12-02 10:00`, with seconds when it has them, local time. */
function shownMoment(ms: number): string {
  return localInputValue(ms).replace('T', ' ');
}

/**
 * The moment a status change proposes (a `datetime-local` value): now, to the minute, unless
 * that is before the latest moment the incident already has (acknowledged in the minute it was
 * detected, or the backend's clock ahead of the browser's); then that moment, to the second,
 * which the backend accepts (a moment may equal an earlier one).
 */
export function defaultStatusMoment(
  incident: IncidentTimes,
  field: IncidentTimeField,
  now: number,
): string {
  const nowValue = toLocalInputValue(new Date(now));
  const earlier = latestEarlierMoment(incident, field);
  if (!earlier || new Date(nowValue).getTime() >= earlier.ms) return nowValue;
  return localInputValue(earlier.ms);
}

/**
 * The problem with the moment of a status change (epoch ms, from its local field) that the
 * backend would refuse, in the field's words and local time: in the future (beyond the minute of
 * clock skew the backend allows), or before the latest moment the incident already has.
 * Undefined when it is fine.
 */
export function statusMomentProblem(
  ms: number,
  field: IncidentTimeField,
  incident: IncidentTimes,
  now: number,
): string | undefined {
  if (ms > now + FUTURE_SLACK_MS) {
    return `${MOMENT_WORDS[field]} must not be in the future`;
  }
  const earlier = latestEarlierMoment(incident, field);
  if (earlier && ms < earlier.ms) {
    return `${MOMENT_WORDS[field]} must not be before ${
      MOMENT_WORDS[earlier.field]
    } (${shownMoment(earlier.ms)}, your local time)`;
  }
  return undefined;
}
