import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  AttestationState,
  EntityOwnership,
  OwnershipStatus,
  SloOverview,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createStewardshipFactRetriever,
  retrieveFacts,
} from './stewardshipFactRetriever';

// mockServices.discovery() answers http://localhost:0/api/<plugin>; msw serves both plugins.
const catalogUrl = 'http://localhost:0/api/catalog';
const stewardshipUrl = 'http://localhost:0/api/stewardship';

const tokenFor = (targetPluginId: string) =>
  `Bearer ${mockCredentials.service.token({
    onBehalfOf: mockCredentials.service('plugin:tech-insights'),
    targetPluginId,
  })}`;

/** The catalog in two pages, to prove the retriever follows the cursor. */
const catalogPages = [
  [
    { kind: 'Component', metadata: { namespace: 'default', name: 'cart' } },
    { kind: 'Component', metadata: { namespace: 'default', name: 'checkout' } },
  ],
  [
    { kind: 'System', metadata: { namespace: 'default', name: 'shop' } },
    { kind: 'Domain', metadata: { name: 'commerce' } },
  ],
];

/**
 * A covered entity's evaluation, as `GET /ownership/evaluations` lists it; its roles carry an
 * attestation only when `attestations` is given (a Stewardship that evaluates none sends none).
 */
function ownership(
  ref: string,
  statuses: [OwnershipStatus, OwnershipStatus, OwnershipStatus],
  compliant: boolean,
  attestations?: [AttestationState, AttestationState, AttestationState],
): EntityOwnership {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    entityRef: ref,
    kind,
    namespace,
    name,
    applies: true,
    compliant,
    roles: (['business', 'product', 'engineering'] as const).map((role, i) => ({
      role,
      required: true,
      status: statuses[i],
      annotation: `stewardship.io/${role}-owner`,
      ...(attestations && { attestation: { state: attestations[i] } }),
    })),
  };
}

/**
 * What `GET /ownership/evaluations` lists: only the entities `stewardship.ownership.appliesTo`
 * covers (here Component and Domain); the System `shop` is outside it, so not listed.
 */
const ownerships: Record<string, EntityOwnership> = {
  'component/default/cart': ownership(
    'component:default/cart',
    ['ok', 'exempt', 'ok'],
    true,
    ['current', 'stale', 'none'],
  ),
  'component/default/checkout': ownership(
    'component:default/checkout',
    ['ok', 'unresolved', 'missing'],
    false,
  ),
  'domain/default/commerce': ownership(
    'domain:default/commerce',
    ['ok', 'ok', 'ok'],
    true,
  ),
};

function slo(
  entityRef: string,
  name: string,
  fields: Partial<SloOverviewItem>,
): SloOverviewItem {
  return {
    sloId: `${entityRef}-${name}`,
    name,
    entityRef,
    stale: false,
    brokenSli: false,
    objective: 0.999,
    metricSource: 'prometheus',
    ...fields,
  };
}

const sloItems: SloOverviewItem[] = [
  slo('component:default/cart', 'availability', {
    status: 'healthy',
    budgetRemaining: 0.82,
  }),
  slo('component:default/cart', 'latency', {
    status: 'at-risk',
    budgetRemaining: 0.31,
  }),
  // Stale: the last stored status (exhausted) is not current, so it counts as stale.
  slo('component:default/cart', 'errors', {
    status: 'exhausted',
    stale: true,
    budgetRemaining: -0.2,
  }),
  // Never evaluated: no status and no budget.
  slo('system:default/shop', 'journey', { stale: true }),
];

const overview: SloOverview = {
  at: '2026-11-30T12:00:00.000Z',
  stalenessSeconds: 600,
  catalogReadAt: '2026-11-30T11:59:40.000Z',
  catalogAgeSeconds: 20,
  items: sloItems,
  coverage: {
    entitiesInScope: 3,
    entitiesWithSlo: 2,
    entitiesWithoutSlo: [{ entityRef: 'component:default/checkout' }],
    brokenSlis: 0,
    staleEvaluations: 2,
    slos: 4,
  },
  facets: { owners: [], systems: [] },
};

