/*
 * The longest period the planning review (`GET review`) and an entity's incident figures
 * (`GET entities/{ref}/incidents/summary`) are read for, through a real backend on every test
 * database: exactly MAX_PERIOD_DAYS (731) answers 200 with what the period holds; a millisecond
 * more, or a `from` of 1970, a 400 naming `from` that reads no incident, snapshot or SLO.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { MAX_PERIOD_DAYS } from '@stewardship/backstage-plugin-stewardship-common';
import { Knex } from 'knex';
import request from 'supertest';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
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
const DAY = 86_400_000;

const entity = (
  kind: string,
  name: string,
  relations: Array<[string, string]> = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

describe.each(databases.eachSupportedId())(
  'the longest period on %p',
  databaseId => {
    let app: any;
    let knex: Knex;
    // Whole minutes a minute ago: exact in every database, and not in the future.
    const to = Math.floor((Date.now() - MINUTE) / MINUTE) * MINUTE;
    const longest = to - MAX_PERIOD_DAYS * DAY;
    const iso = (ms: number) => new Date(ms).toISOString();

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        scheduler: mockServices.scheduler.factory({
          skipTaskRunOnStartup: true,
        }),
        entities: [
          entity('System', 'shop'),
          entity('Component', 'cart', [['partOf', 'system:default/shop']]),
        ],
        config: {
          stewardship: { metricSources: { prometheus: REFUSING_PROMETHEUS } },
        },
      });
      app = backend.server;
      const db = await StewardshipDatabase.forTest(knex);
      const [slo] = await db.slos.createSlos(
        [
          {
            entityRef: 'component:default/cart',
            name: 'api',
            sli: { type: 'ratio', good: 'good', total: 'total' },
            objective: 0.99,
            timeWindow: { type: 'rolling', duration: '30d' },
            budgetingMethod: 'occurrences',
            metricSource: 'prometheus',
            alertPolicies: [],
            labels: {},
          },
        ],
        'test',
      );
      // On the first day of the longest period: in it, and read by a 200.
      await db.slos.saveSnapshots([
        storedEvaluation(slo, longest + MINUTE, {
          status: 'exhausted',
          remaining: -0.5,
          allowedBad: 1000,
          burnRates: [],
        }),
      ]);
      await db.incidents.createIncident(
        {
          entityRef: 'component:default/cart',
          affectedEntityRefs: [],
          title: 'Cart down two years ago',
          severity: 'SEV2',
          status: 'resolved',
          statusChangedAt: iso(longest + 2 * MINUTE),
          detectedAt: iso(longest + MINUTE),
          resolvedAt: iso(longest + 2 * MINUTE),
          affectedSloIds: [slo.id],
          fireDrill: false,
          source: 'manual',
        },
        'user:default/jane',
      );
    });

    const get = (path: string) =>
      request(app).get(`/api/stewardship${path}`).set('Authorization', asUser);
    const review = (from: string, toParam = `&to=${iso(to)}`) =>
      get(
        `/review?scope=system:default/shop&from=${encodeURIComponent(
          from,
        )}${toParam}`,
      );
    const summary = (from: string, toParam = `&to=${iso(to)}`) =>
      get(
        `/entities/component/default/cart/incidents/summary?from=${encodeURIComponent(
          from,
        )}${toParam}`,
      );

    /** The SQL a request runs on the plugin's tables of SLOs, snapshots and incidents. */
    async function queriesOf(send: () => Promise<request.Response>) {
      const queries: string[] = [];
      const listener = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', listener);
      try {
        const res = await send();
        return {
          res,
          queries: queries.filter(sql => /slo|incident/i.test(sql)),
        };
      } finally {
        knex.removeListener('query', listener);
      }
    }

    it('reviews a period of exactly 731 days, reading what it holds', async () => {
      const { res, queries } = await queriesOf(() => review(iso(longest)));
      expect(res.status).toBe(200);
      openApi.assertMatches('PlanningReview', res.body);
      expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(
        731 * DAY,
      );
      // The snapshot and the incident of its first day are in it.
      const [cart] = res.body.rows;
      expect(cart.entityRef).toBe('component:default/cart');
      expect(cart.slos[0].evaluatedSnapshots).toBe(1);
      expect(cart.incidents.count).toBe(1);
      expect(queries.length).toBeGreaterThan(0);
    });

    it('sums up the incidents of exactly 731 days', async () => {
      const { res, queries } = await queriesOf(() => summary(iso(longest)));
      expect(res.status).toBe(200);
      openApi.assertMatches('IncidentSummary', res.body);
      expect(res.body.incidents.all).toMatchObject({ count: 1, open: 0 });
      expect(queries.length).toBeGreaterThan(0);
    });

    it.each([
      ['review', review],
      ['incident summary', summary],
    ])(
      'answers the %s of a longer period 400 naming "from", reading nothing',
      async (_, send) => {
        for (const [from, toParam, days] of [
          [iso(longest - 1), undefined, '732'],
          // Without `to`: up to now, a minute or so more than from 1970 to `to`.
          ['1970-01-01T00:00:00Z', '', /\d\d,\d\d\d/],
        ] as const) {
          const { res, queries } = await queriesOf(() => send(from, toParam));
          expect(res.status).toBe(400);
          openApi.assertMatches('Error', res.body);
          expect(res.body.error.message).toMatch(
            /^Invalid query parameter "from": a period may span at most 731 days \(2 years\); this one spans /,
          );
          expect(res.body.error.message).toMatch(days);
          expect(queries).toEqual([]);
        }
      },
    );
  },
);
