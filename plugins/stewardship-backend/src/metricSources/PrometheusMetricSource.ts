import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EventCountsRequest,
  EventCountsResult,
  MetricSource,
  MetricSourceError,
  MetricSourceFactory,
  MetricSourceQueryLinkOptions,
  SliceCountsRequest,
  SliceCountsResult,
} from '@stewardship/backstage-plugin-stewardship-node';

import pLimit from 'p-limit';
import { checkCount, windowSeconds } from './countChecks';
import {
  PrometheusApiClient,
  PrometheusSample,
  parsePrometheusNumber,
} from './PrometheusApiClient';
import {
  PROMETHEUS_KEY_LABEL,
  combineQueries,
  renderEventQuery,
} from './prometheusQueries';
import { chunkSliceGrid, sliceGrid } from './sliceGrid';
import {
  assertKnownKeys,
  displayUrl,
  readSourceBaseUrl,
  readTimeoutMs,
} from './sourceHttp';
import { assertHeaderValue } from '../lib/requestHeaderValue';
import { withoutUserInfo } from '../lib/withoutCredentials';
import { promqlQueryProblem } from '../slo/sloSpecSchema';

/** Instant queries one count request sends at once (one per distinct window end). */
const REQUESTS_AT_ONCE = 4;

/** Prometheus refuses range queries of more than 11,000 points per series. */
const MAX_POINTS_PER_RANGE_QUERY = 11_000;

/** Options of {@link PrometheusMetricSource.fromConfig}. */
export interface PrometheusMetricSourceOptions {
  /** The source's key under `stewardship.metricSources`, used in error messages. */
  name: string;
  logger?: LoggerService;
}

/** One (window, query) part of a combined query. */
interface QueryPart {
  /** Absent for slice queries, which have no windows. */
  windowKey?: string;
  queryName: string;
  promql: string;
}

/**
 * Counts events with PromQL against any server speaking the Prometheus HTTP API (Prometheus,
 * Thanos, Mimir, VictoriaMetrics…).
 *
 * `countEvents` sends ONE instant query per distinct window end (normally one per SLO), made of
 * every (window, query) pair; see `prometheusQueries.ts`. Its `issuedQueries` are the individual
 * pairs as a user would paste them into Prometheus at the window's end, not the combined query.
 *
 * Counts come from `increase()`, which extrapolates at the range edges when the samples do not
 * line up with them; so counts may be fractional. With `at` on a scrape timestamp, they are exact.
 */
export class PrometheusMetricSource implements MetricSource {
  /**
   * Reads `baseUrl` (required), `timeout` (default `10s`), and at most one of `bearerToken` and
   * `basicAuth { username, password }`, plus extra `headers` (e.g. `X-Scope-OrgID`), and `uiUrl`,
   * the address of Prometheus's own UI for users' browsers (links from "why this number").
   */
  static fromConfig(
    config: Config,
    options: PrometheusMetricSourceOptions,
  ): PrometheusMetricSource {
    const where = `metric source "${options.name}"`;
    assertKnownKeys(
      config,
      [
        'type',
        'baseUrl',
        'uiUrl',
        'timeout',
        'bearerToken',
        'basicAuth',
        'headers',
      ],
      where,
    );
    const baseUrl = readSourceBaseUrl(config.getString('baseUrl'), where);
    const headers: Record<string, string> = {};
    const extraHeaders = config.getOptionalConfig('headers');
    for (const header of extraHeaders?.keys() ?? []) {
      headers[header] = assertHeaderValue(
        extraHeaders!.getString(header),
        `The header ${header} of ${where}`,
      );
    }
    const bearerToken = config.getOptionalString('bearerToken');
    if (bearerToken)
      assertHeaderValue(bearerToken, `The bearerToken of ${where}`);
    const basicAuth = config.getOptionalConfig('basicAuth');
    if (bearerToken && basicAuth) {
      throw new Error(
        `Give ${where} either bearerToken or basicAuth, not both`,
      );
    }
    if (bearerToken) {
      headers.Authorization = `Bearer ${bearerToken}`;
    } else if (basicAuth) {
      const credentials = `${basicAuth.getString(
        'username',
      )}:${basicAuth.getString('password')}`;
      headers.Authorization = `Basic ${Buffer.from(credentials).toString(
        'base64',
      )}`;
    }
    const uiUrlText = config.getOptionalString('uiUrl');
    let uiUrl: URL | undefined;
    if (uiUrlText !== undefined) {
      try {
        uiUrl = new URL(uiUrlText);
      } catch {
        // A malformed URL may hold a user name and password: they are not repeated.
        throw new Error(
          `Invalid uiUrl "${withoutUserInfo(uiUrlText)}" of ${where}`,
        );
      }
      if (uiUrl.protocol !== 'http:' && uiUrl.protocol !== 'https:') {
        throw new Error(`The uiUrl of ${where} must be http or https`);
      }
      // Its links go to every reader's browser: credentials there would be shown to all, and
      // links carrying them are not shown (httpLink), so none would appear.
      if (uiUrl.username || uiUrl.password) {
        throw new Error(
          `The uiUrl of ${where} must not contain a user name or password (browsers sign in to Prometheus's UI themselves)`,
        );
      }
    }
    return new PrometheusMetricSource({
      name: options.name,
      baseUrl,
      uiUrl,
      headers,
      timeoutMs: readTimeoutMs(config, options.name),
      logger: options.logger,
    });
  }

