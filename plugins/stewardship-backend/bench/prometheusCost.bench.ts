/*
 * Benchmark: what SLOs cost Prometheus, evaluated by Stewardship every 5 minutes versus the
 * alternative users would pick, Sloth-style recording and alert rules evaluated every minute.
 * Run with `yarn bench:prometheus-cost` in this package; the latest output is committed beside
 * this file as prometheusCost.bench.txt.
 *
 * What: the SLOs of the sloEvaluation benchmark (10 per service), fewer services, since the figure
 * is per SLO. One Prometheus holds 30 days of 1-minute history of the services' counters and, for
 * each SLO, 30 days of the `slo:sli_error:ratio_rate5m` series its Sloth rules would have recorded
 * by now (Sloth's period-window rule reads that series, so without its history the rules would look
 * cheaper than they are in steady state). A small exporter in this process serves the counters'
 * current values and Prometheus scrapes it every minute, so the data runs up to "now", where
 * rules are evaluated.
 *
 * How, in one Prometheus process, from its own metrics:
 *   1. idle: no rules, only the scrape: the baseline CPU rate (process_cpu_seconds_total);
 *   2. Stewardship: the engine's scheduled evaluation (SloEvaluationRunner.evaluateAll as of now),
 *      run back to back; CPU per run minus the baseline, × 12 runs per hour;
 *   3. rules: the generated rule file loaded (config reload, evaluation_interval 1m); after the
 *      first round, CPU over a few minutes minus the baseline, extrapolated to an hour.
 * Also printed: the engine's query time (prometheus_engine_query_duration_seconds, inner_eval) and
 * the rule groups' evaluation time (prometheus_rule_group_last_duration_seconds).
 *
 * Target (issue 7 §6): none fixed; print Prometheus CPU-seconds per SLO per hour for both, their
 * ratio, and which wins when.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { parseDuration } from '@stewardship/backstage-plugin-stewardship-common';
import Knex from 'knex';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { DatabaseSloStore } from '../src/database/DatabaseSloStore';
import { PrometheusMetricSource } from '../src/metricSources';
import { SloEvaluationRunner } from '../src/slo/SloEvaluationRunner';
import { SloEvaluator } from '../src/slo/SloEvaluator';
import { startPrometheus } from '../src/__testUtils__/prometheus';
import {
  OpenMetricsFileWriter,
  SLOS_PER_SERVICE,
  ServiceHistory,
  fetchMetrics,
  readMetric,
  seriesOf,
  slosFor,
  writeServiceHistory,
} from './sloBenchData';
import {
  slothErrorKind,
  slothLabels,
  slothPeriod,
  slothRuleFile,
} from './slothRules';

const SERVICES = 20;
const DAYS = 30;
const STEP = 60;
const CONCURRENCY = 10;
const IDLE_S = 45;
const STEWARDSHIP_RUNS = 2;
const RULES_SETTLE_S = 75;
const RULES_MEASURE_S = 180;
const STEWARDSHIP_PER_HOUR = 60 / 5;
const RULES_PER_HOUR = 60;
/** The scrape job's labels, also given to the backfilled history so that both are one series. */
const TARGET_LABELS = 'job="bench",instance="bench",';

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const sleep = (s: number) => new Promise(r => setTimeout(r, s * 1000));

interface PromFigures {
  time: number;
  cpu: number;
  innerEval: number;
  ruleIterations: number;
  ruleLastDuration: number;
  ruleFailures: number;
  queries: number;
}

async function figures(url: string): Promise<PromFigures> {
  const text = await fetchMetrics(url);
  return {
    time: performance.now() / 1000,
    cpu: readMetric(text, 'process_cpu_seconds_total'),
    innerEval: readMetric(
      text,
      'prometheus_engine_query_duration_seconds_sum',
      /slice="inner_eval"/,
    ),
    ruleIterations: readMetric(text, 'prometheus_rule_group_iterations_total'),
    ruleLastDuration: readMetric(
      text,
      'prometheus_rule_group_last_duration_seconds',
    ),
    ruleFailures: readMetric(text, 'prometheus_rule_evaluation_failures_total'),
    queries: readMetric(
      text,
      'prometheus_http_requests_total',
      /handler="\/api\/v1\/query(_range)?"/,
    ),
  };
}

