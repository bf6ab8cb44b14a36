import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { MetricSourceError } from '@stewardship/backstage-plugin-stewardship-node';
import { z } from 'zod/v4';
import { withoutHeaderValues } from '../lib/requestHeaderValue';
import { errorMessage } from '../lib/errorMessage';
import { withoutCredentials, withoutUserInfo } from '../lib/withoutCredentials';
import { readConfigDuration } from '../lib/readConfigDuration';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Reads a source's `timeout`: a duration string (`10s`, `500ms`, `PT1M`) or a duration object
 * (`{ seconds: 10 }`), longer than zero and at most a timer's limit (about 24.8 days). Defaults
 * to 10 seconds. Read as every other duration key is (`readConfigDuration`), so its errors name
 * the full key, `stewardship.metricSources.<name>.timeout`, and say that a bare number has no
 * unit.
 */
export function readTimeoutMs(config: Config, sourceName: string): number {
  if (!config.has('timeout')) {
    return DEFAULT_TIMEOUT_MS;
  }
  const fullKey = `stewardship.metricSources.${sourceName}.timeout`;
  const ms = durationToMilliseconds(
    readConfigDuration(config, 'timeout', fullKey, { timer: true }),
  );
  if (!(ms > 0)) {
    throw new Error(`${fullKey} must be longer than zero`);
  }
  return ms;
}

/**
 * Refuses keys a built-in source does not read: a misspelled `bearertoken` would otherwise be
 * ignored, and every query sent without credentials. config.d.ts catches it too, but only in
 * `backstage-cli config:check --strict` (`yarn lint:config`): the backend does not check the
 * schema at start.
 */
export function assertKnownKeys(
  config: Config,
  known: readonly string[],
  where: string,
) {
  const unknown = config.keys().filter(key => !known.includes(key));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown
        .map(key => `"${key}"`)
        .join(', ')} in ${where}; it reads ${known.join(', ')}`,
    );
  }
}

/**
 * Reads a source's address: an http(s) URL without credentials in it. A user name or password
 * in the URL would be refused by fetch on every request, and its error message (which quotes
 * the URL) is shown to every signed-in user on the metric-sources route and stored in no-data
 * reasons: credentials go in the source's `bearerToken`, `basicAuth` or `headers` instead.
 */
export function readSourceBaseUrl(text: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // A malformed URL may hold a user name and password: they are not repeated.
    throw new Error(`Invalid baseUrl "${withoutUserInfo(text)}" of ${where}`);
  }
  if (url.username || url.password) {
    throw new Error(
      `The baseUrl of ${where} holds a user name or password: give them as basicAuth (or bearerToken, or headers) instead`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The baseUrl of ${where} must be http or https`);
  }
  return url;
}

/** A source's answer, with its body read within the same deadline as the request. */
export interface SourceResponse {
  ok: boolean;
  status: number;
  statusText: string;
  text: string;
  /** The answer's headers (e.g. a 429's `Retry-After`). */
  headers?: Headers;
}

/**
 * Sends one HTTP request to a metric source, unless `signal` (the engine's: its per-query timeout
 * and the evaluation run's abort) has already aborted: then nothing is sent. The request and the
 * reading of its body end at whichever comes first of `signal` and the source's own `timeoutMs`.
 * Every failure to get an answer (down, timed out, aborted) becomes a `MetricSourceError` whose
 * message starts with `source`, e.g. `Prometheus source "main" at http://prometheus:9090`. A
 * timeout reads `no answer within …` whichever deadline cut it: the source's own (`the 10s
 * timeout`) or one in `signal` (a health probe's, an evaluation's per-query timeout: the time
 * this request waited, as `3s`, since the signal does not tell its duration).
 */
