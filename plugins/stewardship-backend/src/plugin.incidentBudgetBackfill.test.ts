/*
 * The plugin stores a resolved incident's budget cost without a reader: an incident recorded
 * already resolved (as tools and PagerDuty replays do) has no stored cost until the scheduled
 * backfill task runs, and then has the cost the planning review reads. Through the plugin's own
 * routes, a metric source added by a module (a constant 0.5 % error rate) and every test database.
 */
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { INCIDENT_BUDGET_BACKFILL_TASK_ID } from './incidents/IncidentBudgetBackfill';
import { constantSourceModule } from './__testUtils__/constantMetricSource';
import { component } from './__testUtils__/entities';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { startStewardshipTestBackend } from './__testUtils__/stewardshipTestBackend';

const databases = createTestDatabases();
const asUser = mockCredentials.user.header('user:default/jane');

type ScheduledTask = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: (signal: AbortSignal) => Promise<void>;
};

describe.each(databases.eachSupportedId())(
  'incident budget-cost backfill on %p',
  databaseId => {
    it('stores the cost of an incident nobody opened once the task runs', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const tasks: ScheduledTask[] = [];
      const backend = await startStewardshipTestBackend({
        database: knex,
        features: [constantSourceModule('constant')],
        scheduler: mockServices.scheduler.mock({
          scheduleTask: async task => {
            tasks.push(task as ScheduledTask);
          },
        }).factory,
        entities: [component('checkout')],
        config: {
          stewardship: {
            // 5 bad of every 1,000 events, whatever the window.
            metricSources: {
              steady: { type: 'constant', errorsPerMille: 5 },
            },
            slos: {
              evaluation: {
                schedule: {
                  frequency: { minutes: 5 },
                  timeout: { minutes: 4 },
                },
              },
            },
          },
        },
      });
      try {
        const app = backend.server;
        const slo = await request(app)
          .post('/api/stewardship/slos')
          .set('Authorization', asUser)
          .send({
            entityRef: 'component:default/checkout',
            name: 'availability',
            sli: { type: 'ratio', good: 'ok', total: 'all' },
            objective: 0.99,
            timeWindow: { type: 'rolling', duration: '30d' },
            metricSource: 'steady',
          });
        expect(slo.status).toBe(201);
        const hour = (h: number) =>
          new Date(Date.now() - h * 3_600_000).toISOString();
        const incident = await request(app)
          .post('/api/stewardship/incidents')
          .set('Authorization', asUser)
          .send({
            entityRef: 'component:default/checkout',
            title: 'Checkout returned 500s',
            severity: 'SEV2',
            status: 'resolved',
            startedAt: hour(3),
            detectedAt: hour(3),
            resolvedAt: hour(2),
            affectedSloIds: [slo.body.id],
          });
        expect(incident.status).toBe(201);

        const storedCost = async () => {
          const row = await knex('incidents')
            .where({ id: incident.body.id })
            .first('budget_impact');
          return row.budget_impact ? JSON.parse(row.budget_impact) : null;
        };
        expect(await storedCost()).toBeNull();

        const backfill = tasks.filter(
          t => t.id === INCIDENT_BUDGET_BACKFILL_TASK_ID,
        );
        expect(backfill).toHaveLength(1);
        // On the SLO evaluation's schedule.
        expect(backfill[0]).toMatchObject({
          frequency: { minutes: 5 },
          timeout: { minutes: 4 },
        });
        await backfill[0].fn(new AbortController().signal);

        // 5 bad events in the incident, of (1 − 0.99) × 1,000 = 10 the window allows: 50 %.
        const [cost] = await storedCost();
        expect(cost).toMatchObject({
          sloId: slo.body.id,
          status: 'computed',
          badEvents: 5,
        });
        expect(cost.allowedBadEvents).toBeCloseTo(10, 9);
        expect(cost.consumedPercent).toBeCloseTo(50, 9);
        // The incident as read is unchanged by it (no new version).
        const read = await request(app)
          .get(`/api/stewardship/incidents/${incident.body.id}`)
          .set('Authorization', asUser);
        expect(read.body.version).toBe(incident.body.version);
        expect(read.body.budgetImpact[0]).toMatchObject({ stored: true });
      } finally {
        await backend.stop();
      }
    });
  },
);
