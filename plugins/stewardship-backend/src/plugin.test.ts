import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  allRoles,
  component,
  domain,
  group,
  ROLE_ANNOTATIONS,
  system,
  user,
} from './__testUtils__/entities';
import { loadOpenApiValidator } from './__testUtils__/openApiValidator';
import { inMemoryDatabaseFactory } from './__testUtils__/testDatabases';
import { startStewardshipTestBackend } from './__testUtils__/stewardshipTestBackend';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const entities = [
  group('payments', ['user:default/jane']),
  user('jane', ['group:default/payments'], { displayName: 'Jane Doe' }),
  domain('commerce', { annotations: allRoles('group:default/payments') }),
  system('shop', { domain: 'commerce' }),
  component('cart', { system: 'shop', owner: 'group:default/payments' }),
  component('checkout', {
    annotations: {
      ...allRoles('user:default/jane'),
      [ROLE_ANNOTATIONS.product]: 'user:default/ghost',
    },
  }),
  component('orphan-svc', {}),
];

const openApi = loadOpenApiValidator();

describe('stewardship backend', () => {
  let app: any;
  const asUser = mockCredentials.user.header('user:default/jane');

  beforeAll(async () => {
    // Requests without a token are unauthenticated, as in production (the helper's default).
    const backend = await startStewardshipTestBackend({
      database: testDatabase,
      entities,
    });
    app = backend.server;
  });

  describe('authentication', () => {
    it.each([
      '/api/stewardship/entities/component/default/cart/ownership',
      '/api/stewardship/ownership/scorecard',
    ])('rejects %s without credentials', async path => {
      const res = await request(app).get(path);
      expect(res.status).toBe(401);
      openApi.assertMatches('Error', res.body);
    });

    it('rejects an invalid token', async () => {
      const res = await request(app)
        .get('/api/stewardship/ownership/scorecard')
        .set('Authorization', mockCredentials.user.invalidHeader());
      expect(res.status).toBe(401);
    });

    it('lets service principals automate', async () => {
      const res = await request(app)
        .get('/api/stewardship/ownership/scorecard')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
    });
  });

  describe('GET /entities/:kind/:namespace/:name/ownership', () => {
    it('evaluates roles with their source and owner', async () => {
      const res = await request(app)
        .get('/api/stewardship/entities/component/default/cart/ownership')
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      openApi.assertMatches('EntityOwnership', res.body);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/cart',
        system: 'system:default/shop',
        domain: 'domain:default/commerce',
        compliant: true,
        specOwner: {
          entityRef: 'group:default/payments',
          owner: { memberCount: 1 },
        },
      });
      expect(res.body.roles[0]).toMatchObject({
        role: 'business',
        status: 'ok',
        source: {
          type: 'inherited',
          entityRef: 'domain:default/commerce',
          via: 'domain',
        },
        owner: { entityRef: 'group:default/payments' },
      });
    });

    it('reports problems with the fix', async () => {
      const res = await request(app)
        .get('/api/stewardship/entities/Component/default/checkout/ownership')
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      openApi.assertMatches('EntityOwnership', res.body);
      expect(res.body.compliant).toBe(false);
      expect(res.body.roles.map((r: any) => r.status)).toEqual([
        'ok',
        'unresolved',
        'ok',
      ]);
      expect(res.body.roles[0].owner.displayName).toBe('Jane Doe');
    });

    it('answers 404 for an unknown entity', async () => {
      const res = await request(app)
        .get('/api/stewardship/entities/component/default/nope/ownership')
        .set('Authorization', asUser);
      expect(res.status).toBe(404);
      openApi.assertMatches('Error', res.body);
      expect(res.body.error.message).toContain('component:default/nope');
    });
  });

  describe('GET /ownership/scorecard', () => {
    it('summarises coverage and pages failing entities', async () => {
      const res = await request(app)
        .get('/api/stewardship/ownership/scorecard?limit=1&groupBy=system')
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      openApi.assertMatches('OwnershipScorecard', res.body);
      expect(res.body.summary.entities).toBe(5);
      expect(res.body.summary.compliant).toBe(3);
      expect(res.body.failing.totalCount).toBe(2);
      expect(res.body.failing.items).toHaveLength(1);
      expect(res.body.failing.items[0].entityRef).toBe(
        'component:default/orphan-svc',
      );
      expect(
        res.body.groups.map((g: any) => [g.key, g.entities, g.compliant]),
      ).toEqual([
        // the domain (compliant), checkout and orphan-svc (not) are in no system; the system
        // shop counts in its own group, with cart (both compliant).
        ['none', 3, 1],
        ['system:default/shop', 2, 2],
      ]);
    });

    it('counts a system in its own system', async () => {
      const res = await request(app)
        .get('/api/stewardship/ownership/scorecard?system=shop')
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      // shop and cart, both inheriting commerce's roles.
      expect(res.body.summary.entities).toBe(2);
      expect(res.body.summary.compliant).toBe(2);
    });

    it('keeps, for a role alone, the entities that fail that role', async () => {
      const failingRefs = async (query: string) => {
        const res = await request(app)
          .get(`/api/stewardship/ownership/scorecard?${query}`)
          .set('Authorization', asUser);
        expect(res.status).toBe(200);
        openApi.assertMatches('OwnershipScorecard', res.body);
        return [
          res.body.summary.entities,
          res.body.failing.items.map((i: any) => i.entityRef).sort(),
        ];
      };
      // Product owner: checkout's names a user not in the catalog, orphan-svc has none.
      expect(await failingRefs('role=product')).toEqual([
        2,
        ['component:default/checkout', 'component:default/orphan-svc'],
      ]);
      // Business owner: only orphan-svc has none (checkout's is Jane).
      expect(await failingRefs('role=business')).toEqual([
        1,
        ['component:default/orphan-svc'],
      ]);
    });

    it('accepts short refs in filters', async () => {
      const res = await request(app)
        .get('/api/stewardship/ownership/scorecard?system=shop&kind=component')
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      expect(res.body.filter).toEqual({
        system: 'system:default/shop',
        kind: 'component',
      });
      expect(res.body.summary.entities).toBe(1);
    });

    it('exports failing roles as CSV', async () => {
      const requested = Date.now();
      const res = await request(app)
        .get(
          '/api/stewardship/ownership/scorecard?format=csv&status=unresolved',
        )
        .set('Authorization', asUser);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(
        'ownership-scorecard.csv',
      );
      // How old the data is: the catalog read began at most a few seconds before the request.
      const evaluatedAt = Date.parse(res.headers['x-stewardship-evaluated-at']);
      expect(Math.abs(evaluatedAt - requested)).toBeLessThan(30_000);
      expect(Date.parse(res.headers['last-modified'])).toBe(
        Math.floor(evaluatedAt / 1000) * 1000,
      );
      const lines = res.text.trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(
        /^component:default\/checkout,Component,,group:default\/team-a,,,product,unresolved,user:default\/ghost,/,
      );
    });

    it.each([
      ['status=broken', 'status'],
      ['role=finance', 'role'],
      ['groupBy=team', 'groupBy'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['format=xml', 'format'],
      ['owner=group:a:b', 'owner'],
      ['kind=', 'kind'],
      ['status=ok&status=missing', 'status'],
      ['colour=blue', 'colour'],
    ])('rejects ?%s with a 400 naming %s', async (query, parameter) => {
      const res = await request(app)
        .get(`/api/stewardship/ownership/scorecard?${query}`)
        .set('Authorization', asUser);
      expect(res.status).toBe(400);
      openApi.assertMatches('Error', res.body);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(parameter);
    });
  });

  it('serves its spec and nothing it does not document', async () => {
    // src/service/createRouter.test.ts compares the route table with the spec; this checks the
    // mounted plugin: the spec is published, an undocumented path or method is not served.
    const published = await request(app)
      .get('/api/stewardship/openapi.json')
      .set('Authorization', asUser);
    expect(published.status).toBe(200);
    // Published with the plugin's mount path prepended.
    expect(Object.keys(published.body.paths)).toEqual(
      Object.keys(openApi.spec.paths).map(path => `/api/stewardship${path}`),
    );
    const undocumented = await request(app)
      .get('/api/stewardship/slos/revisions/all')
      .set('Authorization', asUser);
    expect(undocumented.status).toBe(404);
    const wrongMethod = await request(app)
      .patch('/api/stewardship/ownership/scorecard')
      .set('Authorization', asUser);
    expect(wrongMethod.status).toBe(404);
  });
});
