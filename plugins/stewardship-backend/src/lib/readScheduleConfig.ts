import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { errorMessage } from './errorMessage';

/**
 * A task schedule from `key` in the root config, or `fallback` when it is not set. Backstage's
 * reader names only the schedule's own key (`Invalid duration 'abc' in config at
 * 'frequency'`), and the plugin has three schedules: its error is said with the full key.
 */
export function readScheduleConfig(
  root: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const config = root.getOptionalConfig(key);
  if (!config) return fallback;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(config);
  } catch (error) {
    throw new Error(`Invalid ${key}: ${errorMessage(error)}`);
  }
}