function delta(a: PromFigures, b: PromFigures) {
  return {
    seconds: b.time - a.time,
    cpu: b.cpu - a.cpu,
    innerEval: b.innerEval - a.innerEval,
    ruleIterations: b.ruleIterations - a.ruleIterations,
    ruleFailures: b.ruleFailures - a.ruleFailures,
    queries: b.queries - a.queries,
  };
}

async function main() {
  const total = SERVICES * SLOS_PER_SERVICE;
  const specs = Array.from({ length: SERVICES }, (_, s) => slosFor(s)).flat();
  const [load1, load5] = os.loadavg();
  console.log(
    `Prometheus cost benchmark — ${new Date().toISOString()} (issue 7 §6: Prometheus CPU-seconds per SLO per hour, Stewardship every 5 min vs Sloth-style rules every 1 min)`,
  );
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${
      process.version
    }; load average at start ${fmt(load1)} (1 min), ${fmt(
      load5,
    )} (5 min), shared with other work`,
  );

  const tmp = await mkdtemp(join(os.tmpdir(), 'stewardship-cost-'));
  const histories = Array.from(
    { length: SERVICES },
    (_, s) => new ServiceHistory(s),
  );
  const now = Math.floor(Date.now() / 1000 / STEP) * STEP;
  const start = now - DAYS * 86400;
  const stepAt = (seconds: number) => Math.floor((seconds - start) / STEP);

  // The live end of the data: the counters' values at the current step, scraped every minute.
  const exporter = createServer((_req, res) => {
    const step = stepAt(Date.now() / 1000);
    const lines: string[] = [];
    histories.forEach((history, s) => {
      const values = history.advanceTo(step);
      const names = seriesOf(s);
      for (const key of Object.keys(names) as Array<keyof typeof names>) {
        lines.push(`${names[key]} ${values[key]}`);
      }
    });
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>(resolve =>
    exporter.listen(0, '127.0.0.1', () => resolve()),
  );
  const exporterPort = (exporter.address() as AddressInfo).port;

  const knex = Knex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    const t0 = Date.now();
    const writer = new OpenMetricsFileWriter(join(tmp, 'data.om'));
    // History up to the step before now; the exporter serves from the current step on.
    const end = start + (stepAt(now) - 1) * STEP;
    await writeServiceHistory(writer, {
      services: SERVICES,
      start,
      end,
      stepSeconds: STEP,
      extraLabels: TARGET_LABELS,
    });
    await writeRecordedHistory(writer, specs, { start, end });
    await writer.close();
    const generatedMs = Date.now() - t0;

    const baseConfig = [
      'global:',
      `  scrape_interval: ${STEP}s`,
      '  evaluation_interval: 1m',
      'scrape_configs:',
      '  - job_name: bench',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${exporterPort}']`,
      '    relabel_configs:',
      '      - target_label: instance',
      '        replacement: bench',
      '',
    ].join('\n');
    const ruleFile = join(tmp, 'sloth-rules.yml');
    await writeFile(ruleFile, slothRuleFile(specs));
    const prometheus = await startPrometheus({
      openMetricsFile: writer.path,
      config: baseConfig,
      extraArgs: ['--web.enable-lifecycle'],
    });
    await rm(writer.path);
    console.log(
      `data: ${SERVICES} services × 4 series at 1-minute resolution for ${DAYS} days, plus the 5m SLI recording of each of the ${total} SLOs for ${DAYS} days: ${writer.samples.toLocaleString(
        'en',
      )} samples generated in ${fmt(
        generatedMs / 1000,
        1,
      )} s, backfilled and started in ${fmt(
        prometheus.startupMs / 1000,
        1,
      )} s; live samples scraped every ${STEP} s`,
    );
    console.log(
      `SLOs: ${total} (${SERVICES} services × ${SLOS_PER_SERVICE}, the sloEvaluation benchmark's); Sloth rules: ${
        total * 3
      } groups, ${
        total * 17
      } rules (8 SLI recordings, 7 metadata recordings, 2 alerts per SLO)`,
    );
    try {
      // 1. Idle baseline.
      await sleep(5);
      let a = await figures(prometheus.url);
      await sleep(IDLE_S);
      let d = delta(a, await figures(prometheus.url));
      const idleRate = d.cpu / d.seconds;
      console.log(
        `\n1. idle (scrape only) for ${fmt(
          d.seconds,
          0,
        )} s: Prometheus CPU ${fmt(d.cpu)} s = ${fmt(
          idleRate * 1000,
          1,
        )} ms per second (the baseline subtracted below)`,
      );

      // 2. Stewardship.
      const store = await DatabaseSloStore.forTest(knex);
      await store.createSlos(specs, 'user:default/bench');
      const source = PrometheusMetricSource.fromConfig(
        new ConfigReader({ baseUrl: prometheus.url, timeout: '60s' }),
        { name: 'prom' },
      );
      const runner = new SloEvaluationRunner(
        store,
        new SloEvaluator(new Map([['prom', source]]), {
          queryTimeoutMs: 60_000,
        }),
        { concurrencyPerSource: CONCURRENCY },
      );
      const logger = mockServices.rootLogger({ level: 'warn' });
      const stewardshipCpu: number[] = [];
      console.log(
        '\n2. Stewardship: scheduled evaluation of every SLO as of now',
      );
      for (let run = 1; run <= STEWARDSHIP_RUNS; run++) {
        a = await figures(prometheus.url);
        const summary = await runner.evaluateAll(new Date(), logger);
        d = delta(a, await figures(prometheus.url));
        const cpu = d.cpu - idleRate * d.seconds;
        stewardshipCpu.push(cpu);
        console.log(
          `run ${run}: ${summary.evaluated} SLOs (${Object.entries(
            summary.byStatus,
          )
            .filter(([, n]) => n > 0)
            .map(([status, n]) => `${n} ${status}`)
            .join(', ')}) in ${fmt(d.seconds, 1)} s, ${
            d.queries
          } queries; Prometheus CPU ${fmt(d.cpu)} s − baseline ${fmt(
            idleRate * d.seconds,
          )} s = ${fmt(cpu)} s (${fmt(
            (cpu / total) * 1000,
            1,
          )} ms per SLO); query time ${fmt(
            d.innerEval,
          )} s (inner_eval, summed over concurrent queries)`,
        );
      }
      const stewardshipPerEval =
        stewardshipCpu.reduce((x, y) => x + y, 0) /
        stewardshipCpu.length /
        total;
      const stewardshipPerHour = stewardshipPerEval * STEWARDSHIP_PER_HOUR;

      // 3. Sloth rules.
      await writeFile(
        prometheus.configFile,
        `${baseConfig}rule_files:\n  - ${ruleFile}\n`,
      );
      const reload = await fetch(`${prometheus.url}/-/reload`, {
        method: 'POST',
      });
      if (!reload.ok) {
        throw new Error(`reload failed: ${await reload.text()}`);
      }
      console.log(
        `\n3. Sloth rules: loaded; first round (${RULES_SETTLE_S} s) not measured, then ${RULES_MEASURE_S} s measured`,
      );
      await sleep(RULES_SETTLE_S);
      a = await figures(prometheus.url);
      await sleep(RULES_MEASURE_S);
      const b = await figures(prometheus.url);
      d = delta(a, b);
      const rulesCpu = d.cpu - idleRate * d.seconds;
      const rounds = d.ruleIterations / (total * 3);
      const rulesPerHour = ((rulesCpu / d.seconds) * 3600) / total;
      const rulesPerEval = rulesCpu / rounds / total;
      console.log(
        `${fmt(d.seconds, 0)} s: ${d.ruleIterations} group evaluations (${fmt(
          rounds,
          2,
        )} rounds of all ${total * 3} groups), ${
          d.ruleFailures
        } failed rule evaluations; Prometheus CPU ${fmt(
          d.cpu,
        )} s − baseline ${fmt(idleRate * d.seconds)} s = ${fmt(
          rulesCpu,
        )} s (${fmt(
          rulesPerEval * 1000,
          1,
        )} ms per SLO per round); query time ${fmt(
          d.innerEval,
        )} s (inner_eval, summed); one round of all groups takes ${fmt(
          b.ruleLastDuration,
        )} s of rule-group wall time (prometheus_rule_group_last_duration_seconds, summed over groups that run concurrently, so inflated on a busy machine)`,
      );

      // Results.
      const ratio = rulesPerHour / stewardshipPerHour;
      const breakEvenMinutes = stewardshipPerEval / (rulesPerHour / 60);
      console.log('\nRESULT (Prometheus CPU-seconds per SLO per hour):');
      console.log(
        `  Stewardship, every 5 minutes: ${fmt(stewardshipPerHour, 3)} (${fmt(
          stewardshipPerEval * 1000,
          1,
        )} ms per SLO per evaluation × ${STEWARDSHIP_PER_HOUR})`,
      );
      console.log(
        `  Sloth-style rules, every minute: ${fmt(rulesPerHour, 3)} (${fmt(
          rulesPerEval * 1000,
          1,
        )} ms per SLO per round × ${RULES_PER_HOUR})`,
      );
      console.log(
        `  rules ÷ Stewardship: ${fmt(ratio)} — ${
          ratio > 1 ? 'Stewardship' : 'the rules'
        } cost Prometheus less here`,
      );
      const winner = ratio > 1 ? 'Stewardship' : 'the rules';
      console.log(
        `  break-even: Stewardship would have to evaluate every ${fmt(
          breakEvenMinutes,
          1,
        )} minutes to cost what the rules cost; ${
          breakEvenMinutes < 1
            ? 'even evaluating every minute, as the rules do, it costs less'
            : 'evaluating more often than that, it costs more'
        }.`,
      );
      console.log(
        `  when: ${winner} win${
          ratio > 1 ? 's' : ''
        } for these SLOs (1–2 series per query, 1-minute scrape, 7–90-day windows). Per evaluation, Stewardship re-reads each SLO window and its burn-rate windows from the raw counters (${fmt(
          stewardshipPerEval * 1000,
          1,
        )} ms here), so its cost grows with window length × scrape resolution × series per query, and only with its cadence; the rules (${fmt(
          rulesPerEval * 1000,
          1,
        )} ms per round here) re-read the short windows (5m–3d) from the raw counters and the period from their own one-sample-per-minute recording, 17 rules per SLO, every minute whether anyone looks or not. So the rules win only where one Stewardship evaluation reads far more raw samples than a round of rules: long windows over finely scraped counters (a 90d window at a 15 s scrape reads 12× the samples of this 30d window at 1 minute, while the rules' period read stays one sample per minute), or Stewardship evaluating more often than every ${fmt(
          breakEvenMinutes,
          1,
        )} minutes; Stewardship wins for long windows evaluated every few minutes or less often, and its dashboards read stored snapshots, not Prometheus.`,
      );
      console.log(
        `  caveats: history is ${DAYS} days, so the 90d and quarterly SLOs read 30 days on both sides (both would cost more in steady state; Sloth's period rule 3× on its own recording); Sloth's rule windows are its 30d defaults for every period.`,
      );
    } finally {
      await prometheus.stop();
    }
  } finally {
    exporter.closeAllConnections();
    await new Promise(resolve => exporter.close(resolve));
    await knex.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
  const [later1] = os.loadavg();
  console.log(`\nload average at the end: ${fmt(later1)} (1 min)`);
}

