/*
 * The planning review through a real backend on every test database: scope resolution (a system
 * with its parts, a domain with its systems and theirs, a group by ownership), figures from stored snapshots, incidents,
 * budget costs, backlog figures, ownership and dependency ceilings, all checked against values
 * worked out by hand below, and the 400s and 404s, with bodies checked against openapi.yaml.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  BacklogFigures,
  SloEvaluation,
  SloSpec,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import request from 'supertest';
import { ROLE_ANNOTATIONS, group, user } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A catalog entity with the relations the catalog would have made. */
function entity(
  kind: string,
  name: string,
  relations: Array<[string, string]>,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'group:default/team-a' },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

const engineeringOwner = {
  [ROLE_ANNOTATIONS.engineering]: 'group:default/team-a',
};
const catalog = [
  entity('Domain', 'commerce', []),
  entity('System', 'shop', [
    ['partOf', 'domain:default/commerce'],
    ['ownedBy', 'group:default/team-a'],
  ]),
  entity('System', 'warehouse', []),
  entity(
    'Component',
    'cart',
    [
      ['partOf', 'system:default/shop'],
      ['ownedBy', 'group:default/team-a'],
      ['dependsOn', 'component:default/db'],
    ],
    {},
  ),
  entity(
    'Component',
    'web',
    [['partOf', 'system:default/shop']],
    engineeringOwner,
  ),
  entity(
    'API',
    'cart-api',
    [['partOf', 'system:default/shop']],
    engineeringOwner,
  ),
  entity('Component', 'db', [['partOf', 'system:default/warehouse']]),
  entity('System', 'billing', []),
  entity('Component', 'ledger', [['partOf', 'system:default/billing']]),
  // A system with an SLO of its own (a journey across its parts) beside its component's.
  entity('Domain', 'travel', []),
  entity('System', 'booking', [['partOf', 'domain:default/travel']]),
  entity('Component', 'search', [['partOf', 'system:default/booking']]),
  group('team-a', ['user:default/jane']),
  user('jane', ['group:default/team-a']),
];

const ratio = (
  entityName: string,
  name: string,
  objective: number,
  timeWindow: SloSpec['timeWindow'] = { type: 'rolling', duration: '30d' },
): SloSpec => ({
  entityRef: `component:default/${entityName}`,
  name,
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective,
  timeWindow,
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
});

function snapshot(
  slo: { id: string; entityRef: string; objective: number },
  at: number,
  status: SloStatus,
  remaining: number,
  burn?: number,
): SloEvaluation {
  return storedEvaluation(slo, at, {
    status,
    remaining,
    allowedBad: 1000,
    burnRates: burn === undefined ? [] : [{ window: '1h', burnRate: burn }],
  });
}

const backlogFigures = (at: string): BacklogFigures => ({
  at,
  top: {
    n: 20,
    count: 4,
    averageAgeDays: 45.5,
    medianAgeDays: 40,
    ageTargetDays: 90,
    meetsAgeTarget: true,
    reliabilityCount: 1,
    reliabilityShare: 0.25,
  },
  all: { count: 4, ageHistogram: [], olderThan180Days: 0, untriaged: 1 },
  formulas: [],
});

