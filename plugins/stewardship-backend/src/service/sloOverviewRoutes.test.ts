/*
 * GET /slos/overview through a real backend on every test database: stored SLOs and snapshots
 * (no metric source is queried), a catalog that hides one entity from one user (under a
 * conditional read policy, so each user's catalog read is their own), filters, the CSV and the
 * 400s. Every expected figure is derived from the fixture table below.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  NoDataReason,
  SloDefinition,
  SloEvaluation,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import request from 'supertest';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import {
  FIRST_EVALUATION_IN_AN_HOUR,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { countingCatalog, userOf } from '../__testUtils__/countingCatalog';
import { conditionalCatalogReads } from '../__testUtils__/catalogReadPolicy';
import { component, system } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const JANE = 'user:default/jane';
const BOB = 'user:default/bob';
// The default 5-minute cadence: a snapshot older than twice that (10 minutes) is stale.
const STALENESS_MS = 10 * 60_000;

const entities: Entity[] = [
  component('checkout', { owner: 'team-a', system: 'shop' }),
  component('cart', { owner: 'group:default/team-b', system: 'shop' }),
  component('payments', { kind: 'API', owner: 'team-b' }),
  system('shop'),
  component('search', { owner: 'team-a' }),
  component('secret', { owner: 'team-a', system: 'shop' }),
  { ...component('db', { kind: 'Resource' }) },
];
// Like a permission rule: only jane may see `secret`.
const visibleTo = (user: string, entityRef: string) =>
  entityRef !== 'component:default/secret' || user === JANE;

const ref = (e: Entity) =>
  `${e.kind.toLowerCase()}:default/${e.metadata.name}`.toLowerCase();
const OWNER: Record<string, string> = {
  'component:default/checkout': 'group:default/team-a',
  'component:default/cart': 'group:default/team-b',
  'api:default/payments': 'group:default/team-b',
  'system:default/shop': 'group:default/team-a',
  'component:default/search': 'group:default/team-a',
  'component:default/secret': 'group:default/team-a',
};
const SYSTEM: Record<string, string | undefined> = {
  'component:default/checkout': 'system:default/shop',
  'component:default/cart': 'system:default/shop',
  'system:default/shop': 'system:default/shop',
  'component:default/secret': 'system:default/shop',
};
const IN_SCOPE = entities
  .map(ref)
  .filter(r => /^(component|api|system):/.test(r));

interface Fixture {
  entityRef: string;
  name: string;
  /** Absent: never evaluated. */
  status?: SloStatus;
  noDataReason?: NoDataReason;
  remaining?: number;
  sli?: number;
  /** How long before the request the snapshot was taken. */
  ageMs?: number;
}

const fixtures: Fixture[] = [
  {
    entityRef: 'component:default/checkout',
    name: 'availability',
    status: 'healthy',
    remaining: 0.75,
    sli: 0.99975,
  },
  {
    entityRef: 'component:default/checkout',
    name: 'latency',
    status: 'at-risk',
    remaining: 0.2,
    sli: 0.9992,
  },
  {
    entityRef: 'component:default/cart',
    name: 'availability',
    status: 'exhausted',
    remaining: -0.5,
    sli: 0.9985,
  },
  { entityRef: 'component:default/cart', name: 'errors' },
  {
    entityRef: 'api:default/payments',
    name: 'availability',
    status: 'no-data',
    noDataReason: 'no-series',
  },
  {
    entityRef: 'api:default/payments',
    name: 'quiet',
    status: 'no-data',
    noDataReason: 'no-traffic',
  },
  {
    entityRef: 'system:default/shop',
    name: 'journey',
    status: 'healthy',
    remaining: 0.9,
    sli: 0.9999,
    ageMs: 2 * 3600_000,
  },
  {
    entityRef: 'component:default/secret',
    name: 'availability',
    status: 'healthy',
    remaining: 0.6,
    sli: 0.9996,
  },
];