  private readonly source: string;
  private readonly api: PrometheusApiClient;
  private readonly uiUrl?: URL;

  private constructor(options: {
    name: string;
    baseUrl: URL;
    uiUrl?: URL;
    headers: Record<string, string>;
    timeoutMs: number;
    logger?: LoggerService;
  }) {
    this.source = `Prometheus source "${options.name}" at ${displayUrl(
      options.baseUrl,
    )}`;
    this.api = new PrometheusApiClient({ ...options, source: this.source });
    this.uiUrl = options.uiUrl;
  }

  /**
   * Prometheus's graph page with the query filled in: an instant query as a table at the moment
   * it was evaluated (its own, for an interval's query `… (at 2026-11-29T16:00:00.000Z)`); a slice
   * query (`… (step 300s)`) as a graph over the window with that step.
   */
  queryLink(options: MetricSourceQueryLinkOptions): string | undefined {
    if (!this.uiUrl) {
      return undefined;
    }
    const url = new URL('graph', withTrailingSlash(this.uiUrl));
    const slice = / \(step (\d+)s\)$/.exec(options.query);
    // An interval of a window cut by corrections or business hours ran at its own end.
    const moment = / \(at (\d{4}-\d\d-\d\dT[\d:.]+Z)\)$/.exec(options.query);
    const suffix = slice ?? moment;
    const expr = suffix ? options.query.slice(0, suffix.index) : options.query;
    const end = moment ? new Date(moment[1]) : options.end;
    url.searchParams.set('g0.expr', expr);
    if (slice) {
      const seconds = Math.round(
        (options.end.getTime() - options.start.getTime()) / 1000,
      );
      url.searchParams.set('g0.tab', '0');
      url.searchParams.set('g0.range_input', `${seconds}s`);
      url.searchParams.set('g0.end_input', prometheusUiTime(options.end));
      url.searchParams.set('g0.step_input', slice[1]);
    } else {
      url.searchParams.set('g0.tab', '1');
      url.searchParams.set('g0.moment_input', prometheusUiTime(end));
    }
    return url.toString();
  }

  /** A counter selector or PromQL with `{{.window}}`, the two forms `renderEventQuery` counts. */
  validateQuery(query: string): string | undefined {
    return promqlQueryProblem(query);
  }

  /** Up when `/api/v1/status/buildinfo` answers Prometheus's JSON success (or, without it, `/-/ready` answers 2xx and no HTML page); see `PrometheusApiClient.probe`. */
  async checkHealth(options: { signal: AbortSignal }): Promise<void> {
    await this.api.probe(options.signal);
  }

  async countEvents(request: EventCountsRequest): Promise<EventCountsResult> {
    const queryEntries = Object.entries(request.queries);
    const counts: EventCountsResult['counts'] = {};
    const partsByEnd = new Map<number, QueryPart[]>();
    for (const window of request.windows) {
      counts[window.key] = {};
      const seconds = windowSeconds(this.source, window);
      const parts = partsByEnd.get(window.end.getTime()) ?? [];
      partsByEnd.set(window.end.getTime(), parts);
      for (const [queryName, query] of queryEntries) {
        parts.push({
          windowKey: window.key,
          queryName,
          promql: renderEventQuery(query, seconds),
        });
      }
    }
    // Windows ending at different times cannot share an evaluation time: one request per end.
    // Corrections and business hours cut windows into many intervals, so a few at a time.
    const requests = [...partsByEnd].filter(([, parts]) => parts.length > 0);
    const limit = pLimit(REQUESTS_AT_ONCE);
    await Promise.all(
      requests.map(([endMs, parts]) =>
        limit(async () => {
          const vector = await this.api.instantQuery(
            combineQueries(parts.map(p => p.promql)),
            endMs,
            request.signal,
          );
          const values = this.splitByPart(
            vector.map(({ metric, value }) => ({ metric, sample: value })),
            parts,
          );
          parts.forEach((part, index) => {
            const points = values[index];
            if (points.length > 1) {
              throw new MetricSourceError(
                `${this.source}: unexpected shape of the query result (${points.length} series for ${part.promql})`,
              );
            }
            counts[part.windowKey!][part.queryName] = points[0]?.value ?? null;
          });
        }),
      ),
    );
    // A query evaluated at another moment than the latest says when, so it can be rerun as sent.
    const latest = Math.max(...requests.map(([endMs]) => endMs));
    const queriesByWindow: Record<string, string[]> = {};
    for (const [endMs, parts] of requests) {
      for (const part of parts) {
        const sent =
          endMs === latest
            ? part.promql
            : `${part.promql} (at ${new Date(endMs).toISOString()})`;
        (queriesByWindow[part.windowKey!] ??= []).push(sent);
      }
    }
    return {
      counts,
      issuedQueries: [...new Set(Object.values(queriesByWindow).flat())],
      queriesByWindow,
    };
  }

