/*
 * One GET to an issue tracker, with every way it can fail turned into a BacklogProviderError whose
 * message users read as is: `Jira: token rejected`, `GitHub: rate limited, retry after 30 s`.
 * The caller's signal is the provider's deadline; it also covers reading the body.
 */
import { BacklogProviderError } from '@stewardship/backstage-plugin-stewardship-node';
import { z } from 'zod/v4';
import { parseShape, snippet, tryParseJson } from '../metricSources/sourceHttp';
import { withoutHeaderValues } from '../lib/requestHeaderValue';
import {
  authorizationSecrets,
  withoutCredentials,
} from '../lib/withoutCredentials';

/** A tracker's JSON answer with the headers paging and rate limits need. */
export interface TrackerResponse {
  json: unknown;
  headers: Headers;
}

/** What a tracker's error statuses mean for this request, in words. */
export interface TrackerErrorWords {
  /** 404, e.g. `project PAY not found`. */
  notFound: string;
  /** 403, e.g. `the token may not read project PAY`. */
  forbidden: string;
  /** Any other 4xx with the tracker's own message, e.g. Jira's `errorMessages`. */
  describe?(json: unknown): string | undefined;
  /** A 403 that is really a rate limit (GitHub's), with the seconds to wait. */
  rateLimitOf?(response: Response): number | undefined;
}

/**
 * The longest wait passed on, in seconds (a day): a tracker asking for longer (`Retry-After:
 * 99999999999999999999`, which is `Infinity` as a number) is told as this, an integer users can
 * act on.
 */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/** `Retry-After` in seconds: a number of seconds or an HTTP date; undefined when absent or bad. */
export function retryAfterSeconds(
  value: string | null,
  now = Date.now(),
): number | undefined {
  if (value === null || !value.trim()) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at)
    ? undefined
    : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What a tracker's error body says, fit for users: a tracker or a proxy may echo the request's
 * headers, so the configured credentials (the Authorization value, its token, a basic
 * `user:token` decoded) are blanked out, as a network error's quoted headers are.
 */
function withoutTrackerCredentials(
  text: string,
  headers: Record<string, string>,
): string {
  const secrets = Object.entries(headers)
    .filter(([name]) => name.toLowerCase() === 'authorization')
    .flatMap(([, value]) => authorizationSecrets(value));
  return withoutCredentials(withoutHeaderValues(text), secrets);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return withoutHeaderValues(
    cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error),
  );
}

/**
 * Where a redirect points, without its query string, fragment or user info: the message is shown
 * to users, and a signed download link or a token in the query must not be.
 */
function movedTo(location: string | null, from: URL): string {
  if (!location) return 'an unknown place';
  try {
    const to = new URL(location, from);
    return `${to.origin}${to.pathname}`;
  } catch {
    return 'an unknown place';
  }
}

/** Rate limited, with the wait (`Retry-After`, a reset time) in whole seconds, at most a day. */
function rateLimited(title: string, wait: number | undefined) {
  const seconds =
    wait === undefined
      ? undefined
      : Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil(wait)));
  return new BacklogProviderError(
    `${title}: rate limited${
      seconds === undefined ? '' : `, retry after ${seconds} s`
    }`,
    { kind: 'rate-limited', retryAfterSeconds: seconds },
  );
}

/** GETs `url` and returns its JSON body, or throws a BacklogProviderError saying why not. */
export async function getTrackerJson(options: {
  title: string;
  url: URL;
  headers: Record<string, string>;
  signal: AbortSignal;
  words: TrackerErrorWords;
}): Promise<TrackerResponse> {
  const { title, url, headers, signal, words } = options;
  if (signal.aborted) {
    throw new BacklogProviderError(`${title}: no answer in time`, {
      kind: 'unreachable',
    });
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json', ...headers },
      signal,
      // Never follow a redirect with the credentials; say where it points instead.
      redirect: 'manual',
    });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) {
      throw new BacklogProviderError(`${title}: no answer in time`, {
        cause: error,
        kind: 'unreachable',
      });
    }
    throw new BacklogProviderError(
      `${title}: could not be reached at ${url.origin} (${networkReason(
        error,
      )})`,
      { cause: error, kind: 'unreachable' },
    );
  }
  if (response.status >= 300 && response.status < 400) {
    throw new BacklogProviderError(
      `${title}: moved (HTTP ${response.status}) to ${movedTo(
        response.headers.get('location'),
        url,
      )}: update the annotation or the base URL`,
      { kind: 'moved' },
    );
  }
  const json = tryParseJson(text);
  if (response.status === 401) {
    throw new BacklogProviderError(`${title}: token rejected (HTTP 401)`, {
      kind: 'rejected',
    });
  }
  if (response.status === 429) {
    throw rateLimited(
      title,
      retryAfterSeconds(response.headers.get('retry-after')),
    );
  }
  if (response.status === 403) {
    // A 403 with Retry-After is a rate limit (GitHub's secondary limits answer so), not a refusal.
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    if (retryAfter !== undefined) throw rateLimited(title, retryAfter);
    const wait = words.rateLimitOf?.(response);
    if (wait !== undefined) throw rateLimited(title, wait);
    throw new BacklogProviderError(`${title}: ${words.forbidden} (HTTP 403)`, {
      kind: 'rejected',
    });
  }
  if (response.status === 404) {
    throw new BacklogProviderError(`${title}: ${words.notFound} (HTTP 404)`, {
      kind: 'not-found',
    });
  }
  if (!response.ok) {
    // Cleaned before it is cut short, so no part of a credential is left at the cut.
    const described = json === undefined ? undefined : words.describe?.(json);
    const said = described
      ? withoutTrackerCredentials(described, headers)
      : snippet(withoutTrackerCredentials(text, headers));
    throw new BacklogProviderError(
      `${title}: HTTP ${response.status}${said ? `: ${said}` : ''}`,
      // 5xx: the tracker's own trouble; another 4xx: the request as the annotation made it.
      { kind: response.status >= 500 ? 'unavailable' : 'bad-request' },
    );
  }
  if (json === undefined) {
    throw new BacklogProviderError(
      `${title}: unexpected answer (not JSON): ${
        snippet(withoutTrackerCredentials(text, headers)) || '(empty)'
      }`,
      { kind: 'bad-answer' },
    );
  }
  return { json, headers: response.headers };
}

/** Checks a tracker's body against a schema; a mismatch is a BacklogProviderError naming fields. */
export function parseTrackerShape<T extends z.ZodType>(
  title: string,
  schema: T,
  value: unknown,
): z.output<T> {
  try {
    return parseShape(title, 'the answer', schema, value);
  } catch (error) {
    throw new BacklogProviderError((error as Error).message, {
      kind: 'bad-answer',
    });
  }
}
