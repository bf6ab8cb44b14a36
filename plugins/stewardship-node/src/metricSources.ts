import {
  LoggerService,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/**
 * One window to count events over: `(start, end]`.
 *
 * @public
 */
export interface CountWindow {
  /** Caller's key for the window, e.g. `slo` or `1h`. */
  key: string;
  /** Exclusive start of the window. */
  start: Date;
  /** Inclusive end of the window: the moment evaluated as of. */
  end: Date;
}

/**
 * A request for event counts: every named query summed over every window.
 *
 * @public
 */
export interface EventCountsRequest {
  /**
   * Named event-count queries in the source's language, e.g. `{ good: '…', total: '…' }`.
   * See `EventQuery` in the common package for the Prometheus forms.
   */
  queries: Readonly<Record<string, string>>;
  /** The windows to count over; usually all end at the same moment. */
  windows: ReadonlyArray<CountWindow>;
  /**
   * Aborts when the engine's per-query timeout passes or when the evaluation run is aborted (the
   * scheduler's timeout, a backend shutting down). Pass it to every request; once it has
   * aborted, send no further request and reject.
   */
  signal: AbortSignal;
}

/**
 * Event counts per window and query.
 *
 * @public
 */
export interface EventCountsResult {
  /**
   * `counts[windowKey][queryName]`: the events counted, or `null` when the query matched no
   * series at all (a broken SLI, as opposed to `0`, a quiet one).
   */
  counts: Record<string, Record<string, number | null>>;
  /** The queries as sent, shown to users in the explanation of the numbers. */
  issuedQueries: string[];
  /**
   * Optional: which of `issuedQueries` counted each window, by the request's window key, so the
   * explanation shows each figure (the SLI, a burn rate) only the queries behind it. Without it,
   * every query is shown with every figure.
   */
  queriesByWindow?: Record<string, string[]>;
}

/**
 * A request for event counts per time slice, for `timeslices` budgeting.
 *
 * @public
 */
export interface SliceCountsRequest {
  /** Named event-count queries, as in {@link EventCountsRequest}. */
  queries: Readonly<Record<string, string>>;
  /** Slices are `(end − k·slice, end − (k−1)·slice]` back to `start`. */
  start: Date;
  /** The end of the last slice. */
  end: Date;
  /** The slice length in seconds. */
  sliceSeconds: number;
  /** Aborts as in {@link EventCountsRequest.signal}: send no further request once it has. */
  signal: AbortSignal;
}

/**
 * Event counts per slice, oldest first. Slices the source has no data for may be left out.
 *
 * @public
 */
export interface SliceCountsResult {
  /** Per slice: its end, and per query the events counted (`null`: no series). */
  slices: Array<{ end: Date; counts: Record<string, number | null> }>;
  /** The queries as sent, for the explanation of the numbers. */
  issuedQueries: string[];
}

/**
 * A metric source: counts events for SLIs. Throw (any error; a `MetricSourceError` reads best) when
 * the source is down, slow or answers something unusable: the engine turns it into `no-data` with
 * the error's message and evaluates the other SLOs on.
 *
 * @public
 */
export interface MetricSource {
  /** Sums every named query over every window (occurrences budgeting, burn rates). */
  countEvents(request: EventCountsRequest): Promise<EventCountsResult>;
  /** Counts every named query per time slice (timeslices budgeting). */
  countEventsPerSlice(request: SliceCountsRequest): Promise<SliceCountsResult>;
  /**
   * Optional: a cheap probe of whether the source answers at all (e.g. Prometheus
   * `GET /-/ready`), shown to users choosing a source for an SLO. Resolves when the source is up;
   * rejects (a `MetricSourceError` reads best) with a message saying why it is not. Send one
   * small request and honour `signal` (a short deadline set by the caller). Sources without it
   * are listed with health `unknown`.
   */
  checkHealth?(options: MetricSourceHealthCheckOptions): Promise<void>;
  /**
   * Optional: a link that opens one of its issued queries (an entry of `issuedQueries`) in the
   * source's own UI, for users' browsers, e.g. Prometheus's graph page with the expression and
   * the moment filled in. Return `undefined` when the source has no UI address configured (the
   * backend's `baseUrl` is often not one a browser can reach). Pure: send no request. Only an
   * absolute http(s) URL without a user name or password is shown; anything else is dropped.
   */
  queryLink?(options: MetricSourceQueryLinkOptions): string | undefined;
  /**
   * Optional: why `query` (an SLI's `good`, `bad` or `total`) is not a query this source can
   * count with, or `undefined` when it is one. Called when an SLO naming this source is created,
   * updated or previewed, after the checks every query gets (not empty, at most 4,000 characters,
   * no control characters); the message is the `400`'s text for that field, so say which syntax
   * the source expects (`Write a Datadog metric query such as …`). Pure: send no request. Without
   * it, any query passing the common checks is accepted.
   */
  validateQuery?(query: string): string | undefined;
}

/**
 * Options of {@link MetricSource.queryLink}.
 *
 * @public
 */
export interface MetricSourceQueryLinkOptions {
  /** The query exactly as the source reported it in `issuedQueries`. */
  query: string;
  /** The start of the window the query counted over. */
  start: Date;
  /** The moment the query was evaluated at (the window's end). */
  end: Date;
}

/**
 * Options of {@link MetricSource.checkHealth}.
 *
 * @public
 */
export interface MetricSourceHealthCheckOptions {
  /** Aborts when the caller's probe deadline passes; send no request once it has. */
  signal: AbortSignal;
}

/**
 * Creates metric sources of one `type` from `stewardship.metricSources.<name>` config.
 *
 * @public
 */
export interface MetricSourceFactory {
  /** The `type` value this factory handles, e.g. `prometheus`. */
  type: string;
  /** Creates the source named `name` from its config block; throw for invalid config. */
  create(options: {
    /** The key under `stewardship.metricSources`. */
    name: string;
    /** The source's own config block. */
    config: Config;
    /** A logger for this source. */
    logger: LoggerService;
  }): MetricSource;
}

/**
 * An error a metric source throws for an unusable answer; its message becomes the SLO's
 * `no-data` reason (stored on one line, at most 1,000 characters).
 *
 * @public
 */
export class MetricSourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricSourceError';
  }
}

/**
 * Lets a backend module add metric source types.
 *
 * @public
 */
export interface StewardshipMetricSourcesExtensionPoint {
  /** Adds a source type; a type already registered (built in or by another module) is an error. */
  addMetricSourceFactory(factory: MetricSourceFactory): void;
}

/**
 * The extension point for metric source types, e.g.:
 *
 * ```ts
 * env.registerInit({
 *   deps: { sources: stewardshipMetricSourcesExtensionPoint },
 *   async init({ sources }) {
 *     sources.addMetricSourceFactory({ type: 'influx', create: ({ config }) => new InfluxSource(config) });
 *   },
 * });
 * ```
 *
 * @public
 */
export const stewardshipMetricSourcesExtensionPoint =
  createExtensionPoint<StewardshipMetricSourcesExtensionPoint>({
    id: 'stewardship.metric-sources',
  });