export async function fetchFromSource(options: {
  source: string;
  url: URL;
  init: RequestInit;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<SourceResponse> {
  const { source, url, init, timeoutMs, signal } = options;
  if (signal.aborted) {
    throw new MetricSourceError(
      isTimeout(signal.reason)
        ? `${source}: request not sent, its timeout had passed`
        : `${source}: request not sent, aborted (${errorMessage(
            signal.reason,
          )})`,
    );
  }
  const sentAt = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      ...init,
      signal: AbortSignal.any([signal, timeout]),
      // Never followed: fetch would send the source's credential headers (DD-API-KEY, a
      // Prometheus source's `headers`) on to wherever a redirect points, another origin too.
      redirect: 'manual',
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      throw new MetricSourceError(
        `${source}: answered a redirect (HTTP ${
          response.status
        }) to ${redirectTarget(
          response.headers.get('location'),
          url,
        )}; set baseUrl to the final address`,
      );
    }
    // The body is read under the same signal, so a server that stalls mid-body times out too.
    const text = await response.text();
    return {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      text,
      headers: response.headers,
    };
  } catch (error) {
    if (error instanceof MetricSourceError) throw error;
    if (timeout.aborted) {
      throw new MetricSourceError(
        `${source}: no answer within the ${timeoutMs / 1000}s timeout`,
        { cause: error },
      );
    }
    if (signal.aborted) {
      throw new MetricSourceError(
        isTimeout(signal.reason)
          ? `${source}: no answer within ${seconds(
              performance.now() - sentAt,
            )}s`
          : `${source}: request aborted (${errorMessage(signal.reason)})`,
        { cause: error },
      );
    }
    throw new MetricSourceError(
      `${source}: could not be reached: ${describeNetworkError(error)}`,
      { cause: error },
    );
  }
}

/** Whether an abort reason is a timeout's (`AbortSignal.timeout`), not a cancellation. */
function isTimeout(reason: unknown): boolean {
  return (reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

/** Milliseconds as seconds to a tenth: `3`, `0.2`. */
function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/**
 * `HTTP 500 Internal Server Error: <start of the body>`, for answers without a known error shape.
 * The source's `secrets` are blanked out first: a server or proxy may echo the request's headers.
 */
export function describeHttpFailure(
  response: SourceResponse,
  secrets: readonly string[],
): string {
  const body = snippet(withoutCredentials(response.text, secrets));
  return `HTTP ${response.status}${
    response.statusText ? ` ${response.statusText}` : ''
  }${body ? `: ${body}` : ''}`;
}

/** The body as JSON, or `undefined` when it is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The body as JSON; anything else is a `MetricSourceError` quoting the start of the body, without
 * the source's `secrets`.
 */
export function parseJsonBody(
  source: string,
  response: SourceResponse,
  secrets: readonly string[],
): unknown {
  const json = tryParseJson(response.text);
  if (json === undefined) {
    throw new MetricSourceError(
      `${source}: answered HTTP ${
        response.status
      } with a body that is not JSON: ${
        snippet(withoutCredentials(response.text, secrets)) || '(empty)'
      }`,
    );
  }
  return json;
}

/** Checks a parsed body against a schema; a mismatch is a `MetricSourceError` naming the fields. */
export function parseShape<T extends z.ZodType>(
  source: string,
  what: string,
  schema: T,
  value: unknown,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const issues = result.error.issues
    .slice(0, 3)
    .map(issue =>
      issue.path.length
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
  throw new MetricSourceError(
    `${source}: unexpected shape of ${what} (${issues})`,
  );
}

/** The first `max` (200) characters of a body or message, on one line. */
export function snippet(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** A URL without credentials, query or trailing slash, fit for error messages. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Where a redirect points: its origin and path, without query, fragment or user info (the message
 * is shown to users and stored in no-data reasons; a query may hold a signature or token).
 */
function redirectTarget(location: string | null, from: URL): string {
  if (!location) return 'an address it did not give';
  try {
    const to = new URL(location, from);
    return `${to.origin}${to.pathname}`;
  } catch {
    return 'an address that is not a URL';
  }
}

/** Undici reports `fetch failed` and hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  if (cause && (cause.message || cause.code)) {
    if (cause.message && cause.code && !cause.message.includes(cause.code)) {
      return `${cause.code} ${cause.message}`;
    }
    return withoutHeaderValues(cause.message || cause.code!);
  }
  return withoutHeaderValues(errorMessage(error));
}
