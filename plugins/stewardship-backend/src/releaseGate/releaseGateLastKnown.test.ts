/*
 * Through a real backend on every test database: when the metric source goes down after an SLO
 * ran out of budget, the gate still decides as the policy says (no data warns), and its reason
 * says what the SLO was last known to be, in the JSON (checked against openapi.yaml) and the CI
 * text. Under `noData: allow` the gate allows, and its notes say the same.
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
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');
const MINUTE = 60_000;
const ENTITY = 'component:default/legacy-billing';
const LENIENT = 'component:default/lenient-billing';

describe.each(databases.eachSupportedId())(
  'release gate after a source outage on %p',
  databaseId => {
    let app: any;
    // Whole minutes, so the CI text's moments (to the minute) are known exactly.
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const exhaustedAt = now - 9 * MINUTE;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        entities: [
          component('legacy-billing'),
          component('lenient-billing', {
            annotations: {
              'stewardship.io/release-gate-no-data': 'allow',
            },
          }),
        ],
        config: {
          stewardship: { metricSources: { prometheus: REFUSING_PROMETHEUS } },
        },
      });
      app = backend.server;
      const db = await StewardshipDatabase.forTest(knex);
      const [slo] = await db.slos.createSlos(
        [ratioSloSpec(ENTITY, 'availability')],
        'test',
      );
      const of = { id: slo.id, entityRef: ENTITY, objective: 0.999 };
      const [lenient] = await db.slos.createSlos(
        [ratioSloSpec(LENIENT, 'availability')],
        'test',
      );
      const lenientOf = {
        id: lenient.id,
        entityRef: LENIENT,
        objective: 0.999,
      };
      await db.slos.saveSnapshots([
        storedEvaluation(lenientOf, exhaustedAt, {
          status: 'exhausted',
          remaining: -1.413,
        }),
        storedEvaluation(lenientOf, now - 3 * MINUTE, {
          status: 'no-data',
          reason: 'Prometheus answered 503',
        }),
      ]);
      await db.slos.saveSnapshots([
        storedEvaluation(of, now - 15 * MINUTE, {
          status: 'exhausted',
          remaining: -1.2,
        }),
        storedEvaluation(of, exhaustedAt, {
          status: 'exhausted',
          remaining: -1.413,
        }),
        // The source went down: two runs without data since.
        storedEvaluation(of, now - 6 * MINUTE, {
          status: 'no-data',
          reason: 'Prometheus answered 503',
        }),
        storedEvaluation(of, now - 3 * MINUTE, {
          status: 'no-data',
          reason: 'Prometheus answered 503',
        }),
      ]);
    }, 120_000);

    const gate = (query = '', name = 'legacy-billing') =>
      request(app)
        .get(
          `/api/stewardship/entities/component/default/${name}/release-gate${query}`,
        )
        .set('Authorization', asUser);

    it('under noData: allow, allows, and notes that the SLO was last known exhausted', async () => {
      const res = await gate('', 'lenient-billing');
      expect(res.status).toBe(200);
      openApi.assertMatches('ReleaseGate', res.body);
      // Its one counted SLO has no data now: allowed without measuring anything.
      expect(res.body).toMatchObject({
        decision: 'allow',
        countedSlos: 1,
        countedWithoutData: 1,
        reasons: [],
      });
      expect(res.body.notes).toEqual([
        {
          slo: { id: expect.any(String), name: 'availability' },
          status: 'no-data',
          explanation: '"availability" has no data: Prometheus answered 503',
          lastKnown: {
            status: 'exhausted',
            budgetRemaining: -1.413,
            at: new Date(exhaustedAt).toISOString(),
          },
        },
      ]);
      const text = await gate('?format=text', 'lenient-billing');
      expect(text.text.split('\n')[1]).toBe(
        `note availability: "availability" has no data: Prometheus answered 503. Last known: exhausted (\u2212141.3 % of the budget left) as of ${new Date(
          exhaustedAt,
        )
          .toISOString()
          .slice(0, 16)
          .replace(
            'T',
            ' ',
          )} UTC. The error-budget policy allows SLOs without data (noData: allow), so it does not hold releases back.`,
      );
    });

    it('warns as no data does, and says the SLO was last known exhausted', async () => {
      const res = await gate();
      expect(res.status).toBe(200);
      openApi.assertMatches('ReleaseGate', res.body);
      expect(res.body).toMatchObject({ decision: 'warn', countedSlos: 1 });
      expect(res.body.reasons).toEqual([
        {
          slo: { id: expect.any(String), name: 'availability' },
          status: 'no-data',
          decision: 'warn',
          firingPolicies: [],
          explanation: '"availability" has no data: Prometheus answered 503',
          lastKnown: {
            status: 'exhausted',
            budgetRemaining: -1.413,
            at: new Date(exhaustedAt).toISOString(),
          },
        },
      ]);

      const text = await gate('?format=text');
      // −1.413 → −141.3 % with a typographic minus; the moment to the minute in UTC.
      expect(text.text.split('\n')[1]).toBe(
        `warn availability: "availability" has no data: Prometheus answered 503. Last known: exhausted (\u2212141.3 % of the budget left) as of ${new Date(
          exhaustedAt,
        )
          .toISOString()
          .slice(0, 16)
          .replace('T', ' ')} UTC.`,
      );
    });

    it('as of a moment before the last exhausted snapshot, knows only the one before it', async () => {
      // A minute before the second exhausted snapshot the first (5 minutes old) is the latest:
      // it has data, so the reason is its own and carries no last known state.
      const res = await gate(
        `?at=${new Date(exhaustedAt - MINUTE).toISOString()}`,
      );
      expect(res.body.reasons.map((r: any) => [r.status, r.lastKnown])).toEqual(
        [['exhausted', undefined]],
      );
    });
  },
);
