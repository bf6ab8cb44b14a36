import { Config } from '@backstage/config';
import {
  EventCountsRequest,
  EventCountsResult,
  MetricSource,
  MetricSourceError,
  MetricSourceFactory,
  SliceCountsRequest,
  SliceCountsResult,
} from '@stewardship/backstage-plugin-stewardship-node';
import pLimit from 'p-limit';
import { z } from 'zod/v4';
import { checkCount, windowSeconds } from './countChecks';
import { chunkSliceGrid, sliceGrid } from './sliceGrid';
import {
  assertKnownKeys,
  describeHttpFailure,
  displayUrl,
  fetchFromSource,
  parseJsonBody,
  parseShape,
  readSourceBaseUrl,
  readTimeoutMs,
  tryParseJson,
} from './sourceHttp';
import { assertHeaderValue } from '../lib/requestHeaderValue';
import { withoutCredentials, withoutUserInfo } from '../lib/withoutCredentials';

/**
 * Datadog coarsens the rollup when a query asks for too many points; asking for fewer slices
 * per request keeps one point per slice.
 */
const MAX_SLICES_PER_REQUEST = 1000;

/**
 * Requests one count sends at once. After the first failure (a 429 above all) the rest of that
 * count is not sent: Datadog's query rate limit is per organisation, shared with every dashboard.
 */
const REQUESTS_AT_ONCE = 4;

/** The longest wait a 429's `Retry-After` / `x-ratelimit-reset` is repeated with (one day). */
const MAX_RETRY_AFTER_SECONDS = 86_400;

const QUERY_EXAMPLE =
  'sum:trace.http.request.hits{service:checkout}.as_count()';

/**
 * Why `query` is not a Datadog metric query this source can count with; undefined when it may be
 * one. Datadog parses queries itself (a wrong one is its `400` at evaluation): this catches what
 * is certainly not one, a PromQL selector or expression above all, when the SLO is saved.
 */
export function datadogQueryProblem(query: string): string | undefined {
  const expects = `a Datadog source expects a metric query such as ${QUERY_EXAMPLE}`;
  if (/\{\{/.test(query)) {
    return `Datadog queries take no {{.window}} or other {{…}} placeholder (the window is sent as the query's from and to); ${expects}`;
  }
  if (/\{[^{}]*=[^{}]*\}|\[[^\]]*\]/.test(query)) {
    return `This is PromQL (label="value" matchers or a [range]); ${expects}, tags as key:value`;
  }
  if (!/[A-Za-z][\w.]*\s*\{[^{}]*\}/.test(query)) {
    return `No metric with a scope in {…}; ${expects} ({*} for all of the metric)`;
  }
  let depth = 0;
  for (const char of query) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth < 0) break;
  }
  if (depth !== 0) {
    return `Unbalanced parentheses; ${expects}`;
  }
  return undefined;
}

/** The seconds a 429 asks to wait, from `Retry-After` or Datadog's `x-ratelimit-reset`. */
function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  for (const name of ['retry-after', 'x-ratelimit-reset']) {
    const value = headers?.get(name)?.trim();
    // Integer seconds only (an HTTP date is not repeated), and not absurdly far.
    if (value && /^\d{1,9}$/.test(value)) {
      const seconds = Number(value);
      if (seconds <= MAX_RETRY_AFTER_SECONDS) return seconds;
    }
  }
  return undefined;
}

/** The parts of `GET /api/v1/query`'s answer this source reads. */
const QUERY_RESPONSE = z.object({
  status: z.string().nullish(),
  error: z.string().nullish(),
  series: z
    .array(
      z.object({
        /** `[milliseconds, value]`; the value is null for intervals without data. */
        pointlist: z.array(z.tuple([z.number(), z.number().nullable()])),
        /** Seconds between points: the rollup interval actually applied. */
        interval: z.number().optional(),
      }),
    )
    .optional(),
});
const ERROR_BODY = z.object({ errors: z.array(z.string()).min(1) });

