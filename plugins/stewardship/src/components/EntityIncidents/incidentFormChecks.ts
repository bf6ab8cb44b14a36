import {
  INCIDENT_TIME_FIELDS,
  Incident,
} from '@stewardship/backstage-plugin-stewardship-common';

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
