import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  EntityOwnership,
  OwnershipStatus,
  SloOverview,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createStewardshipFactRetriever } from './stewardshipFactRetriever';

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

function ownership(
  ref: string,
  statuses: [OwnershipStatus, OwnershipStatus, OwnershipStatus],
  compliant: boolean,
  applies = true,
): EntityOwnership {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    entityRef: ref,
    kind,
    namespace,
    name,
    applies,
    compliant,
    roles: (['business', 'product', 'engineering'] as const).map((role, i) => ({
      role,
      required: applies,
      status: statuses[i],
      annotation: `stewardship.io/${role}-owner`,
    })),
  };
}

const ownerships: Record<string, EntityOwnership> = {
  'component/default/cart': ownership(
    'component:default/cart',
    ['ok', 'exempt', 'ok'],
    true,
  ),
  'component/default/checkout': ownership(
    'component:default/checkout',
    ['ok', 'unresolved', 'missing'],
    false,
  ),
  'system/default/shop': ownership(
    'system:default/shop',
    ['missing', 'missing', 'missing'],
    true,
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
  const authHeaders = new Map<string, Set<string | null>>();
  const record = (plugin: string, request: Request) => {
    const set = authHeaders.get(plugin) ?? new Set();
    set.add(request.headers.get('authorization'));
    authHeaders.set(plugin, set);
  };

  beforeEach(() => {
    catalogRequests.length = 0;
    ownershipRequests.length = 0;
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
      // Two evaluations a page whatever the limit, to prove the retriever follows the offsets.
      http.get(`${stewardshipUrl}/ownership/evaluations`, ({ request }) => {
        record('stewardship', request);
        const url = new URL(request.url);
        ownershipRequests.push(url.search);
        const offset = Number(url.searchParams.get('offset'));
        const all = Object.values(ownerships);
        return HttpResponse.json({
          evaluatedAt: '2026-11-30T12:00:00.000Z',
          items: all.slice(offset, offset + 2),
          totalCount: all.length,
          offset,
          limit: Number(url.searchParams.get('limit')),
        });
      }),
    );
  });

  const run = (config: object = {}) => {
    const retriever = createStewardshipFactRetriever();
    return retriever.handler({
      config: mockServices.rootConfig({ data: config }),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      auth: mockServices.auth({ pluginId: 'tech-insights' }),
      urlReader: mockServices.urlReader.mock(),
      entityFilter: retriever.entityFilter,
    });
  };

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
        ownershipCompliant: false,
        hasSlo: false,
        sloCount: 0,
        worstSloStatus: null,
        lowestErrorBudgetRemaining: null,
      },
      'system:default/shop': {
        ownershipApplies: false,
        businessOwnerStatus: 'missing',
        productOwnerStatus: 'missing',
        engineeringOwnerStatus: 'missing',
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
    // First page carries the filter and fields; the second only the cursor.
    expect(catalogRequests[0].searchParams.getAll('filter')).toEqual([
      'kind=component,kind=api,kind=system,kind=domain',
    ]);
    expect(catalogRequests[0].searchParams.get('fields')).toBe(
      'kind,metadata.namespace,metadata.name',
    );
    expect(catalogRequests[1].searchParams.get('cursor')).toBe('page-2');
    expect(catalogRequests[1].searchParams.getAll('filter')).toEqual([]);
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

  it('leaves out an entity Stewardship has not evaluated (yet)', async () => {
    const added = {
      kind: 'Component',
      metadata: { namespace: 'default', name: 'added-a-moment-ago' },
    };
    catalogPages[1].push(added);
    try {
      const facts = byRef(await run());
      expect(Object.keys(facts).sort()).toEqual(
        [
          'component:default/cart',
          'component:default/checkout',
          'domain:default/commerce',
          'system:default/shop',
        ].sort(),
      );
    } finally {
      catalogPages[1].pop();
    }
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
