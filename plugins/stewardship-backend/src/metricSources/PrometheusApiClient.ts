import { LoggerService } from '@backstage/backend-plugin-api';
import { MetricSourceError } from '@stewardship/backstage-plugin-stewardship-node';
import { z } from 'zod/v4';
import {
  describeHttpFailure,
  fetchFromSource,
  parseJsonBody,
  parseShape,
  snippet,
  SourceResponse,
  tryParseJson,
} from './sourceHttp';
import {
  authorizationSecrets,
  withoutCredentials,
} from '../lib/withoutCredentials';

const ERROR_BODY = z.object({
  status: z.literal('error'),
  errorType: z.string().optional(),
  error: z.string().optional(),
});
const ENVELOPE = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.unknown(),
    warnings: z.array(z.string()).optional(),
  }),
  ERROR_BODY,
]);
/** `[unix seconds, "value"]`; values are strings so that `NaN` and `±Inf` survive JSON. */
const SAMPLE = z.tuple([z.number(), z.string()]);
const LABELS = z.record(z.string(), z.string());
const VECTOR = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: LABELS, value: SAMPLE })),
});
const MATRIX = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: LABELS, values: z.array(SAMPLE) })),
});

/** A sample as the API returns it: `[unix seconds, "value"]`. */
export type PrometheusSample = z.output<typeof SAMPLE>;

/**
 * The two endpoints of the Prometheus HTTP API that metric sources need, with every way they can
 * fail turned into a `MetricSourceError` that starts with `source`.
 */
export class PrometheusApiClient {
  /**
   * The configured credentials (the Authorization value and what it encodes, every `headers`
   * value): blanked out of every answer quoted in a message, as a proxy may echo them.
   */
  private readonly secrets: string[];

  constructor(
    private readonly options: {
      /** E.g. `Prometheus source "main" at http://prometheus:9090`, for messages. */
      source: string;
      baseUrl: URL;
      headers: Record<string, string>;
      timeoutMs: number;
      logger?: LoggerService;
    },
  ) {
    this.secrets = Object.entries(options.headers).flatMap(([name, value]) =>
      name.toLowerCase() === 'authorization'
        ? authorizationSecrets(value)
        : [value],
    );
  }

  /** `/api/v1/query` at `timeMs`: the answer's vector. */
  async instantQuery(query: string, timeMs: number, signal: AbortSignal) {
    const data = await this.post(
      'query',
      { query, time: unixSeconds(timeMs) },
      signal,
    );
    return parseShape(this.options.source, 'the query result', VECTOR, data)
      .result;
  }

  /** `/api/v1/query_range` from `startMs` to `endMs` every `stepSeconds`: the answer's matrix. */
  async rangeQuery(
    query: string,
    range: { startMs: number; endMs: number; stepSeconds: number },
    signal: AbortSignal,
  ) {
    const data = await this.post(
      'query_range',
      {
        query,
        start: unixSeconds(range.startMs),
        end: unixSeconds(range.endMs),
        step: String(range.stepSeconds),
      },
      signal,
    );
    return parseShape(
      this.options.source,
      'the range query result',
      MATRIX,
      data,
    ).result;
  }

  /**
   * A cheap liveness probe: `GET /api/v1/status/buildinfo` under the base URL (so through the same
   * path prefix and credentials as queries), falling back to Prometheus's own `/-/ready` when a
   * server does not implement build info (404). Throws a `MetricSourceError` saying why the
   * source is not usable.
   *
   * A 2xx is not enough: a login page or portal in front of the source answers 200 with HTML, and
   * every query would then fail with "a body that is not JSON". Build info must be the API's JSON
   * envelope with status "success"; `/-/ready` (plain text) must not be an HTML page.
   */
  async probe(signal: AbortSignal): Promise<void> {
    const { source, headers, timeoutMs } = this.options;
    let lastFailure = '';
    for (const path of ['api/v1/status/buildinfo', '-/ready']) {
      const url = new URL(this.options.baseUrl);
      url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
      const response = await fetchFromSource({
        source,
        url,
        init: {
          method: 'GET',
          // Build info is asked for as queries are, so a proxy answers it as it answers them.
          headers: {
            ...headers,
            ...(path !== '-/ready' && { Accept: 'application/json' }),
          },
        },
        timeoutMs,
        signal,
      });
      if (response.ok) {
        checkProbeAnswer(source, `/${path}`, response, this.secrets);
        return;
      }
      lastFailure = `${source}: /${path} answered ${describeHttpFailure(
        response,
        this.secrets,
      )}`;
      if (response.status !== 404) {
        break;
      }
    }
    throw new MetricSourceError(lastFailure);
  }

