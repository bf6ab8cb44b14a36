import {
  bucketBounds,
  latencyThreshold,
  thresholdBucketMismatch,
} from './histogramBuckets';

describe('latencyThreshold', () => {
  it.each([
    ['http_request_duration_seconds_bucket{job="api",le="0.3"}', 0.3],
    ['sum(rate(latency_bucket{ le = "1.5", job="api"}[{{.window}}]))', 1.5],
    ['http_request_duration_seconds_bucket{le="+Inf"}', undefined],
    ['http_request_duration_seconds_count{le="0.3"}', undefined],
    ['http_request_duration_seconds_bucket{handle="0.3"}', undefined],
    ['http_requests_total{code="200"}', undefined],
    // In the unit the histogram's name says (Istio's are in milliseconds).
    ['istio_request_duration_milliseconds_bucket{le="300"}', 0.3],
    ['rpc_latency_ms_bucket{le="1500"}', 1.5],
    // A bound of 0 s is no threshold (nothing is faster than 0 s).
    ['http_request_duration_seconds_bucket{le="0"}', undefined],
  ])('reads %s as %s seconds', (query, seconds) => {
    expect(latencyThreshold(query)).toBe(seconds);
  });
});

describe('bucketBounds', () => {
  it.each([
    [
      'http_request_duration_seconds_bucket{job="api",le="0.3"}',
      [{ histogram: 'http_request_duration_seconds', le: '0.3' }],
    ],
    ['latency_bucket{le="+Inf"}', [{ histogram: 'latency', le: '+Inf' }]],
    [
      'sum(increase(a_bucket{le="0.3"}[{{.window}}])) + sum(increase(a_bucket{le="0.30"}[{{.window}}]))',
      [
        { histogram: 'a', le: '0.3' },
        { histogram: 'a', le: '0.30' },
      ],
    ],
    ['a_bucket{le="1"} or a_bucket{le="1"}', [{ histogram: 'a', le: '1' }]],
    ['fast_requests_total{job="api"}', []],
    ['http_request_duration_seconds_count{le="0.3"}', []],
  ])('finds in %s the bounds %j', (query, bounds) => {
    expect(bucketBounds(query)).toEqual(bounds);
  });
});

describe('thresholdBucketMismatch', () => {
  it.each([
    ['the same bound', 0.3, 'h_seconds_bucket{le="0.3"}'],
    ['the same bound written otherwise', 0.3, 'h_seconds_bucket{le="0.30"}'],
    ['a bound in milliseconds', 0.3, 'h_milliseconds_bucket{le="300"}'],
    ['a bound in ms', 0.25, 'h_ms_bucket{le="250"}'],
    ['a histogram whose name says no unit', 0.3, 'latency_bucket{le="0.5"}'],
    [
      'several bounds',
      0.3,
      'h_seconds_bucket{le="0.3"} + h_seconds_bucket{le="0.5"}',
    ],
    ['no bucket', 0.3, 'fast_requests_total'],
  ])('finds nothing wrong with %s', (_, threshold, good) => {
    expect(thresholdBucketMismatch(threshold, good)).toBeUndefined();
  });

  it.each([
    [0.3, 'h_seconds_bucket{le="0.5"}', 'le="0.5": '],
    [0.3, 'h_milliseconds_bucket{le="500"}', 'le="500" (0.5 s): '],
    [0.3, 'h_seconds_bucket{le="+Inf"}', 'le="+Inf": '],
    // 0.3 ms is not 0.3 s.
    [0.3, 'h_milliseconds_bucket{le="0.3"}', 'le="0.3" (0.0003 s): '],
    // Close is not equal: 0.301 s differs from 0.3 s by 0.3 %, far beyond a unit's float noise.
    [0.3, 'h_seconds_bucket{le="0.301"}', 'le="0.301": '],
  ])('says %s s does not match %s', (threshold, good, bound) => {
    expect(thresholdBucketMismatch(threshold, good)).toBe(
      `Does not match the good query's histogram bucket ${bound}give the threshold the bucket counts, or count the bucket of ${threshold} s`,
    );
  });
});