/**
 * The `slo:sli_error:ratio_rate5m` series Sloth's rules would have recorded every minute: the error
 * ratio of the last 5 minutes (errors for availability SLIs, slow requests for latency SLIs).
 */
async function writeRecordedHistory(
  writer: OpenMetricsFileWriter,
  specs: ReturnType<typeof slosFor>,
  range: { start: number; end: number },
) {
  const lag = 300 / STEP;
  for (const spec of specs) {
    const s = Number(spec.entityRef.replace(/^.*svc-/, ''));
    const kind = slothErrorKind(spec);
    const labels = Object.entries({ ...slothLabels(spec), sloth_window: '5m' })
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    // Sloth's period rule reads no further back than the period.
    const from = Math.max(
      range.start,
      range.end - parseDuration(slothPeriod(spec))!,
    );
    const history = new ServiceHistory(s);
    const bad: number[] = [];
    const all: number[] = [];
    const lines: string[] = [];
    const series = `slo:sli_error:ratio_rate5m{${labels}}`;
    for (let t = range.start, i = 0; t <= range.end; t += STEP, i++) {
      const v = history.next();
      bad.push(kind === 'errors' ? v.err : v.count - v.fast);
      all.push(v.count);
      if (i >= lag && t >= from) {
        const ratio = (bad[i] - bad[i - lag]) / (all[i] - all[i - lag]);
        lines.push(`${series} ${ratio} ${t}\n`);
      }
    }
    await writer.writeLines(lines);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
