import {
  INCIDENT_TIME_FIELDS,
  Incident,
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

/** A moment as the user reads it in a `datetime-local` field: `2026-12-02 10:00`, local time. */
function localMinute(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The problems with the Started and Detected fields (`datetime-local` values, local time) that
 * the backend would refuse, in the fields' own words: a moment in the future, Detected before
 * Started, and, when editing an incident, either one after a later moment it already has
 * (acknowledged, mitigated, resolved). Field key → message; empty when both are fine.
 */
export function incidentTimeProblems(
  form: { startedAt: string; detectedAt: string },
  now: number,
  incident?: Pick<Incident, 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt'>,
): Partial<Record<'startedAt' | 'detectedAt', string>> {
  const problems: Partial<Record<'startedAt' | 'detectedAt', string>> = {};
  const ms = (value: string) =>
    value ? new Date(value).getTime() : Number.NaN;
  const started = ms(form.startedAt);
  const detected = ms(form.detectedAt);
  // The first later moment the incident already has, which neither may pass.
  const later = (['acknowledgedAt', 'mitigatedAt', 'resolvedAt'] as const)
    .map(field => ({ field, at: incident?.[field] }))
    .find(m => m.at !== undefined);
  const laterMs = later ? Date.parse(later.at!) : Number.NaN;

  for (const [key, at] of [
    ['startedAt', started],
    ['detectedAt', detected],
  ] as const) {
    if (form[key] && Number.isNaN(at)) {
      problems[key] = 'Pick a date and time';
    } else if (at > now) {
      problems[key] = `${MOMENT_WORDS[key]} must not be in the future`;
    } else if (later && at > laterMs) {
      problems[key] = `${MOMENT_WORDS[key]} must not be after ${
        MOMENT_WORDS[later.field]
      } (${localMinute(laterMs)}, your local time)`;
    }
  }
  if (!problems.detectedAt && !problems.startedAt && detected < started) {
    problems.detectedAt = `Detected must not be before Started (${localMinute(
      started,
    )}, your local time)`;
  }
  return problems;
}

/** A minute: the backend's allowance for a moment ahead of its clock (clock skew). */
const FUTURE_SLACK_MS = 60_000;

/**
 * The latest moment an incident already has before `field` (a later stage's moment), which
 * `field` must not precede: e.g. its detection, for Acknowledged.
 */
function latestEarlierMoment(
  incident: IncidentTimes,
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
    } (${localInputValue(earlier.ms).replace('T', ' ')}, your local time)`;
  }
  return undefined;
}
