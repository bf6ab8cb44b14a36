/*
 * Incidents follow the catalog's visibility, read with the caller's credentials: an entity the
 * caller cannot see has no incidents for them, in lists (counted in the database, so paging and
 * totals agree), single reads, changes and figures.
 */
import { EntityPermissions } from '../lib/EntityPermissions';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { IncidentService } from './IncidentService';
import {
  catalogAccess,
  conditionalCatalogReads,
} from '../__testUtils__/catalogReadPolicy';

const jane = mockCredentials.user('user:default/jane');

/** A catalog that hides the entities in `hidden` from the caller (as a permission policy would). */
function hidingCatalog(hidden: ReadonlySet<string>): CatalogService {
  return {
    getEntityByRef: jest.fn(async (ref: string) =>
      hidden.has(ref) ? undefined : { kind: 'Component' },
    ),
    getEntitiesByRefs: jest.fn(
      async ({ entityRefs }: { entityRefs: string[] }) => ({
        items: entityRefs.map(ref =>
          hidden.has(ref) ? undefined : { kind: 'Component' },
        ),
      }),
    ),
  } as unknown as CatalogService;
}

describe('IncidentService visibility', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const hidden = new Set<string>();
  const catalog = hidingCatalog(hidden);
  let service: IncidentService;

  beforeAll(async () => {
    service = new IncidentService({
      permissions: new EntityPermissions(mockServices.permissions()),
      store: await DatabaseIncidentStore.forTest(
        await databases.init('SQLITE_3'),
      ),
      slos: { getSlo: async () => undefined },
      ...catalogAccess(catalog, conditionalCatalogReads()),
    });
    for (const entityRef of ['checkout', 'cart', 'cart', 'secret']) {
      await service.create(
        { entityRef, title: `${entityRef} down`, severity: 'SEV3' },
        jane,
      );
    }
    hidden.add('component:default/secret');
  });

  it('lists and counts only incidents of visible entities', async () => {
    const all = await service.list({ offset: 0, limit: 2 }, jane);
    // 3 visible of 4 stored; the page holds 2 of them.
    expect(all.totalCount).toBe(3);
    expect(all.items).toHaveLength(2);
    const rest = await service.list({ offset: 2, limit: 2 }, jane);
    expect([...all.items, ...rest.items].map(i => i.entityRef).sort()).toEqual([
      'component:default/cart',
      'component:default/cart',
      'component:default/checkout',
    ]);
    expect(
      await service.list({ entity: 'secret', offset: 0, limit: 10 }, jane),
    ).toEqual({ items: [], totalCount: 0 });
  });

  it('answers 404 for a hidden entity’s incident and figures, and stores nothing', async () => {
    hidden.delete('component:default/secret');
    const [secret] = (
      await service.list({ entity: 'secret', offset: 0, limit: 1 }, jane)
    ).items;
    hidden.add('component:default/secret');
    await expect(service.get(secret.id, jane)).rejects.toThrow(NotFoundError);
    await expect(
      service.update(secret.id, { version: 1, title: 'x' }, jane),
    ).rejects.toThrow(NotFoundError);
    await expect(
      service.addActionItem(secret.id, { title: 'x' }, jane),
    ).rejects.toThrow(NotFoundError);
    await expect(
      service.summary('component:default/secret', {}, jane),
    ).rejects.toThrow(NotFoundError);
    hidden.delete('component:default/secret');
    expect(await service.get(secret.id, jane)).toMatchObject({
      version: 1,
      actionItems: [],
    });
  });
});