describe('createStewardshipFactRetriever', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const catalogRequests: URL[] = [];
  const ownershipRequests: string[] = [];
  /** Refs read one by one through the entity route, and answers that replace the default. */
  const aloneRequests: string[] = [];
  const aloneOverrides = new Map<string, EntityOwnership>();
  /** The stand-in evaluation's evaluatedAt: set when its first page is asked for. */
  let evaluatedAt: string | undefined;
  const authHeaders = new Map<string, Set<string | null>>();
  const record = (plugin: string, request: Request) => {
    const set = authHeaders.get(plugin) ?? new Set();
    set.add(request.headers.get('authorization'));
    authHeaders.set(plugin, set);
  };

  beforeEach(() => {
    catalogRequests.length = 0;
    ownershipRequests.length = 0;
    aloneRequests.length = 0;
    aloneOverrides.clear();
    evaluatedAt = undefined;
    authHeaders.clear();
    server.use(
      http.get(`${catalogUrl}/entities/by-query`, ({ request }) => {
        record('catalog', request);
        const url = new URL(request.url);
        catalogRequests.push(url);
        const second = url.searchParams.get('cursor') === 'page-2';
        return HttpResponse.json({
          items: catalogPages[second ? 1 : 0],
          totalItems: 4,
          pageInfo: second ? {} : { nextCursor: 'page-2' },
        });
      }),
      http.get(`${stewardshipUrl}/slos/overview`, ({ request }) => {
        record('stewardship', request);
        return HttpResponse.json(overview);
      }),
      // One entity's ownership, fresh: the entity route answers every catalog entity (applies
      // false outside appliesTo), those in `aloneOverrides` as given, and 404 for the others.
      http.get(
        `${stewardshipUrl}/entities/:kind/:namespace/:name/ownership`,
        ({ request, params }) => {
          record('stewardship', request);
          const ref = `${params.kind}:${params.namespace}/${params.name}`;
          aloneRequests.push(ref);
          if (aloneOverrides.has(ref)) {
            return HttpResponse.json(aloneOverrides.get(ref));
          }
          if (ref === 'system:default/shop') {
            return HttpResponse.json({
              ...ownership(ref, ['missing', 'missing', 'missing'], true),
              applies: false,
            });
          }
          return HttpResponse.json(
            { error: { name: 'NotFoundError', message: `No entity ${ref}` } },
            { status: 404 },
          );
        },
      ),
      // Two evaluations a page whatever the limit, to prove the retriever follows the offsets.
      http.get(`${stewardshipUrl}/ownership/evaluations`, ({ request }) => {
        record('stewardship', request);
        const url = new URL(request.url);
        ownershipRequests.push(url.search);
        const offset = Number(url.searchParams.get('offset'));
        const all = Object.values(ownerships);
        evaluatedAt ??= new Date().toISOString();
        return HttpResponse.json({
          evaluatedAt,
          items: all.slice(offset, offset + 2),
          totalCount: all.length,
          offset,
          limit: Number(url.searchParams.get('limit')),
        });
      }),
    );
  });

  const context = (config: object = {}): FactRetrieverContext => ({
    config: mockServices.rootConfig({ data: config }),
    discovery: mockServices.discovery(),
    logger: mockServices.logger.mock(),
    auth: mockServices.auth({ pluginId: 'tech-insights' }),
    urlReader: mockServices.urlReader.mock(),
    entityFilter: createStewardshipFactRetriever().entityFilter,
  });
  const run = (config: object = {}) =>
    createStewardshipFactRetriever().handler(context(config));

  const byRef = (facts: Awaited<ReturnType<typeof run>>) =>
    Object.fromEntries(
      facts.map(f => [
        `${f.entity.kind}:${f.entity.namespace}/${f.entity.name}`,
        f.facts,
      ]),
    );

  it('publishes every entity’s ownership and SLO facts', async () => {
    const facts = byRef(await run());

    // Expected SLO figures, worked out by hand from the fixture above: cart's SLOs are healthy
    // (0.82), at-risk (0.31) and stale (-0.2, last status exhausted); shop's only SLO was never
    // evaluated; checkout and commerce have none.
    expect(facts).toEqual({
      'component:default/cart': {
        ownershipApplies: true,
        businessOwnerStatus: 'ok',
        productOwnerStatus: 'exempt',
        engineeringOwnerStatus: 'ok',
        // Each role's attestation state as Stewardship sent it.
        businessOwnerAttestation: 'current',
        productOwnerAttestation: 'stale',
        engineeringOwnerAttestation: 'none',
        ownershipCompliant: true,
        hasSlo: true,
        sloCount: 3,
        worstSloStatus: 'at-risk',
        lowestErrorBudgetRemaining: -0.2,
      },
      'component:default/checkout': {
        ownershipApplies: true,
        businessOwnerStatus: 'ok',
        productOwnerStatus: 'unresolved',
        engineeringOwnerStatus: 'missing',
        // Its roles carry no attestation (none evaluated): not applicable.
        businessOwnerAttestation: null,
        productOwnerAttestation: null,
        engineeringOwnerAttestation: null,
        ownershipCompliant: false,
        hasSlo: false,
        sloCount: 0,
        worstSloStatus: null,
        lowestErrorBudgetRemaining: null,
      },
      // Outside appliesTo, so not in the evaluations: not covered, compliant, no role statuses,
      // and its SLO facts all the same.
      'system:default/shop': {
        ownershipApplies: false,
        businessOwnerStatus: null,
        productOwnerStatus: null,
        engineeringOwnerStatus: null,
        businessOwnerAttestation: null,
        productOwnerAttestation: null,
        engineeringOwnerAttestation: null,
        ownershipCompliant: true,
        hasSlo: true,
        sloCount: 1,
        worstSloStatus: 'stale',
        lowestErrorBudgetRemaining: null,
      },
      'domain:default/commerce': {
        ownershipApplies: true,
        businessOwnerStatus: 'ok',
        productOwnerStatus: 'ok',
        engineeringOwnerStatus: 'ok',
        businessOwnerAttestation: null,
        productOwnerAttestation: null,
        engineeringOwnerAttestation: null,
        ownershipCompliant: true,
        hasSlo: false,
        sloCount: 0,
        worstSloStatus: null,
        lowestErrorBudgetRemaining: null,
      },
    });
  });

  it('ranks exhausted worst, then at-risk, no-data, stale, healthy', async () => {
    overview.items = [
      slo('component:default/cart', 'a', { status: 'healthy' }),
      slo('component:default/cart', 'b', { status: 'no-data' }),
      slo('component:default/checkout', 'a', { stale: true }),
      slo('component:default/checkout', 'b', {
        status: 'exhausted',
        budgetRemaining: 0,
      }),
      slo('domain:default/commerce', 'a', { status: 'healthy' }),
    ];
    try {
      const facts = byRef(await run());
      expect(facts['component:default/cart'].worstSloStatus).toBe('no-data');
      expect(facts['component:default/checkout'].worstSloStatus).toBe(
        'exhausted',
      );
      expect(
        facts['component:default/checkout'].lowestErrorBudgetRemaining,
      ).toBe(0);
      expect(facts['domain:default/commerce'].worstSloStatus).toBe('healthy');
    } finally {
      overview.items = sloItems;
    }
  });

  it('asks the catalog for the configured kinds, with a service token per plugin', async () => {
    await run();
    // The first page carries the filter, the second the cursor (which holds the filter).
    expect(catalogRequests[0].searchParams.getAll('filter')).toEqual([
      'kind=component,kind=api,kind=system,kind=domain',
    ]);
    expect(catalogRequests[1].searchParams.get('cursor')).toBe('page-2');
    expect(catalogRequests[1].searchParams.getAll('filter')).toEqual([]);
    // Every page asks for the ref fields only: the cursor does not carry them.
    expect(catalogRequests).toHaveLength(2);
    for (const request of catalogRequests) {
      expect(request.searchParams.get('fields')).toBe(
        'kind,metadata.namespace,metadata.name',
      );
    }
    expect([...authHeaders.get('catalog')!]).toEqual([tokenFor('catalog')]);
    expect([...authHeaders.get('stewardship')!]).toEqual([
      tokenFor('stewardship'),
    ]);
    // The evaluations page by page, whatever the catalog's size.
    expect(ownershipRequests).toEqual([
      '?offset=0&limit=1000',
      '?offset=2&limit=1000',
    ]);
  });

  it('reads each entity the evaluation leaves out on its own: not covered, new since, or gone', async () => {
    // `shop` is outside appliesTo; `added` was created after Stewardship's cached evaluation (the
    // entity route finds it, covered); `deleted` left the catalog after the listing (404).
    const added = {
      kind: 'Component',
      metadata: { namespace: 'default', name: 'added' },
    };
    const deleted = {
      kind: 'Component',
      metadata: { namespace: 'default', name: 'deleted' },
    };
    aloneOverrides.set(
      'component:default/added',
      ownership('component:default/added', ['ok', 'ok', 'missing'], false),
    );
    catalogPages[1].push(added, deleted);
    try {
      const facts = byRef(await run());
      expect(aloneRequests.sort()).toEqual([
        'component:default/added',
        'component:default/deleted',
        'system:default/shop',
      ]);
      expect(facts['system:default/shop']).toMatchObject({
        ownershipApplies: false,
        ownershipCompliant: true,
        businessOwnerStatus: null,
      });
      expect(facts['component:default/added']).toMatchObject({
        ownershipApplies: true,
        ownershipCompliant: false,
        engineeringOwnerStatus: 'missing',
      });
      expect(facts['component:default/deleted']).toBeUndefined();
      // Those in the evaluation are not read again.
      expect(Object.keys(facts)).toHaveLength(5);
    } finally {
      catalogPages[1].splice(-2, 2);
    }
  });

  describe('when the evaluation changes between pages', () => {
    /** evaluatedAt of each page served, in order; the last one repeats. */
    const serveChanging = (stamps: string[]) => {
      let served = 0;
      server.use(
        http.get(`${stewardshipUrl}/ownership/evaluations`, ({ request }) => {
          const url = new URL(request.url);
          ownershipRequests.push(url.search);
          const offset = Number(url.searchParams.get('offset'));
          const all = Object.values(ownerships);
          return HttpResponse.json({
            evaluatedAt: stamps[Math.min(served++, stamps.length - 1)],
            items: all.slice(offset, offset + 2),
            totalCount: all.length,
            offset,
            limit: 1000,
          });
        }),
      );
    };
    const inAMinute = (n: number) =>
      new Date(Date.now() + n * 60_000).toISOString();

    it('starts over once, from the new evaluation', async () => {
      const [first, second] = [inAMinute(1), inAMinute(2)];
      serveChanging([first, second]);
      const facts = byRef(await run());
      expect(ownershipRequests).toEqual([
        '?offset=0&limit=1000',
        '?offset=2&limit=1000',
        '?offset=0&limit=1000',
        '?offset=2&limit=1000',
      ]);
      expect(Object.keys(facts)).toHaveLength(4);
      expect(facts['domain:default/commerce'].ownershipApplies).toBe(true);
    });

    it('fails the run when it changes again', async () => {
      serveChanging([inAMinute(1), inAMinute(2), inAMinute(2), inAMinute(3)]);
      await expect(run()).rejects.toThrow(
        /ownership evaluation changed while GET \/ownership\/evaluations was read page by page, twice/,
      );
      expect(ownershipRequests).toHaveLength(4);
    });
  });

  it('gives up on a request that never gets an answer', async () => {
    server.use(
      http.get(`${stewardshipUrl}/slos/overview`, async () => {
        await delay('infinite');
        return HttpResponse.json(overview);
      }),
    );
    const started = Date.now();
    await expect(
      retrieveFacts(context(), { requestTimeoutMs: 200 }),
    ).rejects.toThrow(
      'GET http://localhost:0/api/stewardship/slos/overview did not answer within 200 ms',
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails the run when Stewardship fails, rather than publishing partial facts', async () => {
    server.use(
      http.get(`${stewardshipUrl}/slos/overview`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'database down' } },
          { status: 503 },
        ),
      ),
    );
    await expect(run()).rejects.toThrow(/503/);
  });

  it('fails the run when a page of evaluations fails, rather than publishing partial facts', async () => {
    server.use(
      http.get(`${stewardshipUrl}/ownership/evaluations`, ({ request }) =>
        new URL(request.url).searchParams.get('offset') === '0'
          ? HttpResponse.json({
              evaluatedAt: '2026-11-30T12:00:00.000Z',
              items: Object.values(ownerships).slice(0, 2),
              totalCount: 4,
              offset: 0,
              limit: 1000,
            })
          : HttpResponse.json(
              { error: { name: 'Error', message: 'boom' } },
              { status: 500 },
            ),
      ),
    );
    await expect(run()).rejects.toThrow(/500/);
  });
});
