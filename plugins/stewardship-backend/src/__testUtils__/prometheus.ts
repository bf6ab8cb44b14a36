import { ChildProcess, execFile, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A real Prometheus for tests: history is backfilled with `promtool tsdb create-blocks-from
 * openmetrics` into a fresh TSDB, then a Prometheus without scrape targets serves it on a
 * loopback port. Needs Debian's `prometheus` package (Prometheus and promtool 2.42).
 */

/** One series of an OpenMetrics file. */
export interface OpenMetricsSeries {
  name: string;
  labels: Record<string, string>;
  /** `[unix seconds, value]`, in any order: they are written sorted. */
  samples: Array<[number, number]>;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * OpenMetrics text of the series, ending `# EOF`. No `# TYPE` lines: promtool 2.42 then takes the
 * samples as untyped, which PromQL's `increase()` treats like any counter, and the names stay as
 * given (`_total`, `_bucket`, `_count`). Samples are sorted by time per series because promtool
 * silently drops a sample older than the previous one of its series.
 */
export function writeOpenMetrics(series: OpenMetricsSeries[]): string {
  const lines: string[] = [];
  for (const { name, labels, samples } of series) {
    if (!METRIC_NAME.test(name)) {
      throw new Error(`Invalid metric name "${name}"`);
    }
    const labelText = Object.entries(labels)
      .map(([label, value]) => {
        if (!LABEL_NAME.test(label) || label.startsWith('__')) {
          throw new Error(`Invalid label name "${label}" on ${name}`);
        }
        return `${label}="${escapeLabelValue(value)}"`;
      })
      .join(',');
    const prefix = labelText ? `${name}{${labelText}}` : name;
    const sorted = [...samples].sort(([a], [b]) => a - b);
    for (const [seconds, value] of sorted) {
      lines.push(`${prefix} ${formatValue(value)} ${seconds}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** A running Prometheus. */
export interface TestPrometheus {
  /** E.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Milliseconds from backfill start to `/-/ready`, for reports. */
  startupMs: number;
  /**
   * The `prometheus.yml` it runs with: to change it, rewrite it and POST `/-/reload` (which needs
   * `--web.enable-lifecycle` in `extraArgs`).
   */
  configFile: string;
  /** Stops the process (by PID) and removes its data. */
  stop(): Promise<void>;
}

/**
 * Backfills `openMetrics` into a temporary TSDB and starts Prometheus on it. Throws, never skips,
 * when the binaries are missing.
 */
export async function startPrometheus(options: {
  openMetrics?: string;
  /** An OpenMetrics file on disk instead of `openMetrics`, for data too big for a string. */
  openMetricsFile?: string;
  /** `--query.lookback-delta`; defaults to Prometheus's 5m. */
  lookbackDelta?: string;
  /** The text of `prometheus.yml`; defaults to one without scrape targets. */
  config?: string;
  /** More command-line flags, e.g. `--web.enable-lifecycle`. */
  extraArgs?: string[];
}): Promise<TestPrometheus> {
  if ((options.openMetrics === undefined) === !options.openMetricsFile) {
    throw new Error(
      'Give startPrometheus one of openMetrics and openMetricsFile',
    );
  }
  const started = Date.now();
  const [prometheus, promtool] = await Promise.all([
    findBinary('prometheus'),
    findBinary('promtool'),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'stewardship-prometheus-'));
  try {
    const dataFile = options.openMetricsFile ?? join(dir, 'data.om');
    const dataDir = join(dir, 'data');
    const configFile = join(dir, 'prometheus.yml');
    if (!options.openMetricsFile) {
      await writeFile(dataFile, options.openMetrics!);
    }
    // The hidden --max-block-duration makes promtool read the file once instead of once per 2h block.
    await promisify(execFile)(
      promtool,
      [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        '--max-block-duration=1000h',
        dataFile,
        dataDir,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch(error => {
      throw new Error(
        `promtool could not backfill the test data: ${
          error.stderr || error.message
        }`,
      );
    });
    if (!options.openMetricsFile) {
      await rm(dataFile);
    }
    // By default no scrape targets: the TSDB holds only the backfilled history.
    await writeFile(
      configFile,
      options.config ?? 'global:\n  scrape_interval: 1h\n',
    );
    const args = [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      // Retention counts back from the newest sample; keep all of a test's history.
      '--storage.tsdb.retention.time=3650d',
      `--query.lookback-delta=${options.lookbackDelta ?? '5m'}`,
      '--log.level=warn',
      ...(options.extraArgs ?? []),
    ];
    // A free port can be taken between finding and binding it: retry a few times.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const child = spawn(
        prometheus,
        [...args, `--web.listen-address=127.0.0.1:${port}`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let log = '';
      child.stderr!.on('data', chunk => {
        log = (log + chunk).slice(-4000);
      });
      const killOnExit = () => child.kill('SIGKILL');
      process.once('exit', killOnExit);
      try {
        await waitUntilReady(url, child, () => log);
      } catch (error) {
        process.removeListener('exit', killOnExit);
        await stopProcess(child);
        if (attempt < 3 && /address already in use/.test(log)) continue;
        throw error;
      }
      return {
        url,
        startupMs: Date.now() - started,
        configFile,
        stop: async () => {
          process.removeListener('exit', killOnExit);
          await stopProcess(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function findBinary(name: string): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    `The Prometheus tests need \`${name}\` on PATH: install the Debian package \`prometheus\` (apt-get install prometheus)`,
  );
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Prometheus exited (${
          child.exitCode ?? child.signalCode
        }) before it was ready: ${log()}`,
      );
    }
    try {
      const response = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(1000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`Prometheus was not ready within 30s: ${log()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