type Series = NonNullable<z.output<typeof QUERY_RESPONSE>['series']>;

/** Options of {@link DatadogMetricSource.fromConfig}. */
export interface DatadogMetricSourceOptions {
  /** The source's key under `stewardship.metricSources`, used in error messages. */
  name: string;
}

/**
 * Counts events with Datadog metric queries through `GET /api/v1/query`.
 *
 * Queries should count events with `.as_count()` (e.g.
 * `sum:trace.http.request.hits{service:checkout}.as_count()`), so that each point is the number of
 * events in its interval: the count over a window is then the sum of all points of all series.
 * A query that returns no series counts `null` (no series), one with only empty points `0`.
 *
 * Datadog rolls points up on its own interval grid, so a window's edges are honoured to the
 * precision of that grid, not to the second. One request per window and query.
 */
export class DatadogMetricSource implements MetricSource {
  /**
   * Reads `apiKey` and `applicationKey` (required), `site` (default `datadoghq.com`), `timeout`
   * (default `10s`) and `baseUrl`, which overrides `https://api.<site>` (for tests and proxies).
   */
  static fromConfig(
    config: Config,
    options: DatadogMetricSourceOptions,
  ): DatadogMetricSource {
    const where = `metric source "${options.name}"`;
    assertKnownKeys(
      config,
      ['type', 'site', 'baseUrl', 'apiKey', 'applicationKey', 'timeout'],
      where,
    );
    const site = config.getOptionalString('site') ?? 'datadoghq.com';
    // A host name only: `https://datadoghq.eu` would make https://api.https//datadoghq.eu.
    if (!/^[a-z0-9.-]+$/i.test(site)) {
      throw new Error(
        `The site of ${where} must be a Datadog site's host name such as datadoghq.eu, not "${withoutUserInfo(
          site,
        )}"`,
      );
    }
    const baseUrl = readSourceBaseUrl(
      config.getOptionalString('baseUrl') ?? `https://api.${site}`,
      where,
    );
    return new DatadogMetricSource({
      name: options.name,
      baseUrl,
      apiKey: assertHeaderValue(
        config.getString('apiKey'),
        `The apiKey of ${where}`,
      ),
      applicationKey: assertHeaderValue(
        config.getString('applicationKey'),
        `The applicationKey of ${where}`,
      ),
      timeoutMs: readTimeoutMs(config, options.name),
    });
  }

  private readonly source: string;
  /** The keys, blanked out of every answer quoted in a message: a proxy may echo them. */
  private readonly secrets: string[];

  private constructor(
    private readonly options: {
      name: string;
      baseUrl: URL;
      apiKey: string;
      applicationKey: string;
      timeoutMs: number;
    },
  ) {
    this.source = `Datadog source "${options.name}" at ${displayUrl(
      options.baseUrl,
    )}`;
    this.secrets = [options.apiKey, options.applicationKey];
  }

  /** A Datadog metric query; see {@link datadogQueryProblem}. */
  validateQuery(query: string): string | undefined {
    return datadogQueryProblem(query);
  }

  /**
   * Up when `GET /api/v2/validate_keys` accepts both keys (Datadog's own cheap check, so a wrong
   * application key reads down too); an invalid key is reported as down with Datadog's message.
   * A server without that endpoint (404: an older proxy) is asked `GET /api/v1/validate`, which
   * checks the API key only.
   */
  async checkHealth(options: { signal: AbortSignal }): Promise<void> {
    const v2 = await this.validate('/api/v2/validate_keys', options.signal);
    const response =
      v2.response.status === 404
        ? await this.validate('/api/v1/validate', options.signal)
        : v2;
    if (!response.response.ok) {
      const error = ERROR_BODY.safeParse(tryParseJson(response.response.text));
      throw new MetricSourceError(
        error.success
          ? `${this.source}: ${response.path} answered HTTP ${
              response.response.status
            }: ${withoutCredentials(
              error.data.errors.join('; '),
              this.secrets,
            )}`
          : `${this.source}: ${response.path} answered ${describeHttpFailure(
              response.response,
              this.secrets,
            )}`,
      );
    }
  }