  async countEventsPerSlice(
    request: SliceCountsRequest,
  ): Promise<SliceCountsResult> {
    const parts: QueryPart[] = Object.entries(request.queries).map(
      ([queryName, query]) => ({
        queryName,
        promql: renderEventQuery(query, request.sliceSeconds),
      }),
    );
    const grid = sliceGrid(
      this.source,
      request.start,
      request.end,
      request.sliceSeconds,
    );
    const issuedQueries = parts.map(
      p => `${p.promql} (step ${request.sliceSeconds}s)`,
    );
    if (grid.count === 0 || parts.length === 0) {
      return { slices: [], issuedQueries };
    }
    const query = combineQueries(parts.map(p => p.promql));
    const bySliceEnd = new Map<number, Record<string, number | null>>();
    // Each evaluation step ends a slice: `increase(…[slice])` at a step counts that slice.
    await Promise.all(
      chunkSliceGrid(grid, MAX_POINTS_PER_RANGE_QUERY).map(async chunk => {
        const matrix = await this.api.rangeQuery(
          query,
          {
            startMs: chunk.firstEndMs,
            endMs: chunk.firstEndMs + (chunk.count - 1) * chunk.sliceMs,
            stepSeconds: request.sliceSeconds,
          },
          request.signal,
        );
        const values = this.splitByPart(
          matrix.flatMap(({ metric, values: samples }) =>
            samples.map(sample => ({ metric, sample })),
          ),
          parts,
        );
        parts.forEach((part, index) => {
          for (const { timeMs, value } of values[index]) {
            const slice =
              bySliceEnd.get(timeMs) ??
              Object.fromEntries(parts.map(p => [p.queryName, null]));
            slice[part.queryName] = value;
            bySliceEnd.set(timeMs, slice);
          }
        });
      }),
    );
    const slices = [...bySliceEnd]
      .sort(([a], [b]) => a - b)
      .map(([endMs, counts]) => ({ end: new Date(endMs), counts }));
    return { slices, issuedQueries };
  }

  /**
   * Sorts the samples of a combined query's answer by part (the key label's value is the part's
   * index) and checks that each value is a count. A part without samples matched no series.
   */
  private splitByPart(
    samples: Array<{
      metric: Record<string, string>;
      sample: PrometheusSample;
    }>,
    parts: QueryPart[],
  ): Array<Array<{ timeMs: number; value: number }>> {
    const byPart = parts.map(
      () => new Array<{ timeMs: number; value: number }>(),
    );
    for (const { metric, sample } of samples) {
      const key = metric[PROMETHEUS_KEY_LABEL] ?? '';
      const index = /^\d+$/.test(key) ? Number(key) : -1;
      const part = parts[index];
      if (!part) {
        throw new MetricSourceError(
          `${
            this.source
          }: unexpected shape of the query result (a series without a known ${PROMETHEUS_KEY_LABEL} label: ${JSON.stringify(
            metric,
          )})`,
        );
      }
      const [seconds, raw] = sample;
      const value = checkCount(
        this.source,
        parsePrometheusNumber(raw),
        raw,
        () =>
          `query ${part.promql} at ${new Date(seconds * 1000).toISOString()}`,
      );
      byPart[index].push({ timeMs: Math.round(seconds * 1000), value });
    }
    return byPart;
  }
}

/**
 * Creates `type: prometheus` metric sources.
 *
 * @public
 */
export const prometheusMetricSourceFactory: MetricSourceFactory = {
  type: 'prometheus',
  create: ({ name, config, logger }) =>
    PrometheusMetricSource.fromConfig(config, { name, logger }),
};

/** `new URL('graph', base)` replaces the last path segment unless the base ends with a slash. */
function withTrailingSlash(url: URL): URL {
  const copy = new URL(url.toString());
  if (!copy.pathname.endsWith('/')) {
    copy.pathname = `${copy.pathname}/`;
  }
  return copy;
}

/** The UTC form Prometheus's UI reads in `moment_input`/`end_input`: `2026-11-30 12:00:00`. */
function prometheusUiTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
