import { bucketBounds, latencyThreshold } from './histogramBuckets';

describe('latencyThreshold', () => {
  it.each([
    ['http_request_duration_seconds_bucket{job="api",le="0.3"}', 0.3],
    ['sum(rate(latency_bucket{ le = "1.5", job="api"}[{{.window}}]))', 1.5],
    ['http_request_duration_seconds_bucket{le="+Inf"}', undefined],
    ['http_request_duration_seconds_count{le="0.3"}', undefined],
    ['http_request_duration_seconds_bucket{handle="0.3"}', undefined],
    ['http_requests_total{code="200"}', undefined],
  ])('reads %s as %s seconds', (query, seconds) => {
    expect(latencyThreshold(query)).toBe(seconds);
  });
});

describe('bucketBounds', () => {
  it.each([
    ['http_request_duration_seconds_bucket{job="api",le="0.3"}', ['0.3']],
    ['latency_bucket{le="+Inf"}', ['+Inf']],
    [
      'sum(increase(a_bucket{le="0.3"}[{{.window}}])) + sum(increase(a_bucket{le="0.30"}[{{.window}}]))',
      ['0.3', '0.30'],
    ],
    ['a_bucket{le="1"} or a_bucket{le="1"}', ['1']],
    ['fast_requests_total{job="api"}', []],
    ['http_request_duration_seconds_count{le="0.3"}', []],
  ])('finds in %s the bounds %j', (query, bounds) => {
    expect(bucketBounds(query)).toEqual(bounds);
  });
});
