/*
 * The histogram buckets a latency SLI's good-events query counts. OpenSLO and Prometheus write a
 * latency objective as a ratio whose good events are one bucket (`…_bucket{le="0.3"}`), so the
 * bucket is the threshold the SLI really measures, whatever `thresholdSeconds` says.
 */

// A histogram bucket selected at one threshold: `…_bucket{…le="0.3"…}`.
const BUCKET = /[A-Za-z_:][\w:]*_bucket\s*\{[^}]*\ble\s*=\s*"([^"]+)"/g;

/**
 * The `le` values of the histogram buckets `query` selects, as written, each once, in order of
 * appearance (`+Inf` included); none for a query over a counter of its own (`fast_requests_total`).
 */
export function bucketBounds(query: string): string[] {
  return [...new Set([...query.matchAll(BUCKET)].map(match => match[1]))];
}

/** The latency threshold a good-events query selects, if it counts one histogram bucket. */
export function latencyThreshold(goodQuery: string): number | undefined {
  const [le] = bucketBounds(goodQuery);
  const seconds = le === undefined ? NaN : Number(le);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * Why `thresholdSeconds` cannot be the threshold of a latency SLI whose good events are `good`:
 * the query counts one histogram bucket, of another bound (`le="0.5"` for 0.3 s). Undefined when
 * they agree, or when the query counts no bucket or several (nothing to compare).
 */
export function thresholdBucketMismatch(
  thresholdSeconds: number,
  good: string,
): string | undefined {
  const bounds = bucketBounds(good);
  const values = new Set(bounds.map(Number));
  if (values.size !== 1 || values.has(thresholdSeconds)) return undefined;
  return `Does not match the good query's histogram bucket le="${bounds[0]}": give the threshold the bucket counts, or count the bucket of ${thresholdSeconds} s`;
}
