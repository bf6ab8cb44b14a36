import { OpenMetricsSeries } from './prometheus';

/**
 * Deterministic request traffic for the Prometheus tests, as a scraper would have recorded it,
 * together with the event counts it stands for, so that tests can check what Prometheus computes
 * against numbers computed without Prometheus.
 *
 * 35 days of samples every 60 s from 2025-11-28T00:00Z, of a job `api` that restarts twice (its
 * counters drop back to what they counted since the restart) and has two incidents:
 *
 * - `http_requests_total{job="api",code="200"|"500"}`;
 * - `http_request_duration_seconds_bucket{job="api",le="0.3"|"1"|"+Inf"}` and `…_count{job="api"}`;
 * - `http_requests_total{job="batch",code="200"}`, a series without traffic (constant).
 */

/** Seconds of the first sample. */
export const DATA_START = Date.UTC(2025, 10, 28) / 1000;
export const SCRAPE_SECONDS = 60;
export const SAMPLE_COUNT = 35 * 1440;
/** Seconds of the samples at which the `api` job had restarted. */
export const RESTARTS = [
  Date.UTC(2025, 11, 15, 12, 0) / 1000,
  Date.UTC(2025, 11, 31, 17, 40) / 1000,
];
/** Incidents `[start, end)` in seconds: more errors, slower requests. */
const INCIDENTS: Array<[number, number]> = [
  [Date.UTC(2025, 11, 20, 10, 0) / 1000, Date.UTC(2025, 11, 20, 11, 0) / 1000],
  [Date.UTC(2025, 11, 31, 17, 55) / 1000, Date.UTC(2025, 11, 31, 18, 5) / 1000],
];

/** A generated series with the events behind each of its samples. */
export interface TrafficSeries extends OpenMetricsSeries {
  /** Events between sample i − 1 and sample i (0 for the first sample). */
  increments: number[];
}

/** Generated traffic and the counts it stands for. */
export interface TrafficData {
  series: TrafficSeries[];
  /**
   * Events of the series named `name` with exactly `labels`, summed over all matching series when
   * `labels` is a subset, in `(start, end]` (Unix seconds, on the scrape grid, not before the data).
   */
  count(
    name: string,
    labels: Record<string, string>,
    start: number,
    end: number,
  ): number;
}

/** Generates the traffic; the same every time. */
export function generateTrafficData(): TrafficData {
  const random = mulberry32(20251128);
  const series = {
    ok: newSeries('http_requests_total', { job: 'api', code: '200' }),
    failed: newSeries('http_requests_total', { job: 'api', code: '500' }),
    fast: newSeries('http_request_duration_seconds_bucket', {
      job: 'api',
      le: '0.3',
    }),
    slowish: newSeries('http_request_duration_seconds_bucket', {
      job: 'api',
      le: '1',
    }),
    all: newSeries('http_request_duration_seconds_bucket', {
      job: 'api',
      le: '+Inf',
    }),
    count: newSeries('http_request_duration_seconds_count', { job: 'api' }),
    quiet: newSeries('http_requests_total', { job: 'batch', code: '200' }),
  };
  const values = Object.fromEntries(
    Object.keys(series).map(key => [key, Math.floor(random() * 1000)]),
  ) as Record<keyof typeof series, number>;

  for (let i = 0; i < SAMPLE_COUNT; i++) {
    const t = DATA_START + i * SCRAPE_SECONDS;
    const incident = INCIDENTS.some(([from, to]) => t >= from && t < to);
    const restarted = RESTARTS.includes(t);
    // Daily rhythm times noise; no events are attributed to the first sample.
    const dayAngle = (2 * Math.PI * ((i % 1440) - 360)) / 1440;
    const requests =
      i === 0
        ? 0
        : Math.floor(100 * (1 + 0.6 * Math.sin(dayAngle)) * (0.5 + random()));
    const failed = Math.min(
      requests,
      Math.floor(requests * (incident ? 0.25 : 0.003) + random()),
    );
    const fast = Math.min(
      requests,
      Math.floor(requests * (incident ? 0.6 : 0.95) + random()),
    );
    const slowish = Math.min(
      requests - fast,
      Math.floor((requests - fast) * 0.7 + random()),
    );
    const increments: Record<keyof typeof series, number> = {
      ok: requests - failed,
      failed,
      fast,
      slowish: fast + slowish,
      all: requests,
      count: requests,
      quiet: 0,
    };
    for (const key of Object.keys(series) as Array<keyof typeof series>) {
      const increment = increments[key];
      // A restarted process counts from zero: the sample holds only what came since.
      values[key] =
        key !== 'quiet' && restarted ? increment : values[key] + increment;
      series[key].samples.push([t, values[key]]);
      series[key].increments.push(increment);
    }
  }

  const all = Object.values(series);
  // Running totals of the increments, so that a count is two lookups (tests count per slice).
  const runningTotals = new Map(
    all.map(s => {
      let total = 0;
      return [s, s.increments.map(increment => (total += increment))];
    }),
  );
  const lastIndexAtOrBefore = (t: number) =>
    Math.min(SAMPLE_COUNT - 1, Math.floor((t - DATA_START) / SCRAPE_SECONDS));
  return {
    series: all,
    count(name, labels, start, end) {
      if (start < DATA_START || (start - DATA_START) % SCRAPE_SECONDS !== 0) {
        throw new Error(
          `count() needs a start on the scrape grid within the data`,
        );
      }
      let total = 0;
      for (const s of all) {
        const matches =
          s.name === name &&
          Object.entries(labels).every(
            ([label, value]) => s.labels[label] === value,
          );
        if (matches && end > start) {
          // Samples in (start, end]: indices (first, last].
          const totals = runningTotals.get(s)!;
          total +=
            totals[lastIndexAtOrBefore(end)] -
            totals[lastIndexAtOrBefore(start)];
        }
      }
      return total;
    },
  };
}

function newSeries(
  name: string,
  labels: Record<string, string>,
): TrafficSeries {
  return { name, labels, samples: [], increments: [] };
}

/** A small seeded PRNG, so that every run backfills the same data. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