const isStale = (f: Fixture) =>
  f.status === undefined || (f.ageMs ?? 60_000) > STALENESS_MS;
const isBroken = (f: Fixture) =>
  f.status === 'no-data' && f.noDataReason === 'no-series';
const key = (entityRef: string, name: string) => `${entityRef} ${name}`;

function evaluation(slo: SloDefinition, f: Fixture, at: Date): SloEvaluation {
  return storedEvaluation(slo, at, {
    status: f.status!,
    ...(f.noDataReason && {
      noDataReason: f.noDataReason,
      reason: `reason of ${f.name}`,
    }),
    window: {
      start: new Date(at.getTime() - 30 * 86400_000).toISOString(),
      end: at.toISOString(),
    },
    ...(f.sli !== undefined && { sli: f.sli }),
    remaining: f.remaining,
  });
}

describe.each(databases.eachSupportedId())(
  'GET /slos/overview on %p',
  databaseId => {
    let app: any;
    const ids = new Map<string, string>();
    /** When each evaluated fixture's snapshot was taken (as of), ISO. */
    const evaluatedAt = new Map<string, string>();

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      // As the catalog: services see every entity, users what the policy's conditions allow.
      const { catalog } = countingCatalog(
        entities,
        (entity, credentials) =>
          (credentials.principal as { type: string }).type === 'service' ||
          visibleTo(userOf(credentials) ?? '', ref(entity)),
      );
      const backend = await startStewardshipTestBackend({
        database: knex,
        catalog,
        permissions: conditionalCatalogReads().factory,
        config: {
          stewardship: {
            slos: {
              evaluation: {
                // Not within the test: the stored snapshots are what is served.
                schedule: FIRST_EVALUATION_IN_AN_HOUR,
              },
            },
          },
        },
      });
      app = backend.server;
      // The plugin has migrated the database; store SLOs and snapshots beside it.
      const store = DatabaseSloStore.fromClient(knex);
      const now = Date.now();
      for (const f of fixtures) {
        const slo = await store.createSlo(
          {
            entityRef: f.entityRef,
            name: f.name,
            sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
            objective: 0.999,
            timeWindow: { type: 'rolling', duration: '30d' },
            budgetingMethod: 'occurrences',
            metricSource: 'prom',
            alertPolicies: [],
            labels: {},
          },
          'user:default/test',
        );
        ids.set(key(f.entityRef, f.name), slo.id);
        if (f.status) {
          const at = new Date(now - (f.ageMs ?? 60_000));
          evaluatedAt.set(key(f.entityRef, f.name), at.toISOString());
          await store.saveSnapshot(evaluation(slo, f, at));
        }
      }
    }, 120_000);

    const get = (query: string, user = JANE) =>
      request(app)
        .get(`/api/stewardship/slos/overview${query}`)
        .set('Authorization', mockCredentials.user.header(user));

    const expectedFor = (user: string, keep: (f: Fixture) => boolean) =>
      fixtures
        .filter(f => visibleTo(user, f.entityRef) && keep(f))
        .map(f => key(f.entityRef, f.name))
        .sort();
    const listed = (body: {
      items: Array<{ entityRef: string; name: string }>;
    }) => body.items.map(i => key(i.entityRef, i.name)).sort();

    it('401 without credentials', async () => {
      const res = await request(app).get('/api/stewardship/slos/overview');
      expect(res.status).toBe(401);
      openApi.assertMatches('Error', res.body);
    });

    it('lists every visible SLO with its stored status and budget, and the coverage', async () => {
      const res = await get('');
      expect(res.status).toBe(200);
      openApi.assertMatches('SloOverview', res.body);
      expect(listed(res.body)).toEqual(expectedFor(JANE, () => true));
      expect(res.body.stalenessSeconds).toBe(STALENESS_MS / 1000);
      // It holds until the first current SLO listed grows older than the staleness: one
      // millisecond past its evaluation's moment plus the limit.
      const firstStale = Math.min(
        ...res.body.items
          .filter((i: any) => !i.stale && i.evaluatedAt)
          .map((i: any) => Date.parse(i.evaluatedAt) + STALENESS_MS + 1),
      );
      expect(Number.isFinite(firstStale)).toBe(true);
      expect(res.body.validUntil).toBe(new Date(firstStale).toISOString());

      for (const f of fixtures) {
        const item = res.body.items.find(
          (i: { sloId: string }) =>
            i.sloId === ids.get(key(f.entityRef, f.name)),
        );
        expect(item).toEqual({
          sloId: ids.get(key(f.entityRef, f.name)),
          name: f.name,
          entityRef: f.entityRef,
          owner: OWNER[f.entityRef],
          ...(SYSTEM[f.entityRef] && { system: SYSTEM[f.entityRef] }),
          ...(f.status && { status: f.status }),
          stale: isStale(f),
          // No fixture's SLO was edited after its evaluation.
          ...(isStale(f) && {
            staleReason: f.status === undefined ? 'never-evaluated' : 'too-old',
          }),
          brokenSli: isBroken(f),
          ...(f.noDataReason && {
            noDataReason: f.noDataReason,
            reason: `reason of ${f.name}`,
          }),
          ...(f.remaining !== undefined && { budgetRemaining: f.remaining }),
          ...(f.sli !== undefined && { sli: f.sli }),
          objective: 0.999,
          // As stored above: every fixture reads the source "prom".
          metricSource: 'prom',
          ...(f.status && {
            evaluatedAt: evaluatedAt.get(key(f.entityRef, f.name)),
          }),
        });
      }

      const withSlo = new Set(fixtures.map(f => f.entityRef));
      expect(res.body.coverage).toEqual({
        entitiesInScope: IN_SCOPE.length,
        entitiesWithSlo: IN_SCOPE.filter(r => withSlo.has(r)).length,
        entitiesWithoutSlo: IN_SCOPE.filter(r => !withSlo.has(r)).map(r => ({
          entityRef: r,
          owner: OWNER[r],
          ...(SYSTEM[r] && { system: SYSTEM[r] }),
        })),
        brokenSlis: fixtures.filter(isBroken).length,
        staleEvaluations: fixtures.filter(isStale).length,
        slos: fixtures.length,
      });
      expect(res.body.facets).toEqual({
        owners: [...new Set(Object.values(OWNER))].sort(),
        systems: ['system:default/shop'],
      });
    });

    it('leaves out what the caller cannot see in the catalog, SLOs and coverage alike', async () => {
      const res = await get('', BOB);
      expect(res.status).toBe(200);
      expect(listed(res.body)).toEqual(expectedFor(BOB, () => true));
      expect(JSON.stringify(res.body)).not.toContain('secret');
      const visible = IN_SCOPE.filter(r => visibleTo(BOB, r));
      expect(res.body.coverage.entitiesInScope).toBe(visible.length);
      expect(res.body.coverage.slos).toBe(
        fixtures.filter(f => visibleTo(BOB, f.entityRef)).length,
      );
    });

    it('filters by owner, system and status; the status filter leaves the coverage alone', async () => {
      const byOwner = await get('?owner=team-b');
      expect(listed(byOwner.body)).toEqual(
        expectedFor(JANE, f => OWNER[f.entityRef] === 'group:default/team-b'),
      );
      expect(byOwner.body.coverage.entitiesInScope).toBe(
        IN_SCOPE.filter(r => OWNER[r] === 'group:default/team-b').length,
      );

      const bySystem = await get('?system=System:default/Shop');
      expect(listed(bySystem.body)).toEqual(
        expectedFor(JANE, f => SYSTEM[f.entityRef] === 'system:default/shop'),
      );

      const stale = await get('?status=stale');
      expect(listed(stale.body)).toEqual(expectedFor(JANE, isStale));
      expect(stale.body.coverage.slos).toBe(fixtures.length);

      const noData = await get('?status=no-data&owner=group:default/team-b');
      expect(listed(noData.body)).toEqual(
        expectedFor(
          JANE,
          f =>
            f.status === 'no-data' &&
            OWNER[f.entityRef] === 'group:default/team-b',
        ),
      );
    });

    it('exports the listed SLOs as CSV, numbers as numbers', async () => {
      const res = await get('?format=csv&system=shop', BOB);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('slo-overview.csv');
      const [header, ...rows] = res.text.trimEnd().split('\r\n');
      const columns = header.split(',');
      expect(columns.slice(0, 5)).toEqual([
        'entityRef',
        'entityTitle',
        'slo',
        'status',
        'stale',
      ]);
      const expected = fixtures.filter(
        f =>
          visibleTo(BOB, f.entityRef) &&
          SYSTEM[f.entityRef] === 'system:default/shop',
      );
      expect(rows).toHaveLength(expected.length);
      const cell = (row: string, column: string) =>
        row.split(',')[columns.indexOf(column)];
      for (const f of expected) {
        const row = rows.find(r => r.startsWith(`${f.entityRef},,${f.name},`))!;
        expect(cell(row, 'status')).toBe(f.status ?? 'never evaluated');
        expect(cell(row, 'stale')).toBe(String(isStale(f)));
        expect(cell(row, 'budgetRemaining')).toBe(
          f.remaining === undefined ? '' : String(f.remaining),
        );
        expect(cell(row, 'sloId')).toBe(ids.get(key(f.entityRef, f.name)));
      }
    });

    it('gives the statuses as of ?at=: the latest snapshot by then, stale by then', async () => {
      // Half an hour after the system's journey SLO was evaluated (2 hours ago), before any other.
      const journey = key('system:default/shop', 'journey');
      const at = new Date(
        Date.parse(evaluatedAt.get(journey)!) + 30 * 60_000,
      ).toISOString();
      const res = await get(`?at=${at}`);
      expect(res.status).toBe(200);
      openApi.assertMatches('SloOverview', res.body);
      expect(res.body.at).toBe(at);
      // A past moment's overview never changes.
      expect(res.body.validUntil).toBeUndefined();
      expect(listed(res.body)).toEqual(expectedFor(JANE, () => true));
      // Only the journey SLO had been evaluated by then; 30 minutes old at `at`, it is stale
      // (the limit is 10 minutes), like every SLO never evaluated by then.
      const byKey = (item: any) => [
        key(item.entityRef, item.name),
        item.status,
        item.evaluatedAt,
        item.stale,
      ];
      expect(res.body.items.map(byKey).sort()).toEqual(
        expectedFor(JANE, () => true).map(k =>
          k === journey
            ? [k, 'healthy', evaluatedAt.get(journey), true]
            : [k, undefined, undefined, true],
        ),
      );
      // The CSV follows the same moment.
      const csv = await get(`?at=${at}&format=csv`);
      expect(csv.status).toBe(200);
      const statuses = csv.text
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map(row => row.split(',')[3]);
      expect(statuses.filter(s => s === 'healthy')).toHaveLength(1);

      for (const bad of ['yesterday', '2999-01-01T00:00:00Z']) {
        const refused = await get(`?at=${bad}`);
        expect([bad, refused.status]).toEqual([bad, 400]);
        // The spec's validator ("request/query/at must …") or queryDate ('"at"') names it.
        expect(refused.body.error.message).toMatch(/query\/at |"at"/);
      }
    });

    it('answers 400 naming a bad filter', async () => {
      const status = await get('?status=broken');
      expect(status.status).toBe(400);
      expect(status.body.error.message).toContain('status');
      openApi.assertMatches('Error', status.body);

      const owner = await get(`?owner=${encodeURIComponent('team a')}`);
      expect(owner.status).toBe(400);
      expect(owner.body.error.message).toContain('"owner"');

      const unknown = await get('?team=a');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('team');
    });
  },
);
