/*
 * Writes the demo services' counters as OpenMetrics text for `promtool tsdb create-blocks-from
 * openmetrics`: http_requests_total{service,code} and, where a service has a latency profile,
 * http_request_duration_seconds_bucket{service,le} / _count.
 *
 * Resolution: see `isSampled` (every 10 minutes until 3 days before `now`, then every minute
 * until `until`, after `now`). Samples run into the future so the demo's windows ending "now" stay
 * full for a day after generation.
 */
import fs from 'node:fs';
import { DEMO_SERVICES, isSampled, minuteCounts } from './demoTraffic.mjs';

const MINUTE = 60;

function labels(obj) {
  return `{${Object.entries(obj)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;
}

export function generateOpenMetrics(
  file,
  { now, days = 35, futureHours = 26 },
) {
  const start = Math.floor((now - days * 86400) / MINUTE) * MINUTE;
  const until = Math.floor((now + futureHours * 3600) / MINUTE) * MINUTE;
  const out = fs.openSync(file, 'w');
  const families = { requests: [], buckets: [], counts: [] };

  for (const [service, profile] of Object.entries(DEMO_SERVICES)) {
    const series = {
      ok: {
        name: 'http_requests_total',
        l: { service, code: '200' },
        v: 0,
        lines: [],
      },
      err: {
        name: 'http_requests_total',
        l: { service, code: '500' },
        v: 0,
        lines: [],
      },
    };
    const buckets = profile.latency
      ? [...Object.keys(profile.latency), '+Inf'].map(le => ({
          le,
          share: le === '+Inf' ? 1 : profile.latency[le],
          s: {
            name: 'http_request_duration_seconds_bucket',
            l: { service, le },
            v: 0,
            lines: [],
          },
        }))
      : [];
    const count = profile.latency
      ? {
          name: 'http_request_duration_seconds_count',
          l: { service },
          v: 0,
          lines: [],
        }
      : undefined;
    const resetAt = profile.resetAt?.(now);

    for (let t = start; t <= until; t += MINUTE) {
      if (resetAt !== undefined && t - MINUTE < resetAt && t >= resetAt) {
        // A restart: counters begin again from zero.
        for (const s of [series.ok, series.err]) s.v = 0;
      }
      const { requests, errors } = minuteCounts(service, t, now);
      series.ok.v += requests - errors;
      series.err.v += errors;
      for (const b of buckets) b.s.v += Math.round(requests * b.share);
      if (count) count.v += requests;
      if (isSampled(service, t, { start, now })) {
        for (const s of [
          series.ok,
          series.err,
          ...buckets.map(b => b.s),
          ...(count ? [count] : []),
        ]) {
          s.lines.push(`${s.name}${labels(s.l)} ${s.v} ${t}\n`);
        }
      }
    }
    families.requests.push(series.ok, series.err);
    families.buckets.push(...buckets.map(b => b.s));
    if (count) families.counts.push(count);
  }

  // OpenMetrics wants each family's samples together, each series in time order.
  for (const family of [families.requests, families.buckets, families.counts]) {
    for (const s of family) fs.writeSync(out, s.lines.join(''));
  }
  fs.writeSync(out, '# EOF\n');
  fs.closeSync(out);
  return {
    start,
    until,
    series: Object.values(families).flat().length,
  };
}
