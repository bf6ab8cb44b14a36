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

/**
 * Datadog coarsens the rollup when a query asks for too many points; asking for fewer slices
 * per request keeps one point per slice.
 */
const MAX_SLICES_PER_REQUEST = 1000;

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
        `The site of ${where} must be a Datadog site's host name such as datadoghq.eu, not "${site}"`,
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
  }

  /**
   * Up when `GET /api/v1/validate` accepts the API key (Datadog's own cheap check); an invalid
   * key is reported as down with Datadog's message.
   */
  async checkHealth(options: { signal: AbortSignal }): Promise<void> {
    const url = new URL(this.options.baseUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/validate`;
    const response = await fetchFromSource({
      source: this.source,
      url,
      init: {
        headers: {
          Accept: 'application/json',
          'DD-API-KEY': this.options.apiKey,
        },
      },
      timeoutMs: this.options.timeoutMs,
      signal: options.signal,
    });
    if (!response.ok) {
      const error = ERROR_BODY.safeParse(tryParseJson(response.text));
      throw new MetricSourceError(
        error.success
          ? `${this.source}: /api/v1/validate answered HTTP ${
              response.status
            }: ${error.data.errors.join('; ')}`
          : `${this.source}: /api/v1/validate answered ${describeHttpFailure(
              response,
            )}`,
      );
    }
  }

  async countEvents(request: EventCountsRequest): Promise<EventCountsResult> {
    const counts: EventCountsResult['counts'] = {};
    const queriesByWindow: Record<string, string[]> = {};
    const jobs: Array<Promise<void>> = [];
    for (const window of request.windows) {
      windowSeconds(this.source, window);
      const windowCounts: Record<string, number | null> = {};
      counts[window.key] = windowCounts;
      // The query text is the same for every window: the window travels as `from` and `to`.
      queriesByWindow[window.key] = Object.values(request.queries);
      for (const [name, query] of Object.entries(request.queries)) {
        jobs.push(
          this.query(query, window.start, window.end, request.signal).then(
            series => {
              windowCounts[name] = series.length
                ? this.sumPoints(series, query)
                : null;
            },
          ),
        );
      }
    }
    await Promise.all(jobs);
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
      queries.map(async ({ name, query }) => {
        const from = new Date(chunk.firstEndMs - chunk.sliceMs);
        const to = new Date(
          chunk.firstEndMs + (chunk.count - 1) * chunk.sliceMs,
        );
        const series = await this.query(query, from, to, request.signal);
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
    await Promise.all(jobs);
    return {
      slices: [...bySliceEnd]
        .sort(([a], [b]) => a - b)
        .map(([endMs, counts]) => ({ end: new Date(endMs), counts })),
      issuedQueries: queries.map(q => q.query),
    };
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
      throw new MetricSourceError(
        error.success
          ? `${this.source}: answered HTTP ${
              response.status
            }: ${error.data.errors.join('; ')}`
          : `${this.source}: answered ${describeHttpFailure(response)}`,
      );
    }
    const body = parseShape(
      this.source,
      'the query result',
      QUERY_RESPONSE,
      parseJsonBody(this.source, response),
    );
    if (body.status === 'error' || body.error) {
      throw new MetricSourceError(
        `${this.source}: answered status "error" for ${query}: ${
          body.error ?? 'no error message'
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
