import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  CoverageSummary,
  ScorecardTrendPoint,
} from '@stewardship/backstage-plugin-stewardship-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogAccess,
  conditionalCatalogReads,
} from '../__testUtils__/catalogReadPolicy';
import { countingCatalog, userOf } from '../__testUtils__/countingCatalog';
import { allRoles, component, group, user } from '../__testUtils__/entities';
import { CatalogOwnershipReader } from './CatalogOwnershipReader';
import { DEFAULT_OWNERSHIP_POLICY } from './OwnershipPolicy';
import { OwnershipService } from './OwnershipService';

/** The entity with `metadata.uid` set to its name, so the fake catalog can remove it. */
function withUid(entity: Entity): Entity {
  return {
    ...entity,
    metadata: { ...entity.metadata, uid: entity.metadata.name },
  };
}

const entities = [
  group('payments', ['user:default/jane']),
  user('jane', ['group:default/payments']),
  component('good', { annotations: allRoles('user:default/jane') }),
  component('bad'),
  component('worse', { annotations: allRoles('user:default/ghost') }),
  component('secret'),
].map(withUid);

type SnapshotStore = ConstructorParameters<typeof OwnershipService>[1];

/** A day's snapshot of the whole catalog (taken with Stewardship's own identity). */
const WHOLE_CATALOG_DAY: ScorecardTrendPoint = {
  day: '2026-11-21',
  entities: 4,
  compliant: 1,
  roleOk: { business: 1, product: 1, engineering: 1 },
};

/** Snapshots in memory: these tests are about the catalog reads, not the trend's figures. */
class MemorySnapshotStore implements SnapshotStore {
  saved: CoverageSummary[] = [];
  async saveScorecardSnapshot(snapshot: { summary: CoverageSummary }) {
    this.saved.push(snapshot.summary);
  }
  async listScorecardTrend(): Promise<ScorecardTrendPoint[]> {
    return [WHOLE_CATALOG_DAY];
  }
}

const T0 = new Date('2026-11-22T10:00:00.000Z');
const jane = mockCredentials.user('user:default/jane');
const bob = mockCredentials.user('user:default/bob');
const all = { filter: {}, offset: 0, limit: 50 };

/**
 * The service over a counted catalog. By default the policy puts conditions on catalog reads and
 * the catalog applies them like a permission rule: only jane (and services) may see `secret`.
 */
function setup(
  cacheTtlMs?: number,
  permissions: PermissionsService = conditionalCatalogReads(),
  /** Give the reader Stewardship's own credentials for what a caller may not read. */
  readerAuth?: boolean,
) {
  const { catalog, probe } = countingCatalog(
    entities,
    (entity, credentials) =>
      entity.metadata.name !== 'secret' ||
      userOf(credentials) === 'user:default/jane' ||
      (credentials.principal as { type: string }).type === 'service',
  );
  const clock = { now: T0 };
  const store = new MemorySnapshotStore();
  const service = new OwnershipService(
    new CatalogOwnershipReader(
      catalog,
      DEFAULT_OWNERSHIP_POLICY,
      readerAuth ? mockServices.auth() : undefined,
    ),
    store,
    {
      ...catalogAccess(catalog, permissions),
      cacheTtlMs,
      now: () => clock.now,
    },
  );
  const at = (seconds: number) => {
    clock.now = new Date(T0.getTime() + seconds * 1000);
  };
  return { service, probe, store, at };
}

const failingNames = async (
  service: OwnershipService,
  credentials = jane,
): Promise<string[]> =>
  (await service.getScorecard(all, credentials)).failing.items
    .map(i => i.name)
    .sort();

