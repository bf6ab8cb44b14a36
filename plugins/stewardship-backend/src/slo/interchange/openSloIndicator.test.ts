import { latencyThreshold } from './openSloIndicator';

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