  /** POSTs a form (no URL length limit for long combined queries); returns a success's `data`. */
  private async post(
    endpoint: 'query' | 'query_range',
    params: Record<string, string>,
    signal: AbortSignal,
  ): Promise<unknown> {
    const { source, baseUrl, headers, timeoutMs, logger } = this.options;
    const url = new URL(baseUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/${endpoint}`;
    const response = await fetchFromSource({
      source,
      url,
      init: {
        method: 'POST',
        headers: {
          ...headers,
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(params).toString(),
      },
      timeoutMs,
      signal,
    });
    if (!response.ok) {
      // Prometheus answers bad queries (400), failed evaluations (422) and overload (503) with
      // an error body; proxies in front of it answer whatever they like.
      const error = ERROR_BODY.safeParse(tryParseJson(response.text));
      throw new MetricSourceError(
        error.success
          ? `${source}: answered HTTP ${response.status}, ${describeError(
              error.data,
              this.secrets,
            )}`
          : `${source}: answered ${describeHttpFailure(
              response,
              this.secrets,
            )}`,
      );
    }
    const body = parseShape(
      source,
      'the answer',
      ENVELOPE,
      parseJsonBody(source, response, this.secrets),
    );
    if (body.status === 'error') {
      throw new MetricSourceError(
        `${source}: answered ${describeError(body, this.secrets)}`,
      );
    }
    if (body.warnings?.length) {
      logger?.warn(
        `${source} warned: ${withoutCredentials(
          body.warnings.join('; '),
          this.secrets,
        )}`,
      );
    }
    return body.data;
  }
}

/**
 * Throws unless a 2xx answer to the probe of `path` is what Prometheus answers there: the JSON
 * envelope with status "success" for build info, anything but an HTML page for `/-/ready`.
 */
function checkProbeAnswer(
  source: string,
  path: string,
  response: SourceResponse,
  secrets: readonly string[],
): void {
  const answered = `${source}: ${path} answered HTTP ${response.status}`;
  // Cleaned before it is cut short, so no part of a credential is left at the cut.
  const quoted = () => snippet(withoutCredentials(response.text, secrets));
  if (path === '/-/ready') {
    if (response.text.trim().startsWith('<')) {
      throw new MetricSourceError(
        `${answered} with an HTML page, not Prometheus's readiness answer: ${quoted()}`,
      );
    }
    return;
  }
  const json = tryParseJson(response.text);
  if (json === undefined) {
    throw new MetricSourceError(
      `${answered} with a body that is not JSON: ${quoted() || '(empty)'}`,
    );
  }
  const body = ENVELOPE.safeParse(json);
  if (!body.success) {
    throw new MetricSourceError(
      `${answered} with JSON that is not a Prometheus API answer: ${quoted()}`,
    );
  }
  if (body.data.status === 'error') {
    throw new MetricSourceError(
      `${answered}, ${describeError(body.data, secrets)}`,
    );
  }
}

/** Prometheus writes `NaN`, `+Inf` and `-Inf`; `Number('+Inf')` would be NaN. */
export function parsePrometheusNumber(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return text.trim() === '' ? NaN : Number(text);
}

/**
 * Prometheus's own message, on one line and at most 500 characters: it may quote the whole SLI
 * query, and it is stored with every snapshot as the no-data reason. Without the source's
 * `secrets`: a server in front of Prometheus may answer its error shape quoting the request.
 */
function describeError(
  error: z.output<typeof ERROR_BODY>,
  secrets: readonly string[],
): string {
  const errorType = withoutCredentials(
    error.errorType ?? 'no errorType',
    secrets,
  );
  return `status "error" (${errorType}): ${snippet(
    withoutCredentials(error.error ?? 'no error message', secrets),
    500,
  )}`;
}

/** Prometheus takes float Unix seconds; keeps milliseconds. */
function unixSeconds(ms: number): string {
  return String(ms / 1000);
}
