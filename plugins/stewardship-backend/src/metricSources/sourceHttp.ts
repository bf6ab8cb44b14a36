import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { MetricSourceError } from '@stewardship/backstage-plugin-stewardship-node';
import { z } from 'zod/v4';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Reads a source's `timeout`: a duration string (`10s`, `500ms`, `PT1M`) or a duration object
 * (`{ seconds: 10 }`). Defaults to 10 seconds.
 */
export function readTimeoutMs(config: Config): number {
  if (!config.has('timeout')) {
    return DEFAULT_TIMEOUT_MS;
  }
  const ms = durationToMilliseconds(
    readDurationFromConfig(config, { key: 'timeout' }),
  );
  if (!(ms > 0)) {
    throw new Error(`Invalid timeout in config: must be longer than zero`);
  }
  return ms;
}

/** A source's answer, with its body read within the same deadline as the request. */
export interface SourceResponse {
  ok: boolean;
  status: number;
  statusText: string;
  text: string;
}

/**
 * Sends one HTTP request to a metric source, unless `signal` (the engine's: its per-query timeout
 * and the evaluation run's abort) has already aborted: then nothing is sent. The request and the
 * reading of its body end at whichever comes first of `signal` and the source's own `timeoutMs`.
 * Every failure to get an answer (down, timed out, aborted) becomes a `MetricSourceError` whose
 * message starts with `source`, e.g. `Prometheus source "main" at http://prometheus:9090`.
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
      `${source}: request not sent, aborted (${describeError(signal.reason)})`,
    );
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      ...init,
      signal: AbortSignal.any([signal, timeout]),
    });
    // The body is read under the same signal, so a server that stalls mid-body times out too.
    const text = await response.text();
    return {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      text,
    };
  } catch (error) {
    if (timeout.aborted) {
      throw new MetricSourceError(
        `${source}: no answer within the ${timeoutMs / 1000}s timeout`,
        { cause: error },
      );
    }
    if (signal.aborted) {
      throw new MetricSourceError(
        `${source}: request aborted (${describeError(signal.reason)})`,
        { cause: error },
      );
    }
    throw new MetricSourceError(
      `${source}: could not be reached: ${describeNetworkError(error)}`,
      { cause: error },
    );
  }
}

/** `HTTP 500 Internal Server Error: <start of the body>`, for answers without a known error shape. */
export function describeHttpFailure(response: SourceResponse): string {
  const body = snippet(response.text);
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

/** The body as JSON; anything else is a `MetricSourceError` quoting the start of the body. */
export function parseJsonBody(
  source: string,
  response: SourceResponse,
): unknown {
  const json = tryParseJson(response.text);
  if (json === undefined) {
    throw new MetricSourceError(
      `${source}: answered HTTP ${
        response.status
      } with a body that is not JSON: ${snippet(response.text) || '(empty)'}`,
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

/** The first 200 characters of a body, on one line. */
export function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** A URL without credentials, query or trailing slash, fit for error messages. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Undici reports `fetch failed` and hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  if (cause && (cause.message || cause.code)) {
    if (cause.message && cause.code && !cause.message.includes(cause.code)) {
      return `${cause.code} ${cause.message}`;
    }
    return cause.message || cause.code!;
  }
  return describeError(error);
}
