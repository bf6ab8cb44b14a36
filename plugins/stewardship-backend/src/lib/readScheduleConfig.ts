import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
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
  for (const [name, min] of bounds) {
    if (!config.has(name)) continue;
    const ms = durationToMilliseconds(
      readConfigDuration(config, name, `${key}.${name}`),
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
