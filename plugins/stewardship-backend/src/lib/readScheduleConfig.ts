import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { CronTime } from 'cron';
import { errorMessage } from './errorMessage';
import { readConfigDuration } from './readConfigDuration';

/**
 * A task schedule from `key` in the root config, or `fallback` when it is not set. Backstage's
 * reader names only the schedule's own key (`Invalid duration 'abc' in config at
 * 'frequency'`), and the plugin has three schedules: its error is said with the full key.
 *
 * Backstage's reader also takes durations it should not: a `frequency` of `0s` (the task would
 * run again the moment it ends, for good), a `timeout` of zero or less (every run would count as
 * timed out at once, so another replica could start it alongside) and a negative `initialDelay`.
 * Refused here, naming the key. An `initialDelay` of zero is the same as none, and accepted.
 *
 * A `frequency.cron` Backstage's reader passes on unread: the scheduler parses it only when the
 * task is scheduled, and its error then names no key ("Invalid duration, expecting ISO
 * Period"). Parsed here as the scheduler does (the `cron` package's `CronTime`); a `trigger`
 * other than `manual` is refused too (Backstage's reader would say a duration needs units).
 */
export function readScheduleConfig(
  root: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const config = root.getOptionalConfig(key);
  if (!config) return fallback;
  // Each duration first through our reader, for its messages (a bare number, the full key).
  const frequency = config.getOptional('frequency');
  const isDuration =
    typeof frequency !== 'object' ||
    frequency === null ||
    Array.isArray(frequency) ||
    !('cron' in frequency || 'trigger' in frequency);
  const bounds: Array<[name: string, min: 'positive' | 'zero']> = [
    ['timeout', 'positive'],
    ['initialDelay', 'zero'],
  ];
  if (isDuration) bounds.unshift(['frequency', 'positive']);
  else assertCronOrTrigger(frequency as object, `${key}.frequency`);
  for (const [name, min] of bounds) {
    if (!config.has(name)) continue;
    // The scheduler waits out a run's timeout with one timer; the frequency and initial delay
    // it sleeps in steps, so they may be longer.
    const ms = durationToMilliseconds(
      readConfigDuration(config, name, `${key}.${name}`, {
        timer: name === 'timeout',
      }),
    );
    if (min === 'positive' && !(ms > 0)) {
      throw new Error(`${key}.${name} must be longer than zero`);
    }
    if (min === 'zero' && !(ms >= 0)) {
      throw new Error(`${key}.${name} must not be negative`);
    }
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(config);
  } catch (error) {
    throw new Error(`Invalid ${key}: ${errorMessage(error)}`);
  }
}

/** A `frequency` of `{ cron }` or `{ trigger }` the scheduler can run; `at` names its key. */
function assertCronOrTrigger(frequency: object, at: string) {
  if ('cron' in frequency) {
    const cron = frequency.cron;
    if (typeof cron !== 'string' || cron.trim() === '') {
      throw new Error(
        `Invalid ${at}.cron: expected a cron expression, e.g. '0 * * * *' (every hour)`,
      );
    }
    // What the scheduler itself parses a cron cadence with, and asks for the next run.
    let cronTime: CronTime;
    try {
      cronTime = new CronTime(cron);
    } catch (error) {
      throw new Error(
        `Invalid ${at}.cron "${cron}": ${errorMessage(
          error,
        )}; write five fields (minute hour day month weekday), e.g. '0 * * * *' (every hour), or a duration as frequency, e.g. { hours: 1 }`,
      );
    }
    try {
      cronTime.sendAt();
    } catch {
      throw new Error(
        `Invalid ${at}.cron "${cron}": no date matches it (e.g. the 30th of February), so the task would never run`,
      );
    }
    return;
  }
  const trigger = (frequency as { trigger?: unknown }).trigger;
  if (trigger !== 'manual') {
    throw new Error(
      `Invalid ${at}.trigger ${JSON.stringify(
        trigger,
      )}: the only trigger is manual (the task runs only when triggered)`,
    );
  }
}
