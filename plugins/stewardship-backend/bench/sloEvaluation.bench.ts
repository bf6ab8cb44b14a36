/*
 * Benchmark: evaluate 1,000 SLOs against a real Prometheus and store their snapshots, the way the
 * scheduled task does. Run with `yarn bench:slo` in this package; the latest output is committed
 * beside this file as sloEvaluation.bench.txt.
 *
 * Setup: 100 services, each with 30 days of request counters (a sample every 5 minutes), backfilled
 * with promtool into a Prometheus started for the run; 10 SLOs per service mixing rolling 7d/28d/
 * 30d/90d and calendar windows, good/bad/{{.window}} queries and latency thresholds (timeslices
 * once per service). Snapshots go to an in-memory SQLite. Queries are counted by Prometheus itself
 * (prometheus_http_requests_total), not by the client.
 *
 * Target (issue #3): <= 30 s for 1,000 SLOs on a 2-core machine.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import Knex from 'knex';
import os from 'os';
import { DatabaseSloStore } from '../src/database/DatabaseSloStore';
import { PrometheusMetricSource } from '../src/metricSources';
import { SloEvaluationRunner } from '../src/slo/SloEvaluationRunner';
import { SloEvaluator } from '../src/slo/SloEvaluator';
import {
  OpenMetricsSeries,
  startPrometheus,
  writeOpenMetrics,
} from '../src/__testUtils__/prometheus';

const SERVICES = 100;
const SLOS_PER_SERVICE = 10;
const STEP = 300;
const DAYS = 30;
const RUNS = 3;

function history(end: number): OpenMetricsSeries[] {
  const series: OpenMetricsSeries[] = [];
  for (let s = 0; s < SERVICES; s++) {
    const ok: Array<[number, number]> = [];
    const err: Array<[number, number]> = [];
    const fast: Array<[number, number]> = [];
    const count: Array<[number, number]> = [];
    let vOk = 0;
    let vErr = 0;
    let vFast = 0;
    for (let t = end - DAYS * 86400, i = 0; t <= end; t += STEP, i++) {
      const total = 500 + ((i * 31 + s * 7) % 200);
      const bad = (i + s) % 29 === 0 ? 25 : (i * s) % 5;
      vOk += total - bad;
      vErr += bad;
      vFast += total - ((i + s) % 3) * 4;
      ok.push([t, vOk]);
      err.push([t, vErr]);
      fast.push([t, vFast]);
      count.push([t, vOk + vErr]);
    }
    const service = `svc-${s}`;
    series.push(
      {
        name: 'http_requests_total',
        labels: { service, code: '200' },
        samples: ok,
      },
      {
        name: 'http_requests_total',
        labels: { service, code: '500' },
        samples: err,
      },
      {
        name: 'http_request_duration_seconds_bucket',
        labels: { service, le: '0.3' },
        samples: fast,
      },
      {
        name: 'http_request_duration_seconds_count',
        labels: { service },
        samples: count,
      },
    );
  }
  return series;
}

function slosFor(s: number): SloSpec[] {
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

async function queriesServed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const m =
      /^prometheus_http_requests_total\{[^}]*handler="\/api\/v1\/query(_range)?"[^}]*\} (\d+)/.exec(
        line,
      );
    if (m) total += Number(m[2]);
  }
  return total;
}

async function main() {
  const end = Math.floor(Date.now() / 1000 / STEP) * STEP - STEP;
  const t0 = Date.now();
  const prometheus = await startPrometheus({
    openMetrics: writeOpenMetrics(history(end)),
  });
  const setupMs = Date.now() - t0;
  try {
    const knex = Knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const store = await DatabaseSloStore.forTest(knex);
    for (let s = 0; s < SERVICES; s++) {
      await store.createSlos(slosFor(s), 'user:default/bench');
    }
    const source = PrometheusMetricSource.fromConfig(
      new ConfigReader({ baseUrl: prometheus.url, timeout: '20s' }),
      { name: 'prom' },
    );
    const evaluator = new SloEvaluator(new Map([['prom', source]]), {
      queryTimeoutMs: 20_000,
    });
    const runner = new SloEvaluationRunner(store, evaluator, {
      concurrencyPerSource: 10,
    });
    const logger = mockServices.rootLogger({ level: 'warn' });

    console.log(
      'SLO evaluation benchmark (issue #3: 1,000 SLOs against a real Prometheus, target <= 30 s)',
    );
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${
        process.version
      }`,
    );
    console.log(
      `data: ${SERVICES} services × 4 series, ${DAYS} days at ${
        STEP / 60
      }-minute resolution; Prometheus ready in ${(setupMs / 1000).toFixed(
        1,
      )} s (generate + promtool + start)`,
    );
    console.log(
      `SLOs: ${
        SERVICES * SLOS_PER_SERVICE
      } (rolling 7d/28d/30d/90d, calendar month/quarter, good/bad/expression, latency, timeslices), concurrency 10 per source`,
    );
    const at = new Date(end * 1000);
    for (let run = 1; run <= RUNS; run++) {
      const before = await queriesServed(prometheus.url);
      const summary = await runner.evaluateAll(at, logger);
      const queries = (await queriesServed(prometheus.url)) - before;
      const statuses = Object.entries(summary.byStatus)
        .map(([status, n]) => `${n} ${status}`)
        .join(', ');
      console.log(
        `run ${run}: ${summary.evaluated} SLOs in ${(
          summary.durationMs / 1000
        ).toFixed(2)} s wall (${(
          summary.durationMs / summary.evaluated
        ).toFixed(1)} ms/SLO), ${queries} Prometheus queries = ${(
          queries / summary.evaluated
        ).toFixed(2)} per SLO; ${statuses}`,
      );
    }
    await knex.destroy();
  } finally {
    await prometheus.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
