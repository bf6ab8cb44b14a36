/*
 * SloService's entity filters on a real store (every test database): an SLO created for
 * `checkout` is stored under the normalised ref and found by every spelling of that ref.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { normalizeEntityRef } from '../lib/entityRefs';
import { component } from '../__testUtils__/entities';
import { sloServiceForTest } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SloService } from './SloService';

const databases = createTestDatabases();

const spec = (entityRef: string, name: string) => ({
  entityRef,
  name,
  sli: {
    type: 'ratio',
    good: 'req_total{code="200"}',
    total: 'req_total',
  },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '30d' },
  metricSource: 'prom',
});

const viewer = mockCredentials.user('user:default/jane');

describe.each(databases.eachSupportedId())('SloService on %p', databaseId => {
  let service: SloService;

  beforeAll(async () => {
    const store = await DatabaseSloStore.forTest(
      await databases.init(databaseId as TestDatabaseId),
    );
    // Creating and listing never ask a metric source.
    service = sloServiceForTest(store, {
      entities: [component('checkout'), component('cart')],
    });
    const credentials = viewer;
    await service.create(spec('checkout', 'availability'), credentials);
    await service.create(
      spec('Component:Default/Cart', 'latency'),
      credentials,
    );
  }, 60_000);

  it('stores a bare name as a lower-case component ref', async () => {
    const { items } = await service.list({ offset: 0, limit: 10 }, viewer);
    expect(items.map(slo => [slo.entityRef, slo.name])).toEqual([
      ['component:default/cart', 'latency'],
      ['component:default/checkout', 'availability'],
    ]);
  });

  it('finds it by a mixed-case full ref normalised by the helper', async () => {
    const entityRef = normalizeEntityRef('Component:Default/Checkout');
    expect(entityRef).toBe('component:default/checkout');
    const { items, totalCount } = await service.list(
      { entityRef, offset: 0, limit: 10 },
      viewer,
    );
    expect(totalCount).toBe(1);
    expect(items.map(slo => slo.name)).toEqual(['availability']);
  });

  it.each([
    'checkout',
    'Checkout',
    'default/checkout',
    'component:checkout',
    'Component:Default/Checkout',
  ])('finds it when listing by %j', async entityRef => {
    const { items } = await service.list(
      { entityRef, offset: 0, limit: 10 },
      viewer,
    );
    expect(items.map(slo => [slo.entityRef, slo.name])).toEqual([
      ['component:default/checkout', 'availability'],
    ]);
  });

  it('lists the statuses of an entity named in any case', async () => {
    const statuses = await service.entityStatuses(
      'Component:Default/Cart',
      undefined,
    );
    expect(statuses.map(s => [s.slo.name, s.stale])).toEqual([
      ['latency', true],
    ]);
  });

  it('does not mix up entities of another kind or namespace', async () => {
    for (const entityRef of ['api:checkout', 'other/checkout']) {
      const { items } = await service.list(
        { entityRef, offset: 0, limit: 10 },
        viewer,
      );
      expect(items).toEqual([]);
    }
  });

  it.each(['check out', 'check\u0000out', 'checkout\u{1F600}'])(
    'rejects the filter %j with a 400 naming entityRef',
    async entityRef => {
      const listing = service.list({ entityRef, offset: 0, limit: 10 }, viewer);
      await expect(listing).rejects.toThrow(InputError);
      await expect(listing).rejects.toThrow(
        /^entityRef ".*" is not an entity ref: /,
      );
    },
  );
});
