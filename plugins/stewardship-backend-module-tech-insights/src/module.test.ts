/*
 * The module for real inside the tech-insights backend: the Stewardship backend (SQLite), the
 * tech-insights backend with the jsonfc checker, and this module, started together. SLOs, an
 * evaluation and an exemption are made through Stewardship's API; the retriever runs as the
 * tech-insights backend schedules it (triggered now instead of waiting for its cron) and the
 * facts and check results are read back through the tech-insights API.
 *
 * Test doubles: the catalog (Stewardship reads it through catalogServiceMock, the retriever
 * lists it over HTTP from a small stand-in 'catalog' plugin serving the same entities), and a
 * metric source returning a constant error rate (added through Stewardship's extension point).
 */
import {
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  coreServices,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { stewardshipMetricSourcesExtensionPoint } from '@stewardship/backstage-plugin-stewardship-node';
// The real Stewardship plugin is what this test is about; production code never imports it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import stewardshipPlugin from '@stewardship/backstage-plugin-stewardship-backend';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import jsonfcModule from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { AddressInfo } from 'node:net';
import techInsightsModuleStewardship from '.';

/**
 * Each plugin its own in-memory SQLite, closed after the tests: startTestBackend's default
 * database service closes no connection when the backend stops, and the knex pools' timers keep
 * the Jest worker from exiting. Created one at a time, as TestDatabases.init is not safe to call
 * concurrently (see stewardship-backend's `__testUtils__/testDatabases.ts`).
 */
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
let previousInit: Promise<unknown> = Promise.resolve();
const testDatabase = createServiceFactory({
  service: coreServices.database,
  deps: {},
  async factory() {
    const knex = previousInit.then(() => databases.init('SQLITE_3'));
    previousInit = knex.catch(() => undefined);
    return mockServices.database({ knex: await knex });
  },
});

const ROLE = (role: string) => `stewardship.io/${role}-owner`;
const allRoles = (ref: string) =>
  Object.fromEntries(
    ['business', 'product', 'engineering'].map(r => [ROLE(r), ref]),
  );

const component = (
  name: string,
  annotations: Record<string, string> = {},
  type = 'service',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type,
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/jane' }],
  },
  {
    apiVersion: 'backstage.io/v1',
    kind: 'User',
    metadata: { name: 'jane', namespace: 'default' },
    spec: { memberOf: ['group:default/payments'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
  },
  // Every role held: compliant.
  component('cart', allRoles('group:default/payments')),
  // No product owner; an exemption is granted below, which makes it compliant.
  component('checkout', {
    [ROLE('business')]: 'user:default/jane',
    [ROLE('engineering')]: 'group:default/payments',
  }),
  // No role at all, no SLO.
  component('legacy'),
  // A website: outside an appliesTo narrowed to services (second describe), with an SLO there.
  component('storefront', {}, 'website'),
];

/** The constant source's error rate: 5 bad events per 1000. */
const ERRORS_PER_MILLE = 5;
const errorRate = ERRORS_PER_MILLE / 1000;
/** Budget remaining by the SRE formula, 1 − error rate / (1 − objective), for the expectations. */
const remaining = (objective: number) => 1 - errorRate / (1 - objective);

const constantSource = createBackendModule({
  pluginId: 'stewardship',
  moduleId: 'constant-metric-source',
  register(env) {
    env.registerInit({
      deps: { sources: stewardshipMetricSourcesExtensionPoint },
      async init({ sources }) {
        sources.addMetricSourceFactory({
          type: 'constant',
          create: () => ({
            async countEvents({ windows }) {
              return {
                counts: Object.fromEntries(
                  windows.map(w => [
                    w.key,
                    { good: 1000 - ERRORS_PER_MILLE, total: 1000 },
                  ]),
                ),
                issuedQueries: [],
              };
            },
            async countEventsPerSlice() {
              return { slices: [], issuedQueries: [] };
            },
          }),
        });
      },
    });
  },
});

/** Serves `GET /api/catalog/entities/by-query` from `entities` (kind filters, one page). */
const catalogHttp = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req: any, res: any, next: any) => {
          if (req.method !== 'GET' || req.path !== '/entities/by-query') {
            next();
            return;
          }
          const kinds = [req.query.filter ?? []]
            .flat()
            .flatMap((f: string) => f.split(','))
            .map((pair: string) => pair.split('='))
            .filter(([key]: string[]) => key === 'kind')
            .map(([, value]: string[]) => value.toLocaleLowerCase('en-US'));
          res.json({
            items: entities.filter(e =>
              kinds.includes(e.kind.toLocaleLowerCase('en-US')),
            ),
            totalItems: 0,
            pageInfo: {},
          });
        });
      },
    });
  },
});

/** Hands the tech-insights plugin's scheduler to the test, which runs the retriever's task. */
const schedulerProbe = (capture: (scheduler: SchedulerService) => void) =>
  createBackendModule({
    pluginId: 'tech-insights',
    moduleId: 'test-scheduler-probe',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          capture(scheduler);
        },
      });
    },
  });

