import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { component } from '../__testUtils__/entities';
import { countingCatalog } from '../__testUtils__/countingCatalog';
import { REFS_PER_CATALOG_REQUEST } from '../lib/CatalogVisibility';
import { EntityCatalog, entitiesInCatalog } from './entitiesInCatalog';

const auth = mockServices.auth({ pluginId: 'stewardship' });

type GetEntitiesByRefsRequest = Parameters<
  CatalogService['getEntitiesByRefs']
>[0];

/** `catalog` with every by-refs request it is sent recorded. */
function recording(catalog: CatalogService) {
  const requests: GetEntitiesByRefsRequest[] = [];
  const recorded = {
    getEntitiesByRefs: (
      request: GetEntitiesByRefsRequest,
      options: { credentials: never },
    ) => {
      requests.push(request);
      return catalog.getEntitiesByRefs(request, options);
    },
  } as unknown as CatalogService;
  return { catalog: recorded, requests };
}

function entityCatalog(
  catalog: CatalogService,
  timeoutMs = 5000,
): EntityCatalog {
  return { catalog, auth, timeoutMs };
}

describe('entitiesInCatalog', () => {
  it('finds entities whatever the case of either spelling, in one request with the fields it needs', async () => {
    const { catalog, probe } = countingCatalog([
      component('Checkout-API'),
      component('billing'),
    ]);
    const { catalog: recorded, requests } = recording(catalog);

    const found = await entitiesInCatalog(entityCatalog(recorded), [
      'component:default/checkout-api',
      'Component:Default/CHECKOUT-API',
      'component:default/gone',
    ]);

    expect([...found]).toEqual(['component:default/checkout-api']);
    expect(probe.refsReads).toBe(1);
    // Each entity asked for once, in the form the catalog stores refs in.
    expect(requests).toEqual([
      {
        entityRefs: [
          'component:default/checkout-api',
          'component:default/gone',
        ],
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
    ]);
  });

  it('asks with the plugin’s own credentials', async () => {
    // Shown only to Stewardship's own identity: another caller's would find nothing.
    const { catalog } = countingCatalog(
      [component('checkout')],
      (_entity, credentials) => {
        const principal = credentials.principal as {
          type: string;
          subject?: string;
        };
        return (
          principal.type === 'service' &&
          principal.subject === 'plugin:stewardship'
        );
      },
    );
    const found = await entitiesInCatalog(entityCatalog(catalog), [
      'component:default/checkout',
    ]);
    expect([...found]).toEqual(['component:default/checkout']);
  });

  it('asks in chunks of REFS_PER_CATALOG_REQUEST refs', async () => {
    const names = Array.from(
      { length: 2 * REFS_PER_CATALOG_REQUEST + 1 },
      (_, i) => `c-${i}`,
    );
    // Every third exists.
    const existing = names.filter((_, i) => i % 3 === 0);
    const { catalog, probe } = countingCatalog(existing.map(n => component(n)));
    const { catalog: recorded, requests } = recording(catalog);

    const found = await entitiesInCatalog(
      entityCatalog(recorded),
      names.map(n => `component:default/${n}`),
    );

    expect(requests.map(r => r.entityRefs.length)).toEqual([
      REFS_PER_CATALOG_REQUEST,
      REFS_PER_CATALOG_REQUEST,
      1,
    ]);
    expect(probe.refsReads).toBe(3);
    expect([...found].sort()).toEqual(
      existing.map(n => `component:default/${n}`).sort(),
    );

    // Exactly one chunk's worth: one request.
    probe.refsReads = 0;
    await entitiesInCatalog(
      entityCatalog(catalog),
      names
        .slice(0, REFS_PER_CATALOG_REQUEST)
        .map(n => `component:default/${n}`),
    );
    expect(probe.refsReads).toBe(1);
  });

  it('does not ask for no refs', async () => {
    const { catalog, probe } = countingCatalog([component('checkout')]);
    expect(await entitiesInCatalog(entityCatalog(catalog), [])).toEqual(
      new Set(),
    );
    expect(probe.refsReads).toBe(0);
  });

  it('gives up on a catalog that does not answer in time', async () => {
    const { catalog, probe } = countingCatalog([component('checkout')]);
    probe.refsGate = new Promise(() => {});
    await expect(
      entitiesInCatalog(entityCatalog(catalog, 50), [
        'component:default/checkout',
      ]),
    ).rejects.toThrow('the catalog did not answer within 50 ms');
  });

  it('stops waiting, with the signal’s reason, when the run is aborted', async () => {
    const { catalog, probe } = countingCatalog([component('checkout')]);
    probe.refsGate = new Promise(() => {});
    const abort = new AbortController();
    const read = entitiesInCatalog(
      entityCatalog(catalog),
      ['component:default/checkout'],
      abort.signal,
    );
    const reason = new Error('the scheduler timed the run out');
    const abortedAt = Date.now();
    abort.abort(reason);
    await expect(read).rejects.toBe(reason);
    expect(Date.now() - abortedAt).toBeLessThan(1000);
  });
});
