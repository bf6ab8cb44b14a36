import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseDuration } from '@stewardship/backstage-plugin-stewardship-common';

/** The SLO engine's settings from `stewardship.slos`, with defaults. */
export interface SloSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  concurrencyPerSource: number;
  queryTimeoutMs: number;
  snapshotRetentionMs: number;
  /** A snapshot older than this is stale: twice the cadence, at least 10 minutes. */
  stalenessMs: number;
}

function durationMs(config: Config, key: string, fallback: string): number {
  const text = config.getOptionalString(key) ?? fallback;
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    throw new Error(
      `Invalid duration "${text}" at stewardship.slos.${key}: use e.g. 30s, 5m, 400d`,
    );
  }
  return seconds * 1000;
}

export function readSloSettings(root: Config): SloSettings {
  const config = root.getOptionalConfig('stewardship.slos.evaluation');
  const empty = { getOptionalString: () => undefined } as unknown as Config;
  const evaluation = config ?? empty;
  const scheduleConfig = config?.getOptionalConfig('schedule');
  const schedule: SchedulerServiceTaskScheduleDefinition = scheduleConfig
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
    : {
        frequency: { minutes: 5 },
        timeout: { minutes: 4 },
        initialDelay: { seconds: 15 },
      };
  const frequency = schedule.frequency as {
    minutes?: number;
    seconds?: number;
    hours?: number;
  };
  const cadenceMs =
    ((frequency.hours ?? 0) * 3600 +
      (frequency.minutes ?? 0) * 60 +
      (frequency.seconds ?? 0)) *
      1000 || 5 * 60_000;
  const concurrencyPerSource =
    config?.getOptionalNumber('concurrencyPerSource') ?? 10;
  if (!Number.isInteger(concurrencyPerSource) || concurrencyPerSource < 1) {
    throw new Error(
      'stewardship.slos.evaluation.concurrencyPerSource must be a positive integer',
    );
  }
  return {
    schedule,
    concurrencyPerSource,
    queryTimeoutMs: durationMs(evaluation, 'queryTimeout', '20s'),
    snapshotRetentionMs: durationMs(evaluation, 'snapshotRetention', '400d'),
    stalenessMs: Math.max(2 * cadenceMs, 10 * 60_000),
  };
}
