import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readScheduleConfig } from '../lib/readScheduleConfig';
import { OwnershipService } from './OwnershipService';

/**
 * Refreshes today's scorecard snapshot on the scheduler; the scheduler runs it on one replica
 * at a time, and the store keeps one row per day, so replicas never double count.
 */
export async function scheduleScorecardSnapshots(options: {
  config: Config;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  ownership: OwnershipService;
}) {
  const { config, scheduler, logger, auth, ownership } = options;
  const schedule = readScheduleConfig(
    config,
    'stewardship.ownership.snapshotSchedule',
    {
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
    },
  );

  await scheduler.scheduleTask({
    id: 'stewardship-ownership-scorecard-snapshot',
    ...schedule,
    fn: async () => {
      const taskLogger = logger.child({ task: 'ownership-scorecard-snapshot' });
      const summary = await ownership.takeScorecardSnapshot(
        await auth.getOwnServiceCredentials(),
      );
      taskLogger.info(
        `Ownership snapshot: ${summary.compliant} of ${summary.entities} entities compliant`,
      );
    },
  });
}