describe.each(databases.eachSupportedId())(
  'planning review on %p',
  databaseId => {
    let app: any;
    // The period: the ten days up to a minute ago (rounded so the figures are exact).
    const to = Math.floor((Date.now() - MINUTE) / MINUTE) * MINUTE;
    const from = to - 10 * DAY;
    const period = `from=${new Date(from).toISOString()}&to=${new Date(
      to,
    ).toISOString()}`;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        entities: catalog,
        config: {
          stewardship: {
            metricSources: { prometheus: REFUSING_PROMETHEUS },
            // Only the engineering owner is required: web and cart-api have one, cart not.
            ownership: { requiredRoles: ['engineering'] },
          },
        },
      });
      app = backend.server;
      const db = await StewardshipDatabase.forTest(knex);
      const [api, checkout] = await db.slos.createSlos(
        [ratio('cart', 'api', 0.999), ratio('cart', 'checkout', 0.99)],
        'test',
      );
      await db.slos.createSlos([ratio('web', 'pages', 0.995)], 'test');
      await db.slos.createSlos([ratio('db', 'queries', 0.998)], 'test');
      await db.slos.saveSnapshots([
        snapshot(api, from - 60 * MINUTE, 'exhausted', -1, 99), // before: not counted
        snapshot(api, from + DAY, 'healthy', 0.5, 2),
        snapshot(api, from + 2 * DAY, 'exhausted', -0.1, 14.4),
        snapshot(api, to - MINUTE, 'healthy', 0.2, 1),
        snapshot(checkout, to - 2 * MINUTE, 'healthy', 0.9, 0.5),
        snapshot(checkout, to - MINUTE, 'exhausted', -0.25, 6),
        snapshot(checkout, to + 30_000, 'healthy', 1), // after `to`: not counted
      ]);
      const incident = (
        detectedAt: number,
        minutes: { ack?: number; resolve?: number },
        fireDrill = false,
      ) =>
        db.incidents.createIncident(
          {
            entityRef: 'component:default/cart',
            affectedEntityRefs: [],
            title: `Cart down at ${new Date(detectedAt).toISOString()}`,
            severity: 'SEV2',
            status: minutes.resolve === undefined ? 'acknowledged' : 'resolved',
            statusChangedAt: new Date(detectedAt).toISOString(),
            detectedAt: new Date(detectedAt).toISOString(),
            ...(minutes.ack !== undefined && {
              acknowledgedAt: new Date(
                detectedAt + minutes.ack * MINUTE,
              ).toISOString(),
            }),
            ...(minutes.resolve !== undefined && {
              resolvedAt: new Date(
                detectedAt + minutes.resolve * MINUTE,
              ).toISOString(),
            }),
            affectedSloIds: [api.id],
            fireDrill,
            source: 'manual',
          },
          'user:default/jane',
        );
      const resolved = await incident(from + DAY, { ack: 10, resolve: 60 });
      await incident(from + 3 * DAY, { ack: 20 });
      await incident(from - DAY, { ack: 1, resolve: 2 }); // before the period
      await incident(from + 4 * DAY, { ack: 1, resolve: 2 }, true); // a drill
      await db.incidents.saveBudgetImpact(resolved.id, resolved.version, [
        {
          sloId: api.id,
          sloName: 'api',
          status: 'computed',
          incidentWindow: {
            start: resolved.detectedAt,
            end: resolved.detectedAt,
          },
          consumedPercent: 25,
          computedAt: resolved.detectedAt,
          stored: true,
        },
      ]);
      await db.backlogFigures.saveBacklogFigures(
        'component:default/cart',
        backlogFigures(new Date(to - DAY).toISOString()),
      );

      // Ledger: calendar-quarter SLOs in three zones, for the review of Q3 2026 in UTC.
      const quarterIn = (timeZone: string) =>
        ({ type: 'calendar', unit: 'quarter', timeZone } as const);
      const [berlin, newYork, utc] = await db.slos.createSlos(
        [
          ratio('ledger', 'berlin', 0.99, quarterIn('Europe/Berlin')),
          ratio('ledger', 'new-york', 0.99, quarterIn('America/New_York')),
          ratio('ledger', 'utc', 0.99, quarterIn('UTC')),
        ],
        'test',
      );
      const at = (iso: string) => Date.parse(iso);
      await db.slos.saveSnapshots([
        // Berlin's Q3 ends at 1 Oct 00:00 CEST = 30 Sep 22:00Z; 23:55Z is in its Q4.
        snapshot(berlin, at('2026-09-30T21:55:00Z'), 'exhausted', -0.2),
        snapshot(berlin, at('2026-09-30T23:55:00Z'), 'healthy', 0.99),
        // New York's Q3 ends at 1 Oct 00:00 EDT = 1 Oct 04:00Z.
        snapshot(newYork, at('2026-09-30T23:55:00Z'), 'healthy', 0.5),
        snapshot(newYork, at('2026-10-01T03:57:00Z'), 'healthy', 0.3),
        snapshot(newYork, at('2026-10-01T04:02:00Z'), 'healthy', 1),
        snapshot(utc, at('2026-09-30T23:58:00Z'), 'healthy', 0.7),
        snapshot(utc, at('2026-10-01T00:03:00Z'), 'healthy', 1),
      ]);

      const [journey, search] = await db.slos.createSlos(
        [
          {
            ...ratio('search', 'journey', 0.99),
            entityRef: 'system:default/booking',
          },
          ratio('search', 'latency', 0.99),
        ],
        'test',
      );
      await db.slos.saveSnapshots([
        snapshot(journey, from + DAY, 'healthy', 0.3),
        snapshot(journey, to - MINUTE, 'exhausted', -0.4, 20),
        snapshot(search, to - MINUTE, 'healthy', 0.5, 1),
      ]);
    }, 120_000);

    const review = (query: string) =>
      request(app)
        .get(`/api/stewardship/review?${query}`)
        .set('Authorization', asUser);

    it('reviews a system, its components and APIs with hand-checked figures', async () => {
      const res = await review(`scope=system:default/shop&${period}`);
      expect(res.status).toBe(200);
      openApi.assertMatches('PlanningReview', res.body);
      expect(res.body.rows.map((row: any) => row.entityRef)).toEqual([
        'api:default/cart-api',
        'component:default/cart',
        'component:default/web',
        'system:default/shop',
      ]);
      const [cartApi, cart, web, shop] = res.body.rows;
      expect(cart.slos).toEqual([
        {
          id: expect.any(String),
          name: 'api',
          objective: 0.999,
          // in the period: 0.5, −0.1, 0.2 → 2 of 3 meet
          evaluatedSnapshots: 3,
          attainment: 2 / 3,
          statusAtEnd: 'healthy',
          budgetRemainingAtEnd: 0.2,
          metAtEnd: true,
          worstBurnRate1h: 14.4,
        },
        {
          id: expect.any(String),
          name: 'checkout',
          objective: 0.99,
          evaluatedSnapshots: 2,
          attainment: 0.5,
          statusAtEnd: 'exhausted',
          budgetRemainingAtEnd: -0.25,
          metAtEnd: false,
          worstBurnRate1h: 6,
        },
      ]);
      expect(cart).toMatchObject({
        objectives: 'missed',
        lowestBudgetRemaining: -0.25,
        worstBurnRate1h: 14.4,
        releaseGate: 'block',
        // two real SEV2s in the period; MTTA 10 and 20 min → 15 min; MTTR 60 min (one resolved)
        incidents: {
          count: 2,
          open: 1,
          mttaMedianSeconds: 900,
          mttrMedianSeconds: 3600,
          bySeverity: [
            {
              severity: 'SEV2',
              count: 2,
              mttaMedianSeconds: 900,
              mttrMedianSeconds: 3600,
            },
          ],
          budgetCosts: [
            expect.objectContaining({ sloName: 'api', consumedPercent: 25 }),
          ],
          // The open one affected api and has no stored cost yet.
          withoutStoredCost: 1,
        },
        backlog: {
          status: 'stored',
          topN: 20,
          topCount: 4,
          averageAgeDays: 45.5,
          medianAgeDays: 40,
          reliabilityShare: 0.25,
        },
        ownershipGaps: [{ role: 'engineering', status: 'missing' }],
        // db promises 0.998; cart's api promises 0.999 (above), checkout 0.99 (below)
        dependencyCeiling: 0.998,
        aboveDependencyCeiling: ['api'],
      });
      // web: an SLO never evaluated → no data, and the default policy warns on no data.
      expect(web).toMatchObject({
        objectives: 'no-data',
        releaseGate: 'warn',
        backlog: { status: 'not-read-yet' },
        // Its engineering owner is declared and resolves, but nobody has confirmed it.
        ownershipGaps: [
          { role: 'engineering', status: 'ok', attestation: 'none' },
        ],
        aboveDependencyCeiling: [],
      });
      expect(cartApi).toMatchObject({
        // Declared and resolved, never confirmed by its holder.
        ownershipGaps: [
          { role: 'engineering', status: 'ok', attestation: 'none' },
        ],
        objectives: 'no-slos',
        releaseGate: 'allow',
      });
      // The system itself: no SLO of its own; no engineering owner on it or its domain.
      expect(shop).toMatchObject({
        slos: [],
        objectives: 'no-slos',
        releaseGate: 'allow',
        ownershipGaps: [{ role: 'engineering', status: 'missing' }],
      });
      expect(res.body.summary).toEqual({
        entities: 4,
        met: 0,
        missed: 1,
        noData: 1,
        noSlos: 2,
        notApplicable: 0,
        largestBudgetCosts: [
          expect.objectContaining({
            entityRef: 'component:default/cart',
            consumedPercent: 25,
          }),
        ],
        entitiesWithOwnershipGaps: 4,
        ownershipGaps: 4,
        releaseGate: { allow: 2, warn: 1, block: 1 },
      });
    });

    it("counts a system's own SLO in the system's and its domain's reviews, as its release gate does", async () => {
      // journey: 0.3 then −0.4 at the end → 1 of 2 evaluations met, missed, exhausted: block.
      // search: 0.5 at the end → met, healthy: allow.
      const expectedRows = [
        {
          entityRef: 'component:default/search',
          objectives: 'met',
          releaseGate: 'allow',
          slos: [expect.objectContaining({ name: 'latency', metAtEnd: true })],
        },
        {
          entityRef: 'system:default/booking',
          objectives: 'missed',
          releaseGate: 'block',
          lowestBudgetRemaining: -0.4,
          worstBurnRate1h: 20,
          slos: [
            expect.objectContaining({
              name: 'journey',
              evaluatedSnapshots: 2,
              attainment: 0.5,
              statusAtEnd: 'exhausted',
              budgetRemainingAtEnd: -0.4,
              metAtEnd: false,
            }),
          ],
        },
      ];
      for (const scope of ['system:default/booking', 'domain:default/travel']) {
        const res = await review(`scope=${scope}&${period}`);
        expect(res.status).toBe(200);
        openApi.assertMatches('PlanningReview', res.body);
        expect(res.body.rows).toMatchObject(expectedRows);
        expect(res.body.rows).toHaveLength(2);
        expect(res.body.summary).toMatchObject({
          entities: 2,
          met: 1,
          missed: 1,
          noData: 0,
          noSlos: 0,
          releaseGate: { allow: 1, warn: 0, block: 1 },
        });
      }
      // The system's release gate reads the same exhausted SLO.
      const gate = await request(app)
        .get('/api/stewardship/entities/system/default/booking/release-gate')
        .set('Authorization', asUser);
      expect(gate.status).toBe(200);
      expect(gate.body.decision).toBe('block');
    });

    it('reads a calendar SLO in another zone at the end of its own quarter when the period ends at a UTC midnight', async () => {
      const q3 = 'from=2026-07-01T00:00:00Z&to=2026-10-01T00:00:00Z';
      const res = await review(`scope=system:default/billing&${q3}`);
      expect(res.status).toBe(200);
      openApi.assertMatches('PlanningReview', res.body);
      const [ledger] = res.body.rows;
      const atEnd = (slo: any) => [
        slo.name,
        slo.endAt,
        slo.statusAtEnd,
        slo.budgetRemainingAtEnd,
      ];
      expect(ledger.slos.map(atEnd)).toEqual([
        // Its own Q3's last snapshot (21:55Z), not the one two hours into its Q4.
        ['berlin', '2026-09-30T22:00:00.000Z', 'exhausted', -0.2],
        // Its Q3 runs four hours past the UTC end: its last snapshot before 04:00Z.
        ['new-york', '2026-10-01T04:00:00.000Z', 'healthy', 0.3],
        // A UTC quarter ends with the period: no endAt, the snapshot before 00:00Z.
        ['utc', undefined, 'healthy', 0.7],
      ]);
      // Its snapshots are counted over its own Q3 too: Berlin's from 30 Jun 22:00Z to 30 Sep
      // 22:00Z (21:55Z, overspent; not 23:55Z), New York's from 1 Jul 04:00Z to 1 Oct 04:00Z
      // (23:55Z and 03:57Z; not 04:02Z), UTC's the period (23:58Z).
      const counted = (slo: any) => [
        slo.name,
        slo.startAt,
        slo.evaluatedSnapshots,
        slo.attainment,
      ];
      expect(ledger.slos.map(counted)).toEqual([
        ['berlin', '2026-06-30T22:00:00.000Z', 1, 0],
        ['new-york', '2026-07-01T04:00:00.000Z', 2, 1],
        ['utc', undefined, 1, 1],
      ]);
      // The gate reads the same snapshots: Berlin's, 5 minutes before its end, is fresh.
      expect(ledger).toMatchObject({
        objectives: 'missed',
        releaseGate: 'block',
      });

      // A period that does not end at a UTC midnight is read at its end for every SLO.
      const res2 = await review(
        'scope=system:default/billing&from=2026-07-01T00:00:00Z&to=2026-10-01T00:00:01Z',
      );
      expect(res2.body.rows[0].slos.map(atEnd)).toEqual([
        ['berlin', undefined, 'healthy', 0.99],
        ['new-york', undefined, 'healthy', 0.5],
        ['utc', undefined, 'healthy', 0.7],
      ]);
    });

    it("reviews a domain through its systems, and a group's owned entities", async () => {
      const domain = await review(`scope=domain:default/commerce&${period}`);
      expect(domain.status).toBe(200);
      expect(domain.body.rows.map((row: any) => row.entityRef)).toEqual([
        'api:default/cart-api',
        'component:default/cart',
        'component:default/web',
        'system:default/shop',
      ]);
      const team = await review(`scope=group:default/team-a&${period}`);
      expect(team.status).toBe(200);
      openApi.assertMatches('PlanningReview', team.body);
      expect(team.body.rows.map((row: any) => row.entityRef)).toEqual([
        'component:default/cart',
        'system:default/shop',
      ]);
    });

    it('defaults to the 30 days up to now', async () => {
      const res = await review('scope=system:default/shop');
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(
        30 * DAY,
      );
    });

    it.each([
      ['scope=component:default/cart', 'scope'],
      [
        'scope=system:default/shop&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
        'from',
      ],
      ['scope=system:default/shop&to=2999-01-01T00:00:00Z', 'to'],
      ['scope=system:default/shop&from=yesterday', 'from'],
      ['', 'scope'],
    ])('answers 400 naming the parameter for %p', async (query, parameter) => {
      const res = await review(query);
      expect(res.status).toBe(400);
      openApi.assertMatches('Error', res.body);
      expect(res.body.error.message).toContain(parameter);
    });

    it('answers 404 for a scope the caller cannot read', async () => {
      const res = await review('scope=system:default/nowhere');
      expect(res.status).toBe(404);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'planning review over a period longer than snapshots are kept, on %p',
  databaseId => {
    let app: any;
    const RETENTION = 400 * DAY;
    const to = Math.floor((Date.now() - MINUTE) / MINUTE) * MINUTE;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        entities: [
          entity('System', 'archive', []),
          entity('Component', 'vault', [['partOf', 'system:default/archive']]),
          group('team-a', ['user:default/jane']),
          user('jane', ['group:default/team-a']),
        ],
        config: {
          stewardship: {
            metricSources: { prometheus: REFUSING_PROMETHEUS },
            slos: { evaluation: { snapshotRetention: { days: 400 } } },
          },
        },
      });
      app = backend.server;
      const db = await StewardshipDatabase.forTest(knex);
      const [vault] = await db.slos.createSlos(
        [ratio('vault', 'availability', 0.99)],
        'test',
      );
      await db.slos.saveSnapshots([
        snapshot(vault, to - 700 * DAY, 'exhausted', -0.5),
        snapshot(vault, to - 600 * DAY, 'exhausted', -0.5),
        snapshot(vault, to - 10 * DAY, 'healthy', 0.5),
      ]);
      // What the SLO housekeeping task does with snapshotRetention: the first two are gone.
      await db.slos.pruneSnapshots(new Date(Date.now() - RETENTION));
    }, 120_000);

    /** The review of archive over [from, to], with the moments before and after it was asked. */
    const reviewOver = async (from: number, end = to) => {
      const asked = Date.now();
      const res = await request(app)
        .get(
          `/api/stewardship/review?scope=system:default/archive&from=${new Date(
            from,
          ).toISOString()}&to=${new Date(end).toISOString()}`,
        )
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      openApi.assertMatches('PlanningReview', res.body);
      const vault = res.body.rows.find(
        (row: any) => row.entityRef === 'component:default/vault',
      );
      return { body: res.body, vault, asked, answered: Date.now() };
    };
    /** The answer's `snapshotsKeptFrom` lies `RETENTION` before a moment the request was open. */
    const expectKeptFrom = (answer: {
      body: any;
      asked: number;
      answered: number;
    }) => {
      const keptFrom = Date.parse(answer.body.snapshotsKeptFrom);
      expect(keptFrom).toBeGreaterThanOrEqual(answer.asked - RETENTION);
      expect(keptFrom).toBeLessThanOrEqual(answer.answered - RETENTION);
    };

    it('says from when snapshots are kept when a two-year period starts earlier', async () => {
      const twoYears = await reviewOver(to - 730 * DAY);
      expectKeptFrom(twoYears);
      // Of the three snapshots of the period only the one of 10 days ago is left: 1 of 1 met.
      expect(twoYears.vault.slos[0]).toMatchObject({
        evaluatedSnapshots: 1,
        attainment: 1,
        statusAtEnd: 'healthy',
      });
    });

    it('says so for a period that ended before then, whose snapshots are all pruned', async () => {
      const yearBefore = await reviewOver(to - 730 * DAY, to - 500 * DAY);
      expectKeptFrom(yearBefore);
      expect(yearBefore.vault.objectives).toBe('no-data');
      expect(yearBefore.vault.slos[0].evaluatedSnapshots).toBe(0);
      expect(yearBefore.vault.slos[0]).not.toHaveProperty('statusAtEnd');
    });

    it('says nothing of it for a period within the retention', async () => {
      const recent = await reviewOver(to - 30 * DAY);
      expect(recent.body).not.toHaveProperty('snapshotsKeptFrom');
      expect(recent.vault.slos[0].evaluatedSnapshots).toBe(1);
    });
  },
);
