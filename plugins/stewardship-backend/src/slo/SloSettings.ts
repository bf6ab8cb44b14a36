import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { Duration } from 'luxon';
import {
  ReadConfigDurationOptions,
  readConfigDuration,
} from '../lib/readConfigDuration';
import { readScheduleConfig } from '../lib/readScheduleConfig';

/** The SLO engine's settings from `stewardship.slos`, with defaults. */
export interface SloSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  concurrencyPerSource: number;
  queryTimeoutMs: number;
  snapshotRetentionMs: number;
  /**
   * `removedEntityRetention`: how long an SLO's entity may be missing from the catalog before
   * housekeeping deletes the SLO (see removedEntitySlos.ts), in ms and as written in the config
   * (for log lines: `400d` in ms depends on the time zone's clock changes, so it would read
   * `399d23h` when formatted back). Undefined, the default: never.
   */
  removedEntityRetention?: { ms: number; asConfigured: string };
  /**
   * A snapshot older than this is stale: `staleAfter`, or twice the cadence, at least 10
   * minutes.
   */
  stalenessMs: number;
  /**
   * Settings that work but likely not as meant, each a sentence naming the keys and what to set
   * (logged at start-up): a staleness that had to be assumed (a cron or manual schedule has no
   * cadence to double and no `staleAfter` was given), a `staleAfter` shorter than the cadence,
   * a `queryTimeout` the run's own timeout cuts short, a `removedEntityRetention` longer than
   * `snapshotRetention`.
   */
  warnings: string[];
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 4 },
  initialDelay: { seconds: 15 },
};

/** A schedule's duration (luxon's, from ISO 8601 config, or Backstage's) in ms. */
function scheduleMs(duration: Duration | HumanDuration): number {
  return Duration.isDuration(duration)
    ? duration.toMillis()
    : durationToMilliseconds(duration);
}

/** The cadence in ms, or undefined for a cron or manual schedule (then 5 minutes is assumed). */
function cadenceMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number | undefined {
  if (!Duration.isDuration(frequency)) {
    if ('cron' in frequency || 'trigger' in frequency) return undefined;
  }
  return scheduleMs(frequency as Duration | HumanDuration);
}

/**
 * A duration (`20s`, `400d`, ISO 8601 or `{ seconds: 20 }`) at `key` of
 * `stewardship.slos.evaluation`, in ms; longer than zero (a zero retention would delete every
 * snapshot, or every SLO the moment its entity is missing; a zero query timeout would make every
 * SLO no-data). Errors name the whole key.
 */
function durationMs(
  config: Config | undefined,
  key: string,
  fallback: string,
  options?: ReadConfigDurationOptions,
) {
  const fullKey = `stewardship.slos.evaluation.${key}`;
  const holder = config?.has(key)
    ? config
    : new ConfigReader({ [key]: fallback });
  const ms = durationToMilliseconds(
    readConfigDuration(holder, key, fullKey, options),
  );
  if (!(ms > 0)) {
    throw new Error(`${fullKey} must be longer than zero`);
  }
  return ms;
}

/** A duration as the config gives it: `30d`, `P30D`, or `{ days: 30 }` as `30 days`. */
function durationAsConfigured(value: unknown): string {
  if (typeof value === 'string') return value;
  return Object.entries(value as Record<string, unknown>)
    .map(([unit, amount]) => `${amount} ${unit}`)
    .join(' ');
}

export function readSloSettings(root: Config): SloSettings {
  const config = root.getOptionalConfig('stewardship.slos.evaluation');
  const schedule = readScheduleConfig(
    root,
    'stewardship.slos.evaluation.schedule',
    DEFAULT_SCHEDULE,
  );
  const concurrencyPerSource =
    config?.getOptionalNumber('concurrencyPerSource') ?? 10;
  if (!Number.isInteger(concurrencyPerSource) || concurrencyPerSource < 1) {
    throw new Error(
      'stewardship.slos.evaluation.concurrencyPerSource must be a positive integer',
    );
  }
  const cadence = cadenceMs(schedule.frequency);
  const staleAfterMs = config?.has('staleAfter')
    ? durationMs(config, 'staleAfter', '10m')
    : undefined;
  // Waited for by timers (AbortSignal.timeout), so no longer than one can wait.
  const queryTimeoutMs = durationMs(config, 'queryTimeout', '20s', {
    timer: true,
  });
  const snapshotRetentionMs = durationMs(config, 'snapshotRetention', '400d');
  const removedEntityRetention = config?.has('removedEntityRetention')
    ? {
        ms: durationMs(config, 'removedEntityRetention', '400d'),
        asConfigured: durationAsConfigured(
          config.get('removedEntityRetention'),
        ),
      }
    : undefined;
  const runTimeoutMs = scheduleMs(schedule.timeout);
  const warnings: string[] = [];
  if (cadence === undefined && staleAfterMs === undefined) {
    warnings.push(
      'stewardship.slos.evaluation.schedule is a cron or manual schedule, so SLO snapshots count as stale after 10 minutes ' +
        '(the release gate then applies its noData decision); set stewardship.slos.evaluation.staleAfter to about twice the time between runs, e.g. 2h for an hourly cron',
    );
  }
  if (
    cadence !== undefined &&
    staleAfterMs !== undefined &&
    staleAfterMs < cadence
  ) {
    warnings.push(
      `stewardship.slos.evaluation.staleAfter (${staleAfterMs} ms) is shorter than the schedule's frequency (${cadence} ms), ` +
        'so every SLO counts as stale for part of each interval (the release gate then applies its noData decision); set it to about twice the frequency',
    );
  }
  if (queryTimeoutMs >= runTimeoutMs) {
    warnings.push(
      `stewardship.slos.evaluation.queryTimeout (${queryTimeoutMs} ms) is not shorter than stewardship.slos.evaluation.schedule.timeout (${runTimeoutMs} ms), ` +
        'so a metric source that does not answer ends the whole run first: its SLOs get no snapshot (and go stale) instead of a no-data one saying the source did not answer; ' +
        'set queryTimeout well below the schedule timeout',
    );
  }
  if (
    removedEntityRetention &&
    removedEntityRetention.ms > snapshotRetentionMs
  ) {
    // Gone since = the later of the latest snapshot and the last change; once the last snapshot
    // is pruned only the last change is left, which may be much older.
    warnings.push(
      `stewardship.slos.evaluation.removedEntityRetention (${removedEntityRetention.ms} ms) is longer than stewardship.slos.evaluation.snapshotRetention (${snapshotRetentionMs} ms), ` +
        'so an SLO whose entity left the catalog may be deleted once its last snapshot is pruned, when only its last change tells how long the entity has been gone; ' +
        'set removedEntityRetention at most snapshotRetention',
    );
  }
  return {
    schedule,
    concurrencyPerSource,
    queryTimeoutMs,
    snapshotRetentionMs,
    ...(removedEntityRetention && { removedEntityRetention }),
    stalenessMs:
      staleAfterMs ?? Math.max(2 * (cadence ?? 5 * 60_000), 10 * 60_000),
    warnings,
  };
}
