/*
 * Through a real backend on every test database: when the metric source goes down after an SLO
 * ran out of budget, the entity's backlog keeps the SLO's item, titled with its last known state
 * and as old as the breach that state belongs to (a no-data snapshot in between does not end
 * it). An SLO last known healthy is no item. Expected values are worked out by hand below.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { ratioSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import {
  FIRST_EVALUATION_IN_AN_HOUR,
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');
const MINUTE = 60_000;
const ENTITY = 'component:default/legacy-billing';

describe.each(databases.eachSupportedId())(
  'the SLO backlog items after a source outage on %p',
  databaseId => {
    let app: any;
    // Whole minutes, so the title's moment (to the minute) is known exactly.
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const ago = (minutes: number) => new Date(now - minutes * MINUTE);

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        entities: [component('legacy-billing')],
        config: {
          app: { baseUrl: 'http://localhost:3000' },
          stewardship: {
            metricSources: { prometheus: REFUSING_PROMETHEUS },
            // No scheduled run adds a snapshot while the test reads.
            slos: { evaluation: { schedule: FIRST_EVALUATION_IN_AN_HOUR } },
          },
        },
      });
      app = backend.server;
      const db = await StewardshipDatabase.forTest(knex);
      const [availability, latency, errors] = await db.slos.createSlos(
        ['availability', 'latency', 'errors'].map(name =>
          ratioSloSpec(ENTITY, name),
        ),
        'test',
      );
      const of = (slo: { id: string }) => ({
        id: slo.id,
        entityRef: ENTITY,
        objective: 0.999,
      });
      await db.slos.saveSnapshots([
        // availability: healthy, then a breach from 30 minutes ago (at risk, exhausted, a blip
        // without data, exhausted again), then the source went down: two runs without data.
        storedEvaluation(of(availability), ago(60), { remaining: 0.5 }),
        storedEvaluation(of(availability), ago(30), {
          status: 'at-risk',
          remaining: 0.05,
        }),
        storedEvaluation(of(availability), ago(15), {
          status: 'exhausted',
          remaining: -1.2,
        }),
        storedEvaluation(of(availability), ago(12), { status: 'no-data' }),
        storedEvaluation(of(availability), ago(9), {
          status: 'exhausted',
          remaining: -1.413,
        }),
        storedEvaluation(of(availability), ago(6), { status: 'no-data' }),
        storedEvaluation(of(availability), ago(3), { status: 'no-data' }),
        // latency: exhausted, recovered, then no data: last known healthy, so no item.
        storedEvaluation(of(latency), ago(20), {
          status: 'exhausted',
          remaining: -0.5,
        }),
        storedEvaluation(of(latency), ago(10), { remaining: 0.2 }),
        storedEvaluation(of(latency), ago(3), { status: 'no-data' }),
        // errors: at risk now, with data.
        storedEvaluation(of(errors), ago(3), {
          status: 'at-risk',
          remaining: 0.3,
        }),
      ]);
    }, 120_000);

    it('keeps the exhausted SLO without data now, as old as its breach, and says what it was last known to be', async () => {
      const res = await request(app)
        .get(
          '/api/stewardship/entities/component/default/legacy-billing/backlog',
        )
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      openApi.assertMatches('EntityBacklog', res.body);
      const slos = res.body.items.filter((i: any) => i.provider === 'slos');
      // −1.413 → −141.3 % (typographic minus); 9 minutes ago to the minute in UTC.
      const lastKnownAt = ago(9).toISOString().slice(0, 16).replace('T', ' ');
      expect(
        slos.map((i: any) => [
          i.key,
          i.title,
          i.priority,
          i.status,
          i.createdAt,
          i.updatedAt,
          i.reliability,
        ]),
      ).toEqual([
        [
          'availability',
          `SLO availability has no data now; last known exhausted (\u2212141.3 % of the budget left) as of ${lastKnownAt} UTC`,
          'Highest',
          'no-data',
          // The breach began with the at-risk snapshot after the last healthy one.
          ago(30).toISOString(),
          ago(3).toISOString(),
          true,
        ],
        [
          'errors',
          'SLO errors is at risk (30 % of the budget left)',
          'High',
          'at-risk',
          ago(3).toISOString(),
          ago(3).toISOString(),
          true,
        ],
      ]);
    });
  },
);
