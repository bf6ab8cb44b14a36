import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory, { Knex } from 'knex';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import {
  catalogAccess,
  conditionalCatalogReads,
} from '../__testUtils__/catalogReadPolicy';
import { countingCatalog, hiddenFrom } from '../__testUtils__/countingCatalog';
import { component, system } from '../__testUtils__/entities';
import { checkoutSloSpec } from '../__testUtils__/sloSpecs';
import { SloOverviewService } from './SloOverviewService';

/*
 * The overview's catalog read is kept per view of the catalog for its TTL (CatalogViewCache, whose
 * timing rules have their own tests); SLOs and statuses are read on every request. The routes'
 * figures are tested through a real backend in sloOverviewRoutes.test.ts.
 */
const T0 = new Date('2026-11-30T10:00:00Z').getTime();
const entities = [
  component('checkout', { system: 'shop' }),
  component('secret', { system: 'shop' }),
  system('shop'),
];
const jane = mockCredentials.user('user:default/jane');
const bob = mockCredentials.user('user:default/bob');

describe('SloOverviewService', () => {
  let knex: Knex;
  let db: StewardshipDatabase;
  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    db = await StewardshipDatabase.forTest(knex);
    await db.slos.createSlo(checkoutSloSpec('availability'), 'user:default/x');
  });
  afterEach(() => knex.destroy());

  function setup(permissions = mockServices.permissions()) {
    const { catalog, probe } = countingCatalog(
      entities,
      hiddenFrom('user:default/bob', 'secret'),
    );
    const clock = { ms: T0 };
    const service = new SloOverviewService({
      store: db.slos,
      ...catalogAccess(catalog, permissions),
      stalenessMs: 600_000,
      cacheTtlMs: 60_000,
      now: () => new Date(clock.ms),
    });
    const at = (seconds: number) => {
      clock.ms = T0 + seconds * 1000;
    };
    return { service, probe, at };
  }
  const listed = async (
    service: SloOverviewService,
    credentials = jane,
    filter = {},
  ) =>
    (await service.overview(filter, credentials)).items.map(
      i => `${i.entityRef} ${i.name}`,
    );

  it('reads the catalog once per TTL for its filters and CSV, and SLOs on every request', async () => {
    const { service, probe, at } = setup();
    expect(await listed(service)).toEqual([
      'component:default/checkout availability',
    ]);
    at(20);
    // The answer says how old its catalog read is; its statuses are as of now.
    expect(
      await service.overview({ system: 'system:default/shop' }, jane),
    ).toMatchObject({
      at: '2026-11-30T10:00:20.000Z',
      catalogReadAt: '2026-11-30T10:00:00.000Z',
      catalogAgeSeconds: 20,
    });
    await service.overviewCsv({}, jane);
    expect(probe.streams).toHaveLength(1);

    // A new SLO shows at once: only the catalog read is kept.
    await db.slos.createSlo(
      { ...checkoutSloSpec('latency'), entityRef: 'component:default/secret' },
      'user:default/x',
    );
    expect(await listed(service)).toEqual([
      'component:default/checkout availability',
      'component:default/secret latency',
    ]);
    expect(probe.streams).toHaveLength(1);

    at(60);
    await listed(service);
    expect(probe.streams).toHaveLength(2);
  });

  it('reads again, with the new kind, when an SLO names a kind not read before', async () => {
    const { service, probe } = setup();
    await listed(service);
    await db.slos.createSlo(
      { ...checkoutSloSpec('journey'), entityRef: 'resource:default/db' },
      'user:default/x',
    );
    await listed(service);
    expect(probe.streams).toHaveLength(2);
    expect(probe.streams[1]).toContain('resource');
  });

  it("keeps each user's own read under a conditional policy, and reads nothing for a denied one", async () => {
    const { service, probe } = setup(conditionalCatalogReads());
    await db.slos.createSlo(
      { ...checkoutSloSpec('latency'), entityRef: 'component:default/secret' },
      'user:default/x',
    );
    expect(await listed(service, jane)).toHaveLength(2);
    expect(await listed(service, bob)).toEqual([
      'component:default/checkout availability',
    ]);
    expect(await listed(service, jane)).toHaveLength(2);
    expect(probe.streams).toHaveLength(2);

    const denied = setup(
      mockServices.permissions.mock({
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
      }),
    );
    expect(await listed(denied.service, jane)).toEqual([]);
    expect(denied.probe.streams).toHaveLength(0);
  });
});