describe('OwnershipService scorecard cache', () => {
  it('serves pages, filters, groupings and the CSV from one catalog read within the TTL', async () => {
    const { service, probe, at } = setup(60_000);

    const first = await service.getScorecard(
      { filter: {}, offset: 0, limit: 1 },
      jane,
    );
    expect(first.failing.totalCount).toBe(3); // bad, worse, secret
    at(20);
    const second = await service.getScorecard(
      { filter: {}, offset: 1, limit: 1, groupBy: 'owner' },
      jane,
    );
    const filtered = await service.getScorecard(
      { filter: { status: 'unresolved' }, offset: 0, limit: 10 },
      jane,
    );
    const csv = await service.getScorecardExport({ filter: {} }, jane);

    expect(probe.catalogReads).toBe(1);
    expect(second.failing.offset).toBe(1);
    expect(second.groups).toHaveLength(1);
    expect(filtered.failing.items.map(i => i.name)).toEqual(['worse']);
    expect(csv.csv).toContain('component:default/secret');
    expect(csv.evaluatedAt).toEqual(T0);
    expect(first).toMatchObject({
      generatedAt: '2026-11-22T10:00:00.000Z',
      evaluatedAt: '2026-11-22T10:00:00.000Z',
      ageSeconds: 0,
    });
    expect(second).toMatchObject({
      generatedAt: '2026-11-22T10:00:20.000Z',
      evaluatedAt: '2026-11-22T10:00:00.000Z',
      ageSeconds: 20,
    });
  });

  it('keeps serving the evaluation until the TTL ends, then reads the catalog again', async () => {
    const { service, probe, at } = setup(60_000);
    expect(await failingNames(service)).toEqual(['bad', 'secret', 'worse']);

    await probe.remove('bad');
    // Before the last quarter of the TTL (see the next test): served, no read.
    at(44.999);
    const stale = await service.getScorecard(all, jane);
    expect(stale.failing.items.map(i => i.name).sort()).toEqual([
      'bad',
      'secret',
      'worse',
    ]);
    expect(stale.ageSeconds).toBe(44);
    expect(probe.catalogReads).toBe(1);

    at(60);
    const fresh = await service.getScorecard(all, jane);
    expect(fresh.failing.items.map(i => i.name).sort()).toEqual([
      'secret',
      'worse',
    ]);
    expect(fresh).toMatchObject({
      evaluatedAt: '2026-11-22T10:01:00.000Z',
      ageSeconds: 0,
    });
    expect(probe.catalogReads).toBe(2);
  });

  it('in the last quarter of the TTL, serves the held evaluation at once and reads the next in the background', async () => {
    const { service, probe, at } = setup(60_000);
    expect(await failingNames(service)).toEqual(['bad', 'secret', 'worse']);
    await probe.remove('bad');
    let open = () => {};
    probe.gate = new Promise(resolve => {
      open = resolve;
    });

    at(45);
    // Answered while the catalog read it started is still held up.
    const held = await service.getScorecard(all, jane);
    expect(held).toMatchObject({
      evaluatedAt: '2026-11-22T10:00:00.000Z',
      ageSeconds: 45,
    });
    expect(probe.catalogReads).toBe(2);
    at(50);
    await service.getScorecard(all, jane);
    expect(probe.catalogReads).toBe(2); // one refresh at a time

    open();
    await new Promise(resolve => setImmediate(resolve));
    at(61);
    // The refresh began at 45 s: still within its TTL, so no one waits for the catalog.
    const refreshed = await service.getScorecard(all, jane);
    expect(refreshed).toMatchObject({
      evaluatedAt: '2026-11-22T10:00:45.000Z',
      ageSeconds: 16,
    });
    expect(refreshed.failing.items.map(i => i.name).sort()).toEqual([
      'secret',
      'worse',
    ]);
    expect(probe.catalogReads).toBe(2);
  });

  it('shares one catalog read among requests that arrive while it runs', async () => {
    const { service, probe } = setup(60_000);
    let open = () => {};
    probe.gate = new Promise(resolve => {
      open = resolve;
    });

    const pending = Promise.all([
      service.getScorecard(all, jane),
      service.getScorecard({ ...all, groupBy: 'kind' }, jane),
      service.getScorecard({ ...all, filter: { kind: 'component' } }, jane),
      service.getScorecardCsv({ filter: {} }, jane),
    ]);
    // Let every request reach the cache before the read may finish.
    await new Promise(resolve => setImmediate(resolve));
    expect(probe.catalogReads).toBe(1);
    open();
    const [plain, grouped, filtered, csv] = await pending;

    expect(probe.catalogReads).toBe(1);
    expect(plain.failing.totalCount).toBe(3);
    expect(grouped.groups?.map(g => g.key)).toEqual(['component']);
    expect(filtered.summary.entities).toBe(4);
    // Header plus one line per failing role: bad 3, worse 3, secret 3.
    expect(csv.trim().split('\r\n')).toHaveLength(10);
  });

  it('keeps no failed read: everyone waiting gets the error, the next request reads again', async () => {
    const { service, probe } = setup(60_000);
    probe.failNext = new Error('catalog unavailable');

    const results = await Promise.allSettled([
      service.getScorecard(all, jane),
      service.getScorecard(all, jane),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect(probe.catalogReads).toBe(1);

    expect(await failingNames(service)).toEqual(['bad', 'secret', 'worse']);
    expect(probe.catalogReads).toBe(2);
  });

  it('never shows one user what only another may see', async () => {
    const { service, probe } = setup(60_000);

    expect(await failingNames(service, jane)).toEqual([
      'bad',
      'secret',
      'worse',
    ]);
    expect(await failingNames(service, bob)).toEqual(['bad', 'worse']);
    expect(
      (await service.getScorecardCsv({ filter: {} }, bob)).includes('secret'),
    ).toBe(false);
    expect(await failingNames(service, jane)).toEqual([
      'bad',
      'secret',
      'worse',
    ]);
    // One read per user; repeated requests of either reuse it.
    expect(probe.catalogReads).toBe(2);
  });

  it('shares one read among everyone the policy lets read the whole catalog', async () => {
    const { service, probe } = setup(60_000, mockServices.permissions());

    // They read all of it, as Stewardship reads it: secret included, for bob too.
    expect(await failingNames(service, jane)).toEqual([
      'bad',
      'secret',
      'worse',
    ]);
    expect(await failingNames(service, bob)).toEqual([
      'bad',
      'secret',
      'worse',
    ]);
    await service.getScorecard(all, mockCredentials.service());
    expect(probe.catalogReads).toBe(1);
  });

  it('reads nothing again for the shared view, whose read hid nothing: what it lacks is gone', async () => {
    // `worse` names user:default/ghost, whom the catalog does not hold. A caller under conditions
    // may just not see him, so he is looked for with Stewardship's own credentials; the shared
    // view was read with those very credentials, so it looks for nobody.
    const shared = setup(60_000, mockServices.permissions(), true);
    expect(await failingNames(shared.service, bob)).toEqual([
      'bad',
      'secret',
      'worse',
    ]);
    expect(shared.probe.refsReads).toBe(0);

    const conditional = setup(60_000, conditionalCatalogReads(), true);
    expect(await failingNames(conditional.service, bob)).toEqual([
      'bad',
      'worse',
    ]);
    expect(conditional.probe.refsReads).toBeGreaterThan(0);
  });

  it('takes the daily snapshot, with its own credentials, without looking again for what the read lacks', async () => {
    const { service, probe, store } = setup(
      60_000,
      mockServices.permissions(),
      true,
    );
    const summary = await service.takeScorecardSnapshot(
      mockCredentials.service(),
    );
    // Every entity (a service reads secret too); worse's user:default/ghost is gone, not hidden.
    expect(summary).toMatchObject({ entities: 4, compliant: 1 });
    expect(store.saved).toHaveLength(1);
    expect(probe.catalogReads).toBe(1);
    expect(probe.refsReads).toBe(0);
  });

  it('shows an empty scorecard, without a read, to a caller the policy denies catalog reads', async () => {
    const { service, probe } = setup(
      60_000,
      mockServices.permissions({ result: AuthorizeResult.DENY }),
    );
    const scorecard = await service.getScorecard(all, bob);
    expect(scorecard.summary.entities).toBe(0);
    expect(scorecard.failing.totalCount).toBe(0);
    expect(probe.catalogReads).toBe(0);
  });

  it('shows the whole-catalog trend only to callers who may read all of the catalog', async () => {
    const trendOf = async (
      permissions: PermissionsService,
      credentials: BackstageCredentials = bob,
    ) => {
      const { trend, trendWithheld } = await setup(
        60_000,
        permissions,
      ).service.getScorecard(all, credentials);
      return { trend, trendWithheld };
    };
    expect(await trendOf(mockServices.permissions())).toEqual({
      trend: [WHOLE_CATALOG_DAY],
      trendWithheld: undefined,
    });
    expect(
      await trendOf(conditionalCatalogReads(), mockCredentials.service()),
    ).toEqual({ trend: [WHOLE_CATALOG_DAY], trendWithheld: undefined });
    // Under conditions (jane too, who sees secret) or denied: its counts would tell of the rest.
    for (const [permissions, credentials] of [
      [conditionalCatalogReads(), bob],
      [conditionalCatalogReads(), jane],
      [mockServices.permissions({ result: AuthorizeResult.DENY }), bob],
    ] as const) {
      expect(await trendOf(permissions, credentials)).toEqual({
        trend: [],
        trendWithheld: true,
      });
    }
  });

  it('keeps the entity tab and the daily snapshot fresh', async () => {
    const { service, probe, store } = setup(60_000);
    const ref = { kind: 'component', namespace: 'default', name: 'bad' };
    await service.getScorecard(all, jane);
    expect((await service.getEntityOwnership(ref, jane)).compliant).toBe(false);

    await probe.remove('bad');

    await expect(service.getEntityOwnership(ref, jane)).rejects.toThrow(
      NotFoundError,
    );
    const summary = await service.takeScorecardSnapshot(
      mockCredentials.service(),
    );
    // good, worse and secret (a service reads everything): bad is gone.
    expect(summary).toMatchObject({ entities: 3, compliant: 1 });
    expect(store.saved).toHaveLength(1);
    // The scorecard itself still shows the cached evaluation.
    expect(await failingNames(service)).toEqual(['bad', 'secret', 'worse']);
    expect(probe.catalogReads).toBe(2); // the scorecard's one, the snapshot's one
  });

  it('reads the catalog for every request when the TTL is 0', async () => {
    const { service, probe, at } = setup(0);
    await service.getScorecard(all, jane);
    await probe.remove('bad');
    at(1);

    const scorecard = await service.getScorecard(all, jane);

    expect(probe.catalogReads).toBe(2);
    expect(scorecard.failing.items.map(i => i.name).sort()).toEqual([
      'secret',
      'worse',
    ]);
    expect(scorecard).toMatchObject({
      evaluatedAt: '2026-11-22T10:00:01.000Z',
      ageSeconds: 0,
    });
  });

  it('caches for 60 seconds by default', async () => {
    const { service, probe, at } = setup();
    await service.getScorecard(all, jane);
    at(44);
    await service.getScorecard(all, jane);
    expect(probe.catalogReads).toBe(1);
    at(60);
    await service.getScorecard(all, jane);
    expect(probe.catalogReads).toBe(2);
  });
});
