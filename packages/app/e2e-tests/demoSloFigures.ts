/*
 * The figures the demo SLOs must show, computed here from the demo's own definition of its traffic
 * and never read from the app: the minute counts of scripts/demo/demoTraffic.mjs, sampled as
 * scripts/demo/generateOpenMetrics.mjs samples them (its `isSampled`: every 10 minutes from the
 * first sample, every minute from 3 days before the moment generated for or for the whole history
 * of a service sampled `everyMinute`), and Prometheus 2.x `increase()` over those
 * samples (range closed on both ends, counter resets added back, extrapolation to the range ends as
 * promql/functions.go `extrapolatedRate` does it). The SLO arithmetic on top is the contract's
 * (SLI = good / total, budget remaining = 1 − (1 − SLI) / (1 − objective), …), written out again.
 *
 * A wrong query, window, reset or extrapolation in the app therefore shows up as a mismatch.
 */
// The demo scripts are plain JavaScript, not a package: imported by path, loaded as an ES module.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  DEMO_SERVICES,
  isSampled,
  minuteCounts,
} from '../../../scripts/demo/demoTraffic.mjs';

const MINUTE = 60;

/** What scripts/demo/prometheus.mjs wrote to history.json: the moment generated for, first and last sample (unix s). */
export interface DemoHistoryMeta {
  now: number;
  start: number;
  until: number;
}

type Series = { times: number[]; values: number[] };
type SeriesName = 'ok' | 'err' | 'le0.3' | 'count';

export interface Counts {
  good: number;
  total: number;
}

/** The demo's counters at every sample time, as the generator writes them. */
export class DemoHistory {
  private readonly cache = new Map<string, Series>();

  constructor(readonly meta: DemoHistoryMeta) {}