const checks = {
  ownersComplete: {
    type: 'json-rules-engine',
    name: 'Owners complete',
    description: 'Every required ownership role is held or exempt',
    factIds: ['stewardshipFactRetriever'],
    rule: {
      conditions: {
        all: [{ fact: 'ownershipCompliant', operator: 'equal', value: true }],
      },
    },
  },
  hasSlo: {
    type: 'json-rules-engine',
    name: 'Has an SLO',
    description: 'At least one SLO is defined',
    factIds: ['stewardshipFactRetriever'],
    rule: {
      conditions: {
        all: [{ fact: 'hasSlo', operator: 'equal', value: true }],
      },
    },
  },
  budgetNotExhausted: {
    type: 'json-rules-engine',
    name: 'Error budget left',
    description: 'Every SLO has error budget left',
    factIds: ['stewardshipFactRetriever'],
    rule: {
      conditions: {
        all: [
          {
            fact: 'lowestErrorBudgetRemaining',
            operator: 'greaterThan',
            value: 0,
          },
        ],
      },
    },
  },
  businessOwnerConfirmed: {
    type: 'json-rules-engine',
    name: 'Business owner confirmed',
    description: 'The business owner is held and its holder confirmed it',
    factIds: ['stewardshipFactRetriever'],
    rule: {
      conditions: {
        all: [
          { fact: 'businessOwnerStatus', operator: 'equal', value: 'ok' },
          {
            fact: 'businessOwnerAttestation',
            operator: 'equal',
            value: 'current',
          },
        ],
      },
    },
  },
};

