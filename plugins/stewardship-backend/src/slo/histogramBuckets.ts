/*
 * The histogram buckets a latency SLI's good-events query counts. OpenSLO and Prometheus write a
 * latency objective as a ratio whose good events are one bucket (`…_bucket{le="0.3"}`), so the
 * bucket is the threshold the SLI really measures, whatever `thresholdSeconds` says. A bucket's
 * bound is in its histogram's unit, which Prometheus names carry: `…_seconds_bucket{le="0.3"}`,
 * `…_milliseconds_bucket{le="300"}` (Istio's, for one) are both 0.3 s.
 */

// A histogram bucket selected at one threshold: `<histogram>_bucket{…le="0.3"…}`.
const BUCKET = /([A-Za-z_:][\w:]*)_bucket\s*\{[^}]*\ble\s*=\s*"([^"]+)"/g;

/** One bucket a query selects: its histogram's name (without `_bucket`) and its bound as written. */
export interface BucketBound {
  histogram: string;
  le: string;
}

/**
 * The buckets `query` selects, each once, in order of appearance (`+Inf` included); none for a
 * query over a counter of its own (`fast_requests_total`).
 */
export function bucketBounds(query: string): BucketBound[] {
  const seen = new Map<string, BucketBound>();
  for (const [, histogram, le] of query.matchAll(BUCKET)) {
    seen.set(`${histogram}\u0000${le}`, { histogram, le });
  }
  return [...seen.values()];
}

/** Units per second of a histogram's bounds, as its name says; undefined when it names none. */
function unitsPerSecond(histogram: string): number | undefined {
  if (/_seconds$/.test(histogram)) return 1;
  if (/_(milliseconds|ms)$/.test(histogram)) return 1000;
  return undefined;
}

/** A bound in seconds (`+Inf` is Infinity); undefined when it is no number. */
function seconds(le: string, perSecond: number): number | undefined {
  const value = le.trim() === '+Inf' ? Infinity : Number(le);
  return Number.isNaN(value) || le.trim() === ''
    ? undefined
    : value / perSecond;
}

/** Equal but for the last bits of a unit's conversion. */
const same = (a: number, b: number) =>
  a === b ||
  (Number.isFinite(a) &&
    Number.isFinite(b) &&
    Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)));

/**
 * The latency threshold, in seconds, a good-events query selects if it counts one histogram
 * bucket: in the unit its name says, else read as seconds (Prometheus' base unit).
 */
export function latencyThreshold(goodQuery: string): number | undefined {
  const [bound] = bucketBounds(goodQuery);
  if (!bound) return undefined;
  const value = seconds(bound.le, unitsPerSecond(bound.histogram) ?? 1);
  return value !== undefined && Number.isFinite(value) && value > 0
    ? value
    : undefined;
}

/**
 * Why `thresholdSeconds` cannot be the threshold of a latency SLI whose good events are `good`:
 * the query counts one histogram bucket, whose histogram's name says its unit, at another bound
 * (`le="0.5"` of a `…_seconds` histogram for 0.3 s). Undefined when they agree, or when there is
 * nothing to compare: no bucket, several bounds, or a histogram whose name says no unit.
 */
export function thresholdBucketMismatch(
  thresholdSeconds: number,
  good: string,
): string | undefined {
  const bounds = bucketBounds(good).flatMap(bound => {
    const perSecond = unitsPerSecond(bound.histogram);
    const value =
      perSecond === undefined ? undefined : seconds(bound.le, perSecond);
    return value === undefined ? [] : [{ ...bound, perSecond, value }];
  });
  const [first] = bounds;
  if (!first || bounds.some(b => !same(b.value, first.value))) return undefined;
  if (same(first.value, thresholdSeconds)) return undefined;
  const inSeconds =
    first.perSecond === 1 || !Number.isFinite(first.value)
      ? ''
      : ` (${first.value} s)`;
  return `Does not match the good query's histogram bucket le="${first.le}"${inSeconds}: give the threshold the bucket counts, or count the bucket of ${thresholdSeconds} s`;
}
