/*
 * The reminders' task as the scheduler runs it: its function is called with the scheduler's abort
 * signal, which must reach the reminders (they stop sending once it aborts).
 */
import { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { OwnershipReminders } from './OwnershipReminders';
import { scheduleOwnershipReminders } from './scheduleOwnershipReminders';

describe('scheduleOwnershipReminders', () => {
  it("hands the scheduler's abort signal to the run, with the plugin's own credentials", async () => {
    let fn: ((signal: AbortSignal) => Promise<void>) | undefined;
    const scheduler = {
      async scheduleTask(task: {
        id: string;
        timeout: unknown;
        fn: (signal: AbortSignal) => Promise<void>;
      }) {
        expect(task.id).toBe('stewardship-ownership-reminders');
        expect(task.timeout).toEqual({ minutes: 10 });
        fn = task.fn;
      },
    } as unknown as SchedulerService;
    const run = jest.fn(async () => 0);
    await scheduleOwnershipReminders({
      config: new ConfigReader({}),
      scheduler,
      auth: mockServices.auth({ pluginId: 'stewardship' }),
      reminders: { run } as unknown as OwnershipReminders,
    });

    const { signal } = new AbortController();
    await fn!(signal);
    expect(run).toHaveBeenCalledTimes(1);
    const [credentials, options] = run.mock.calls[0] as unknown as Parameters<
      OwnershipReminders['run']
    >;
    expect(credentials.principal).toEqual(
      expect.objectContaining({ subject: 'plugin:stewardship' }),
    );
    // The very signal (equality would take any other, never-aborted signal for it).
    expect(options?.signal).toBe(signal);
  });
});