  series(service: string, name: SeriesName): Series {
    const key = `${service}/${name}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const profile = (DEMO_SERVICES as Record<string, any>)[service];
    const resetAt: number | undefined = profile.resetAt?.(this.meta.now);
    const share =
      name === 'le0.3' ? (profile.latency as Record<string, number>)['0.3'] : 1;
    const series: Series = { times: [], values: [] };
    let value = 0;
    for (let t = this.meta.start; t <= this.meta.until; t += MINUTE) {
      const resets = name === 'ok' || name === 'err';
      if (
        resets &&
        resetAt !== undefined &&
        t - MINUTE < resetAt &&
        t >= resetAt
      ) {
        value = 0;
      }
      const { requests, errors } = minuteCounts(service, t, this.meta.now);
      if (name === 'ok') value += requests - errors;
      else if (name === 'err') value += errors;
      else if (name === 'le0.3') value += Math.round(requests * share);
      else value += requests;
      if (isSampled(service, t, this.meta)) {
        series.times.push(t);
        series.values.push(value);
      }
    }
    this.cache.set(key, series);
    return series;
  }

  /** Prometheus 2.x `increase(series[rangeSeconds])` evaluated at `atMs`; undefined with < 2 samples. */
  increase(
    service: string,
    name: SeriesName,
    atMs: number,
    rangeSeconds: number,
  ): number | undefined {
    const { times, values } = this.series(service, name);
    const rangeStartMs = atMs - rangeSeconds * 1000;
    const rangeEndMs = atMs;
    const ts: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < times.length; i++) {
      const ms = times[i] * 1000;
      if (ms >= rangeStartMs && ms <= rangeEndMs) {
        ts.push(ms);
        vs.push(values[i]);
      }
    }
    if (ts.length < 2) return undefined;
    let result = vs[vs.length - 1] - vs[0];
    let last = 0;
    for (const v of vs) {
      if (v < last) result += last;
      last = v;
    }
    let durationToStart = (ts[0] - rangeStartMs) / 1000;
    const durationToEnd = (rangeEndMs - ts[ts.length - 1]) / 1000;
    const sampledInterval = (ts[ts.length - 1] - ts[0]) / 1000;
    const averageBetween = sampledInterval / (ts.length - 1);
    if (result > 0 && vs[0] >= 0) {
      const durationToZero = sampledInterval * (vs[0] / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    const threshold = averageBetween * 1.1;
    let interval = sampledInterval;
    interval +=
      durationToStart < threshold ? durationToStart : averageBetween / 2;
    interval += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
    return result * (interval / sampledInterval);
  }

  /** Good and total over the `range` seconds ending at `at` (ms), for an availability SLO (good = code 200). */
  availability(service: string, at: number, range: number): Counts {
    const ok = this.increase(service, 'ok', at, range) ?? 0;
    const err = this.increase(service, 'err', at, range) ?? 0;
    return clamp({ good: ok, total: ok + err });
  }

  /** Same, for an SLO written as bad ÷ total: good = total − bad. */
  availabilityFromBad(service: string, at: number, range: number): Counts {
    const ok = this.increase(service, 'ok', at, range) ?? 0;
    const err = this.increase(service, 'err', at, range) ?? 0;
    const total = ok + err;
    return { good: total - err, total };
  }

  /** Good and total for the latency SLO: requests within 300 ms ÷ all requests. */
  latency(service: string, at: number, range: number): Counts {
    return clamp({
      good: this.increase(service, 'le0.3', at, range) ?? 0,
      total: this.increase(service, 'count', at, range) ?? 0,
    });
  }

  /**
   * Good and counted slices: the `slice`-second slices ending at `at` (ms), `at − slice`, … that fit in
   * the window; a slice counts when its total is known and positive, and is good when good ÷ total
   * ≥ target. (Where the history has a sample every 10 minutes a 5-minute range holds one sample,
   * which gives no `increase`: those slices count neither way.)
   */
  slices(
    service: string,
    at: number,
    windowSeconds: number,
    slice: number,
    target: number,
  ): Counts {
    let good = 0;
    let total = 0;
    const count = Math.floor(windowSeconds / slice);
    for (let k = 0; k < count; k++) {
      const end = at - k * slice * 1000;
      const ok = this.increase(service, 'ok', end, slice);
      const err = this.increase(service, 'err', end, slice);
      if (ok === undefined && err === undefined) continue;
      const sliceTotal = (ok ?? 0) + (err ?? 0);
      if (!(sliceTotal > 0)) continue;
      total += 1;
      if ((ok ?? 0) / sliceTotal >= target) good += 1;
    }
    return { good, total };
  }
}

function clamp(counts: Counts): Counts {
  return counts.good > counts.total
    ? { good: counts.total, total: counts.total }
    : counts;
}

/** The contract's figures from counts: SLI, budget and its events, burn rate. */
export function figures(counts: Counts, objective: number) {
  const sli = counts.good / counts.total;
  const remaining = 1 - (1 - sli) / (1 - objective);
  return {
    sli,
    remaining,
    bad: counts.total - counts.good,
    allowedBad: (1 - objective) * counts.total,
  };
}

/** A burn rate: the error ratio over a window ÷ the error ratio the objective allows. */
export function burnRate(counts: Counts, objective: number): number {
  return (1 - counts.good / counts.total) / (1 - objective);
}

// The tab's display rules (plugins/stewardship/src/components/formatSlo.ts), as its users read them.
const MINUS = '\u2212';

// A percentage that is not exactly 0 % or 100 % never reads as one: one more decimal at a time,
// up to six (the demo has no figure that close to them; if it ever does, this says so).
export function percentText(fraction: number, decimals = 3): string {
  for (let d = decimals; d <= 6; d++) {
    const fixed = Math.abs(fraction * 100).toFixed(d);
    const text = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
    const boundary =
      (Number(text) === 0 && fraction !== 0) ||
      (Number(text) === 100 && Math.abs(fraction) !== 1);
    if (!boundary) {
      return `${fraction < 0 && Number(text) !== 0 ? MINUS : ''}${text} %`;
    }
  }
  throw new Error(
    `${fraction} is within a millionth of a percent of 0 % or 100 %`,
  );
}

export function countText(value: number): string {
  const text = Math.abs(value).toLocaleString('en-US', {
    maximumFractionDigits: 1,
  });
  return value < 0 && text !== '0' ? `${MINUS}${text}` : text;
}

/** The start (ms) of the calendar month containing `atMs` in Europe/Berlin: local midnight. */
export function berlinMonthStart(atMs: number): number {
  const local = (ms: number, part: 'year' | 'month' | 'hour') =>
    Number(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'Europe/Berlin',
        [part]: 'numeric',
        hourCycle: 'h23',
      }).format(new Date(ms)),
    );
  const year = local(atMs, 'year');
  const month = local(atMs, 'month');
  // Local midnight on the 1st is 23:00 (CET) or 22:00 (CEST) UTC the day before.
  for (const offsetHours of [1, 2]) {
    const candidate = Date.UTC(year, month - 1, 1) - offsetHours * 3600_000;
    if (local(candidate, 'hour') === 0 && local(candidate, 'month') === month) {
      return candidate;
    }
  }
  throw new Error(`no Berlin midnight found for ${year}-${month}`);
}

/** The start (ms) of the calendar quarter containing `atMs`, UTC, and the quarter's length in s. */
export function utcQuarter(atMs: number): { start: number; seconds: number } {
  const date = new Date(atMs);
  const month = Math.floor(date.getUTCMonth() / 3) * 3;
  const start = Date.UTC(date.getUTCFullYear(), month, 1);
  const end = Date.UTC(date.getUTCFullYear(), month + 3, 1);
  return { start, seconds: (end - start) / 1000 };
}
