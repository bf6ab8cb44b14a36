import { AuthService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readScheduleConfig } from '../lib/readScheduleConfig';
import { OwnershipReminders } from './OwnershipReminders';

/**
 * Runs the ownership reminders on the scheduler (`stewardship.ownership.reminderSchedule`,
 * every 6 hours by default). How often a reminder goes out is the reminders' own rule (stored
 * per exemption and role), not the schedule's. A run that reaches the schedule's timeout stops
 * sending; what it sent is marked, and the next run sends the rest (not the one this run is still
 * sending: each reminder is claimed before its send, see OwnershipReminders).
 */
export async function scheduleOwnershipReminders(options: {
  config: Config;
  scheduler: SchedulerService;
  auth: AuthService;
  reminders: OwnershipReminders;
}) {
  const { config, scheduler, auth, reminders } = options;
  const schedule = readScheduleConfig(
    config,
    'stewardship.ownership.reminderSchedule',
    {
      frequency: { hours: 6 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
    },
  );
  await scheduler.scheduleTask({
    id: 'stewardship-ownership-reminders',
    ...schedule,
    // The signal aborts at the task's timeout (when the lock ends and another run may start) or
    // at shutdown: the reminders then send nothing more.
    fn: async (signal: AbortSignal) => {
      await reminders.run(await auth.getOwnServiceCredentials(), { signal });
    },
  });
}
