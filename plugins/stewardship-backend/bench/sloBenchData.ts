/*
 * The SLOs and the metric history shared by the SLO benchmarks (sloEvaluation, prometheusCost).
 *
 * Each service has four counters: requests by code (200, 500), requests faster than 0.3 s and all
 * requests. Every step adds 500–699 requests, a few of them errors (25 every 29th step); the
 * increments depend only on the step index, so the history written for promtool and the values a
 * live exporter serves later continue one another exactly.
 */
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Ten SLOs per service. */
export const SLOS_PER_SERVICE = 10;

/** The four cumulative counters of one service. */
export interface ServiceCounters {
  ok: number;
  err: number;
  fast: number;
  count: number;
}

/** The counters of service `s` after each step, from step 0: advance with `next()`. */
export class ServiceHistory {
  private step = -1;
  readonly values: ServiceCounters = { ok: 0, err: 0, fast: 0, count: 0 };

  constructor(private readonly service: number) {}

  /** Adds step `this.step + 1` and returns the counters after it. */
  next(): ServiceCounters {
    const i = ++this.step;
    const s = this.service;
    const total = 500 + ((i * 31 + s * 7) % 200);
    const bad = (i + s) % 29 === 0 ? 25 : (i * s) % 5;
    this.values.ok += total - bad;
    this.values.err += bad;
    this.values.fast += total - ((i + s) % 3) * 4;
    this.values.count += total;
    return this.values;
  }

  /** Advances to step `i` (no-op when already there). */
  advanceTo(i: number): ServiceCounters {
    while (this.step < i) this.next();
    return this.values;
  }
}

/**
 * The series of service `s`, as OpenMetrics name + labels, in {@link ServiceCounters} order;
 * `extraLabels` (e.g. `job="x",`) go first.
 */
export function seriesOf(
  s: number,
  extraLabels = '',
): Record<keyof ServiceCounters, string> {
  const service = `${extraLabels}service="svc-${s}"`;
  return {
    ok: `http_requests_total{${service},code="200"}`,
    err: `http_requests_total{${service},code="500"}`,
    fast: `http_request_duration_seconds_bucket{${service},le="0.3"}`,
    count: `http_request_duration_seconds_count{${service}}`,
  };
}

/**
 * Streams an OpenMetrics file (too big for one string at 1-minute resolution) for promtool, one
 * whole series at a time, samples in time order.
 */
export class OpenMetricsFileWriter {
  private readonly out;
  samples = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path);
  }

  /** Whole lines (`name{labels} value seconds\n`) of one series, in time order. */
  async writeLines(lines: string[]) {
    this.samples += lines.length;
    if (!this.out.write(lines.join(''))) await once(this.out, 'drain');
  }

  async close() {
    this.out.end('# EOF\n');
    await once(this.out, 'finish');
  }
}

/**
 * Writes the history of `services` services from `start` to `end` (Unix seconds, step index 0 at
 * `start`) every `stepSeconds`.
 */
export async function writeServiceHistory(
  writer: OpenMetricsFileWriter,
  options: {
    services: number;
    start: number;
    end: number;
    stepSeconds: number;
    /** Labels for every series, e.g. `job="x",` to match a scrape job's. */
    extraLabels?: string;
  },
): Promise<void> {
  const { services, start, end, stepSeconds } = options;
  for (let s = 0; s < services; s++) {
    const names = seriesOf(s, options.extraLabels);
    const keys = Object.keys(names) as Array<keyof ServiceCounters>;
    // One pass per service, one array of lines per series (no per-sample tuples: 17M at 1 minute).
    const lines = keys.map(() => new Array<string>());
    const history = new ServiceHistory(s);
    for (let t = start; t <= end; t += stepSeconds) {
      const values = history.next();
      keys.forEach((key, k) =>
        lines[k].push(`${names[key]} ${values[key]} ${t}\n`),
      );
    }
    for (const series of lines) await writer.writeLines(series);
  }
}

/** The ten SLOs of service `s`, against a metric source named `prom`. */
export function slosFor(s: number): SloSpec[] {
  const service = `svc-${s}`;
  const base = {
    entityRef: `component:default/${service}`,
    objective: 0.99,
    budgetingMethod: 'occurrences' as const,
    metricSource: 'prom',
    alertPolicies: [],
    labels: {},
  };
  const good = {
    type: 'ratio' as const,
    good: `http_requests_total{service="${service}",code!~"5.."}`,
    total: `http_requests_total{service="${service}"}`,
  };
  const rolling = (duration: string) => ({
    type: 'rolling' as const,
    duration,
  });
  return [
    {
      ...base,
      name: 'availability-30d',
      sli: good,
      timeWindow: rolling('30d'),
    },
    {
      ...base,
      name: 'availability-28d',
      sli: good,
      timeWindow: rolling('28d'),
    },
    {
      ...base,
      name: 'availability-7d',
      sli: good,
      timeWindow: rolling('7d'),
      objective: 0.95,
    },
    {
      ...base,
      name: 'availability-90d',
      sli: good,
      timeWindow: rolling('90d'),
    },
    {
      ...base,
      name: 'errors-30d',
      sli: {
        type: 'ratio',
        bad: `http_requests_total{service="${service}",code=~"5.."}`,
        total: good.total,
      },
      timeWindow: rolling('30d'),
    },
    {
      ...base,
      name: 'expression-28d',
      sli: {
        type: 'ratio',
        bad: `sum(increase(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))`,
        total: `sum(increase(http_requests_total{service="${service}"}[{{.window}}]))`,
      },
      timeWindow: rolling('28d'),
    },
    {
      ...base,
      name: 'monthly',
      sli: good,
      timeWindow: {
        type: 'calendar',
        unit: 'month',
        timeZone: 'Europe/Berlin',
      },
    },
    {
      ...base,
      name: 'quarterly',
      sli: good,
      timeWindow: {
        type: 'calendar',
        unit: 'quarter',
        timeZone: 'America/New_York',
      },
    },
    {
      ...base,
      name: 'latency',
      objective: 0.9,
      sli: {
        type: 'latency',
        thresholdSeconds: 0.3,
        good: `http_request_duration_seconds_bucket{service="${service}",le="0.3"}`,
        total: `http_request_duration_seconds_count{service="${service}"}`,
      },
      timeWindow: rolling('28d'),
    },
    {
      ...base,
      name: 'timeslices-7d',
      sli: good,
      timeWindow: rolling('7d'),
      budgetingMethod: 'timeslices',
      timeslice: { duration: '1h', target: 0.98 },
    },
  ];
}

/** Reads one counter or gauge (summed over its label sets) from a Prometheus `/metrics` text. */
export function readMetric(
  text: string,
  name: string,
  labelFilter?: RegExp,
): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    const labels = rest[0] === '{' ? rest.slice(0, rest.indexOf('}') + 1) : '';
    if (labelFilter && !labelFilter.test(labels)) continue;
    const value = Number(rest.slice(labels.length).trim().split(' ')[0]);
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

/** `/metrics` of a Prometheus. */
export async function fetchMetrics(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}