/** The backend under test, with Stewardship's config; the test calls its API as jane. */
async function startBackend(stewardshipConfig: object = {}) {
  /** The tech-insights plugin's scheduler, captured by `schedulerProbe`. */
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      testDatabase,
      stewardshipPlugin,
      constantSource,
      catalogServiceMock.factory({ entities }),
      catalogHttp,
      techInsightsPlugin,
      jsonfcModule,
      techInsightsModuleStewardship,
      // The tasks run when the test triggers them, not at startup.
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      schedulerProbe(s => {
        scheduler = s;
      }),
      mockServices.rootConfig.factory({
        data: {
          stewardship: {
            metricSources: { steady: { type: 'constant' } },
            ...stewardshipConfig,
          },
          techInsights: {
            factRetrievers: {
              stewardshipFactRetriever: {
                cadence: '*/5 * * * *',
                lifecycle: { timeToLive: { weeks: 2 } },
              },
            },
            factChecker: { checks },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;
  const asJane = mockCredentials.user.header('user:default/jane');

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: asJane,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    };
  };

  /** Defines an availability SLO on the constant source and evaluates it. */
  const createEvaluatedSlo = async (entityRef: string, objective: number) => {
    const created = await call('POST', '/api/stewardship/slos', {
      entityRef,
      name: 'availability',
      sli: { type: 'ratio', good: 'ok', total: 'all' },
      objective,
      timeWindow: { type: 'rolling', duration: '30d' },
      metricSource: 'steady',
    });
    expect(created.status).toBe(201);
    const evaluated = await call(
      'POST',
      `/api/stewardship/slos/${created.body.id}/evaluate`,
    );
    expect(evaluated.status).toBe(200);
  };

  const factsOf = async (name: string) => {
    const res = await call(
      'GET',
      `/api/tech-insights/facts/latest?entity=component:default/${name}&ids[]=stewardshipFactRetriever`,
    );
    expect(res.status).toBe(200);
    return res.body.stewardshipFactRetriever?.facts;
  };

  const verdicts = async (name: string) => {
    const res = await call(
      'POST',
      `/api/tech-insights/checks/run/default/component/${name}`,
      {},
    );
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.map((r: any) => [r.check.id, r.result]));
  };

  return {
    call,
    createEvaluatedSlo,
    factsOf,
    verdicts,
    runRetriever: () => scheduler!.triggerTask('stewardshipFactRetriever'),
    stop: () => backend.stop(),
  };
}

describe('the Stewardship fact retriever in the tech-insights backend', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    backend = await startBackend();
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('publishes facts Stewardship computes and the checks judge them', async () => {
    const { call, createEvaluatedSlo, factsOf, verdicts } = backend;
    // cart: 99 % (budget left); checkout: 99.9 % (the 0.5 % error rate overspends it).
    const objectives = { cart: 0.99, checkout: 0.999 };
    for (const [name, objective] of Object.entries(objectives)) {
      await createEvaluatedSlo(`component:default/${name}`, objective);
    }
    const exemption = await call(
      'POST',
      '/api/stewardship/entities/component/default/checkout/ownership/exemptions',
      {
        role: 'product',
        reason: 'Product owner being hired',
        expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      },
    );
    expect(exemption.status).toBe(201);

    await backend.runRetriever();

    const cart = await factsOf('cart');
    expect(cart).toMatchObject({
      ownershipApplies: true,
      businessOwnerStatus: 'ok',
      productOwnerStatus: 'ok',
      engineeringOwnerStatus: 'ok',
      ownershipCompliant: true,
      hasSlo: true,
      sloCount: 1,
      // 1 − 0.005 / 0.01 = 0.5 > 0 and no alert fires at this burn rate.
      worstSloStatus: 'healthy',
    });
    expect(cart.lowestErrorBudgetRemaining).toBeCloseTo(remaining(0.99), 9);

    const checkout = await factsOf('checkout');
    expect(checkout).toMatchObject({
      businessOwnerStatus: 'ok',
      productOwnerStatus: 'exempt',
      engineeringOwnerStatus: 'ok',
      ownershipCompliant: true,
      hasSlo: true,
      worstSloStatus: 'exhausted',
    });
    // 1 − 0.005 / 0.001 = −4: overspent four budgets over.
    expect(checkout.lowestErrorBudgetRemaining).toBeCloseTo(
      remaining(0.999),
      9,
    );

    expect(await factsOf('legacy')).toEqual({
      ownershipApplies: true,
      businessOwnerStatus: 'missing',
      productOwnerStatus: 'missing',
      engineeringOwnerStatus: 'missing',
      // Stewardship evaluates attestations; nobody confirmed these roles.
      businessOwnerAttestation: 'none',
      productOwnerAttestation: 'none',
      engineeringOwnerAttestation: 'none',
      ownershipCompliant: false,
      hasSlo: false,
      sloCount: 0,
      worstSloStatus: null,
      lowestErrorBudgetRemaining: null,
    });

    // Nobody has confirmed an owner yet.
    expect(await verdicts('cart')).toEqual({
      ownersComplete: true,
      hasSlo: true,
      budgetNotExhausted: true,
      businessOwnerConfirmed: false,
    });
    expect(await verdicts('checkout')).toEqual({
      ownersComplete: true,
      hasSlo: true,
      budgetNotExhausted: false,
      businessOwnerConfirmed: false,
    });
    // A null budget (no SLO) fails the comparison instead of skipping the check.
    expect(await verdicts('legacy')).toEqual({
      ownersComplete: false,
      hasSlo: false,
      budgetNotExhausted: false,
      businessOwnerConfirmed: false,
    });
  });

  it("publishes each role's attestation as the Ownership tab shows it", async () => {
    const { call, factsOf, verdicts } = backend;
    // jane belongs to group:payments, which holds every role of cart: she confirms one of them.
    const attested = await call(
      'POST',
      '/api/stewardship/entities/component/default/cart/ownership/attestations',
      { role: 'business' },
    );
    expect(attested.status).toBe(201);

    await backend.runRetriever();

    expect(await factsOf('cart')).toMatchObject({
      businessOwnerStatus: 'ok',
      businessOwnerAttestation: 'current',
      productOwnerAttestation: 'none',
      engineeringOwnerAttestation: 'none',
    });
    // Attesting changes no status: cart stays compliant, and now passes the confirmation check.
    expect(await verdicts('cart')).toEqual({
      ownersComplete: true,
      hasSlo: true,
      budgetNotExhausted: true,
      businessOwnerConfirmed: true,
    });

    // The published schema describes exactly the facts published, at the minor version that
    // added the attestations.
    const schemas = await call(
      'GET',
      '/api/tech-insights/fact-schemas?ids[]=stewardshipFactRetriever',
    );
    expect(schemas.status).toBe(200);
    // tech-insights serves a schema's facts beside its id, version and entity filter.
    const [{ id, version, entityFilter, ...schema }] = schemas.body;
    expect(version).toBe('1.2.0');
    expect(Object.keys(schema).sort()).toEqual(
      Object.keys(await factsOf('cart')).sort(),
    );
  });
});

describe("with an ownership policy narrower than the retriever's entity filter", () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    backend = await startBackend({
      ownership: { appliesTo: [{ kind: 'component', type: 'service' }] },
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('still publishes facts for an entity outside appliesTo, with ownershipApplies false', async () => {
    const { createEvaluatedSlo, factsOf, verdicts } = backend;
    // storefront is a website: GET /ownership/evaluations leaves it out (the policy covers
    // services only), yet the retriever targets it (every component) and it has an SLO.
    await createEvaluatedSlo('component:default/storefront', 0.99);

    await backend.runRetriever();

    const storefront = await factsOf('storefront');
    expect(storefront).toEqual({
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
      worstSloStatus: 'healthy',
      lowestErrorBudgetRemaining: expect.any(Number),
    });
    expect(storefront.lowestErrorBudgetRemaining).toBeCloseTo(
      remaining(0.99),
      9,
    );
    // Its checks run rather than being skipped for want of facts.
    expect(await verdicts('storefront')).toEqual({
      ownersComplete: true,
      hasSlo: true,
      budgetNotExhausted: true,
      businessOwnerConfirmed: false,
    });
    // A service is still evaluated as before.
    expect(await factsOf('legacy')).toMatchObject({
      ownershipApplies: true,
      businessOwnerStatus: 'missing',
      ownershipCompliant: false,
    });
  });
});
