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

describe('IncidentService visibility', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const hidden = new Set<string>();
  // A catalog that hides some entities from the caller (as a permission policy would).
  const catalog = {
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