  private async validate(path: string, signal: AbortSignal) {
    const url = new URL(this.options.baseUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    const response = await fetchFromSource({
      source: this.source,
      url,
      init: {
        headers: {
          Accept: 'application/json',
          'DD-API-KEY': this.options.apiKey,
          'DD-APPLICATION-KEY': this.options.applicationKey,
        },
      },
      timeoutMs: this.options.timeoutMs,
      signal,
    });
    return { path, response };
  }

  async countEvents(request: EventCountsRequest): Promise<EventCountsResult> {
    const counts: EventCountsResult['counts'] = {};
    const queriesByWindow: Record<string, string[]> = {};
    const jobs: Array<(signal: AbortSignal) => Promise<void>> = [];
    for (const window of request.windows) {
      windowSeconds(this.source, window);
      const windowCounts: Record<string, number | null> = {};
      counts[window.key] = windowCounts;
      // The query text is the same for every window: the window travels as `from` and `to`.
      queriesByWindow[window.key] = Object.values(request.queries);
      for (const [name, query] of Object.entries(request.queries)) {
        jobs.push(async signal => {
          const series = await this.query(
            query,
            window.start,
            window.end,
            signal,
          );
          windowCounts[name] = series.length
            ? this.sumPoints(series, query)
            : null;
        });
      }
    }
    await this.runAll(jobs, request.signal);
    return {
      counts,
      issuedQueries: [...new Set(Object.values(queriesByWindow).flat())],
      queriesByWindow,
    };
  }

  async countEventsPerSlice(
    request: SliceCountsRequest,
  ): Promise<SliceCountsResult> {
    const grid = sliceGrid(
      this.source,
      request.start,
      request.end,
      request.sliceSeconds,
    );
    const queries = Object.entries(request.queries).map(([name, query]) => ({
      name,
      query: /\.rollup\s*\(/.test(query)
        ? query
        : `${query}.rollup(sum, ${request.sliceSeconds})`,
    }));
    const bySliceEnd = new Map<number, Record<string, number | null>>();
    const jobs = chunkSliceGrid(grid, MAX_SLICES_PER_REQUEST).flatMap(chunk =>
      queries.map(({ name, query }) => async (signal: AbortSignal) => {
        const from = new Date(chunk.firstEndMs - chunk.sliceMs);
        const to = new Date(
          chunk.firstEndMs + (chunk.count - 1) * chunk.sliceMs,
        );
        const series = await this.query(query, from, to, signal);
        for (const s of series) {
          if (s.interval !== undefined && s.interval !== request.sliceSeconds) {
            throw new MetricSourceError(
              `${this.source}: rolled ${query} up every ${s.interval}s instead of every ${request.sliceSeconds}s; use a longer slice`,
            );
          }
          for (const [timeMs, value] of s.pointlist) {
            if (value === null) continue;
            // A point stands for the interval it starts; it belongs to the slice whose end is
            // nearest to the interval's end (Datadog's grid need not be aligned on ours).
            const k = Math.round(
              (timeMs + chunk.sliceMs - chunk.firstEndMs) / chunk.sliceMs,
            );
            if (k < 0 || k >= chunk.count) continue;
            const endMs = chunk.firstEndMs + k * chunk.sliceMs;
            const slice =
              bySliceEnd.get(endMs) ??
              Object.fromEntries(queries.map(q => [q.name, null]));
            slice[name] =
              (slice[name] ?? 0) +
              checkCount(this.source, value, String(value), `query ${query}`);
            bySliceEnd.set(endMs, slice);
          }
        }
      }),
    );
    await this.runAll(jobs, request.signal);
    return {
      slices: [...bySliceEnd]
        .sort(([a], [b]) => a - b)
        .map(([endMs, counts]) => ({ end: new Date(endMs), counts })),
      issuedQueries: queries.map(q => q.query),
    };
  }

  /**
   * Runs `jobs` {@link REQUESTS_AT_ONCE} at a time. The first failure (a 429 above all) is the
   * count's: the jobs not yet started send nothing, those under way are aborted.
   */
  private async runAll(
    jobs: Array<(signal: AbortSignal) => Promise<void>>,
    signal: AbortSignal,
  ): Promise<void> {
    const stop = new AbortController();
    const jobSignal = AbortSignal.any([signal, stop.signal]);
    const limit = pLimit(REQUESTS_AT_ONCE);
    let firstError: unknown;
    let failed = false;
    try {
      await Promise.all(
        jobs.map(job =>
          limit(async () => {
            try {
              await job(jobSignal);
            } catch (error) {
              if (!failed) {
                failed = true;
                firstError = error;
                stop.abort(error);
              }
              throw error;
            }
          }),
        ),
      );
    } catch (error) {
      // Not the "request aborted" of a job this failure stopped.
      throw failed ? firstError : error;
    }
  }

  /** The series one query returns over `(from, to]`. */
  private async query(
    query: string,
    from: Date,
    to: Date,
    signal: AbortSignal,
  ): Promise<Series> {
    const url = new URL(this.options.baseUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/query`;
    url.searchParams.set('from', String(Math.round(from.getTime() / 1000)));
    url.searchParams.set('to', String(Math.round(to.getTime() / 1000)));
    url.searchParams.set('query', query);
    const response = await fetchFromSource({
      source: this.source,
      url,
      init: {
        headers: {
          Accept: 'application/json',
          'DD-API-KEY': this.options.apiKey,
          'DD-APPLICATION-KEY': this.options.applicationKey,
        },
      },
      timeoutMs: this.options.timeoutMs,
      signal,
    });
    if (!response.ok) {
      // Datadog's API errors are `{ "errors": ["…"] }`.
      const error = ERROR_BODY.safeParse(tryParseJson(response.text));
      const retryAfter =
        response.status === 429
          ? retryAfterSeconds(response.headers)
          : undefined;
      throw new MetricSourceError(
        `${
          error.success
            ? `${this.source}: answered HTTP ${
                response.status
              }: ${withoutCredentials(
                error.data.errors.join('; '),
                this.secrets,
              )}`
            : `${this.source}: answered ${describeHttpFailure(
                response,
                this.secrets,
              )}`
        }${
          retryAfter !== undefined
            ? ` (rate limited: retry in ${retryAfter} s)`
            : ''
        }`,
      );
    }
    const body = parseShape(
      this.source,
      'the query result',
      QUERY_RESPONSE,
      parseJsonBody(this.source, response, this.secrets),
    );
    if (body.status === 'error' || body.error) {
      throw new MetricSourceError(
        `${this.source}: answered status "error" for ${query}: ${
          body.error
            ? withoutCredentials(body.error, this.secrets)
            : 'no error message'
        }`,
      );
    }
    if (!body.series) {
      throw new MetricSourceError(
        `${this.source}: unexpected shape of the query result (no series list)`,
      );
    }
    return body.series;
  }

  private sumPoints(series: Series, query: string): number {
    let sum = 0;
    for (const { pointlist } of series) {
      for (const [, value] of pointlist) {
        if (value !== null) {
          sum += checkCount(
            this.source,
            value,
            String(value),
            `query ${query}`,
          );
        }
      }
    }
    return sum;
  }
}

/**
 * Creates `type: datadog` metric sources.
 *
 * @public
 */
export const datadogMetricSourceFactory: MetricSourceFactory = {
  type: 'datadog',
  create: ({ name, config }) =>
    DatadogMetricSource.fromConfig(config, { name }),
};
