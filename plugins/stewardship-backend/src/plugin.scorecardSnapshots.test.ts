/*
 * The plugin schedules the daily scorecard snapshot (the scorecard's trend) as a scheduler task:
 * with `stewardship.ownership.snapshotSchedule` when configured, hourly otherwise; running the
 * task stores today's snapshot, which the scorecard's trend then shows. On every test database.
 */
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { DateTime } from 'luxon';
import { allRoles, component, group, user } from './__testUtils__/entities';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { startStewardshipTestBackend } from './__testUtils__/stewardshipTestBackend';

const databases = createTestDatabases();
const asUser = mockCredentials.user.header('user:default/jane');
const TASK_ID = 'stewardship-ownership-scorecard-snapshot';

type ScheduledTask = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: (signal: AbortSignal) => Promise<void>;
};

describe.each(databases.eachSupportedId())(
  'scorecard snapshot task on %p',
  databaseId => {
    /** The plugin with a scheduler that only records the tasks it is handed (it runs none). */
    async function start(ownership: JsonObject) {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const tasks: ScheduledTask[] = [];
      const scheduler = mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.push(task as ScheduledTask);
        },
      });
      const backend = await startStewardshipTestBackend({
        database: knex,
        scheduler: scheduler.factory,
        entities: [
          component('cart', {
            annotations: allRoles('group:default/payments'),
          }),
          component('orphan-svc', {}),
          group('payments', ['user:default/jane']),
          user('jane', ['group:default/payments']),
        ],
        config: { stewardship: { ownership } },
      });
      return { app: backend.server, tasks, stop: () => backend.stop() };
    }

    const trend = async (app: any) => {
      const res = await request(app)
        .get('/api/stewardship/ownership/scorecard')
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      expect(res.body.trendWithheld).toBeUndefined();
      return res.body.trend;
    };

    it('schedules the task as configured, and a run stores the snapshot the trend shows', async () => {
      const { app, tasks, stop } = await start({
        cacheTtl: '0s',
        snapshotSchedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 45 },
        },
      });
      try {
        const snapshotTasks = tasks.filter(t => t.id === TASK_ID);
        expect(snapshotTasks).toHaveLength(1);
        const [task] = snapshotTasks;
        expect(task).toMatchObject({
          frequency: { minutes: 30 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 45 },
        });

        // Nothing stored until the task runs.
        expect(await trend(app)).toEqual([]);
        // The day the run stores, from the clock around it (a run across midnight UTC: either).
        const dayBefore = DateTime.utc().toISODate();
        await task.fn(new AbortController().signal);
        const dayAfter = DateTime.utc().toISODate();
        // cart has every role (a staffed group), orphan-svc none: one of two compliant.
        const stored = await trend(app);
        expect(stored).toEqual([
          {
            day: expect.any(String),
            entities: 2,
            compliant: 1,
            roleOk: { business: 1, product: 1, engineering: 1 },
          },
        ]);
        expect([dayBefore, dayAfter]).toContain(stored[0].day);
      } finally {
        await stop();
      }
    });

    it('schedules the task hourly when no snapshotSchedule is configured', async () => {
      const { tasks, stop } = await start({});
      try {
        const snapshotTasks = tasks.filter(t => t.id === TASK_ID);
        expect(snapshotTasks).toHaveLength(1);
        expect(snapshotTasks[0]).toMatchObject({
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
        });
      } finally {
        await stop();
      }
    });
  },
);