describe('IncidentService: affected SLOs of entities the caller cannot see', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const OPEN_SLO = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
  const SECRET_SLO = '0b7f1c64-9d47-4d8e-9a52-6a3b6c8f9e10';
  const hidden = new Set<string>();
  const catalog = hidingCatalog(hidden);
  const slos = new Map([
    [OPEN_SLO, { id: OPEN_SLO, entityRef: 'component:default/checkout' }],
    [SECRET_SLO, { id: SECRET_SLO, entityRef: 'component:default/secret' }],
  ]);
  let store: DatabaseIncidentStore;
  let service: IncidentService;

  beforeAll(async () => {
    store = await DatabaseIncidentStore.forTest(
      await databases.init('SQLITE_3'),
    );
    service = new IncidentService({
      permissions: new EntityPermissions(mockServices.permissions()),
      store,
      slos: { getSlo: async id => slos.get(id) as any },
      ...catalogAccess(catalog, conditionalCatalogReads()),
    });
  });

  afterEach(() => hidden.clear());

  it('withholds the stored cost of a hidden SLO from a read and from a change that changes nothing', async () => {
    const created = await service.create(
      {
        entityRef: 'checkout',
        title: 'Both down',
        severity: 'SEV2',
        status: 'resolved',
        detectedAt: '2026-09-10T10:00:00Z',
        resolvedAt: '2026-09-10T11:00:00Z',
        affectedSloIds: [OPEN_SLO, SECRET_SLO],
      },
      jane,
    );
    const impact = (sloId: string, sloName: string) => ({
      sloId,
      sloName,
      status: 'computed' as const,
      incidentWindow: {
        start: '2026-09-10T10:00:00.000Z',
        end: '2026-09-10T11:00:00.000Z',
      },
      badEvents: 6,
      allowedBadEvents: 50,
      consumedPercent: 12,
      formula: '6 ÷ 50 × 100',
      computedAt: '2026-09-10T11:05:00.000Z',
      stored: false,
    });
    expect(
      await store.saveBudgetImpact(created.id, created.version, [
        impact(OPEN_SLO, 'checkout-availability'),
        impact(SECRET_SLO, 'secret-latency'),
      ]),
    ).toBe(true);

    // Jane sees both entities: both costs.
    expect(
      (await service.get(created.id, jane)).budgetImpact?.map(i => i.sloName),
    ).toEqual(['checkout-availability', 'secret-latency']);

    hidden.add('component:default/secret');
    const withheld = {
      sloId: SECRET_SLO,
      status: 'no-data',
      reason: 'its entity is not visible to you in the catalog',
      incidentWindow: impact(SECRET_SLO, '').incidentWindow,
      computedAt: '2026-09-10T11:05:00.000Z',
      stored: true,
    };
    const read = await service.get(created.id, jane);
    expect(read.budgetImpact).toEqual([
      { ...impact(OPEN_SLO, 'checkout-availability'), stored: true },
      withheld,
    ]);
    // A PATCH that changes nothing answers the incident as stored: withheld the same way.
    const unchanged = await service.update(
      created.id,
      { version: created.version, title: 'Both down' },
      jane,
    );
    expect(unchanged.version).toBe(created.version);
    expect(unchanged.budgetImpact).toEqual(read.budgetImpact);
    expect(JSON.stringify(unchanged)).not.toContain('secret-latency');

    // A list carries the stored costs (no read per incident to show them), withheld the same way.
    const listed = await service.list(
      { entity: 'checkout', offset: 0, limit: 10 },
      jane,
    );
    expect(listed.items.map(i => i.budgetImpact)).toEqual([read.budgetImpact]);
    expect(JSON.stringify(listed)).not.toContain('secret-latency');
    hidden.clear();
    expect(
      (
        await service.list({ entity: 'checkout', offset: 0, limit: 10 }, jane)
      ).items[0].budgetImpact?.map(i => i.sloName),
    ).toEqual(['checkout-availability', 'secret-latency']);

    // Once the SLO is deleted nothing says whose it was: withheld from everyone, said why.
    const secretSlo = slos.get(SECRET_SLO)!;
    slos.delete(SECRET_SLO);
    try {
      const afterDelete = {
        ...withheld,
        reason: 'the SLO no longer exists',
      };
      expect((await service.get(created.id, jane)).budgetImpact).toEqual([
        { ...impact(OPEN_SLO, 'checkout-availability'), stored: true },
        afterDelete,
      ]);
      const page = await service.list(
        { entity: 'checkout', offset: 0, limit: 10 },
        jane,
      );
      expect(JSON.stringify(page)).not.toContain('secret-latency');
    } finally {
      slos.set(SECRET_SLO, secretSlo);
    }
  });
});
