/*
 * GET /ownership/evaluations: every evaluated entity the caller may read, ordered by ref and
 * paged, each with the statuses the entity route gives it (exemptions applied). Through a real
 * backend on a catalog that hides one entity from one caller.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';
import { countingCatalog, hiddenFrom } from '../__testUtils__/countingCatalog';
import { component, group, user } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { conditionalCatalogReads } from '../__testUtils__/catalogReadPolicy';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const openApi = loadOpenApiValidator();
const asJane = mockCredentials.user.header('user:default/jane');
const asGuest = mockCredentials.user.header('user:default/guest');

const owners = {
  'stewardship.io/business-owner': 'user:default/jane',
  'stewardship.io/product-owner': 'user:default/jane',
  'stewardship.io/engineering-owner': 'group:default/team-a',
};

describe('GET /ownership/evaluations', () => {
  let app: any;

  beforeAll(async () => {
    const { catalog } = countingCatalog(
      // Out of ref order, as a catalog may stream them: the route orders them.
      [
        component('secret', { annotations: owners }),
        component('charlie', {
          annotations: { ...owners, 'stewardship.io/product-owner': 'jane' },
        }),
        // No annotations at all: every role missing.
        component('bravo'),
        component('alpha', { annotations: owners }),
        user('jane', ['group:default/team-a']),
        group('team-a', ['user:default/jane']),
      ],
      hiddenFrom('user:default/guest', 'secret'),
    );
    const backend = await startStewardshipTestBackend({
      database: testDatabase,
      catalog,
      permissions: conditionalCatalogReads().factory,
    });
    app = backend.server;
    // An exemption shows on the bulk read as it does on the entity route.
    const exemption = await request(app)
      .post(
        '/api/stewardship/entities/component/default/bravo/ownership/exemptions',
      )
      .set('Authorization', asJane)
      .send({
        role: 'business',
        reason: 'Being staffed',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    if (exemption.status !== 201) {
      throw new Error(`exemption: ${JSON.stringify(exemption.body)}`);
    }
  });

  it('pages every readable entity in ref order with the entity route’s statuses', async () => {
    const first = await request(app)
      .get('/api/stewardship/ownership/evaluations?limit=2')
      .set('Authorization', asGuest);
    expect(first.status).toBe(200);
    openApi.assertMatches('OwnershipEvaluationPage', first.body);
    const rest = await request(app)
      .get('/api/stewardship/ownership/evaluations?offset=2&limit=2')
      .set('Authorization', asGuest);
    const components = [...first.body.items, ...rest.body.items].filter(
      (e: any) => e.entityRef.startsWith('component:'),
    );
    expect(first.body.items).toHaveLength(2);
    expect(components.map((e: any) => e.entityRef)).toEqual([
      'component:default/alpha',
      'component:default/bravo',
      'component:default/charlie',
    ]);
    const statuses = (ref: string) =>
      components
        .find((e: any) => e.entityRef === ref)
        .roles.map((r: any) => `${r.role}=${r.status}`);
    expect(statuses('component:default/alpha')).toEqual([
      'business=ok',
      'product=ok',
      'engineering=ok',
    ]);
    expect(statuses('component:default/bravo')).toEqual([
      'business=exempt',
      'product=missing',
      'engineering=missing',
    ]);
    // A ref without a kind is ambiguous (user or group?), hence invalid.
    expect(statuses('component:default/charlie')).toEqual([
      'business=ok',
      'product=invalid',
      'engineering=ok',
    ]);
    // Each item is what the entity route answers for that entity.
    for (const item of components) {
      const [, name] = item.entityRef.split('/');
      const single = await request(app)
        .get(`/api/stewardship/entities/component/default/${name}/ownership`)
        .set('Authorization', asGuest);
      expect(item.roles.map((r: any) => [r.role, r.status])).toEqual(
        single.body.roles.map((r: any) => [r.role, r.status]),
      );
    }
    expect(rest.body.totalCount).toBe(first.body.totalCount);
  });

  it('leaves out what the caller may not read', async () => {
    const refs = async (auth: string) =>
      (
        await request(app)
          .get('/api/stewardship/ownership/evaluations?limit=1000')
          .set('Authorization', auth)
      ).body.items.map((e: any) => e.entityRef);
    expect(await refs(asGuest)).not.toContain('component:default/secret');
    expect(await refs(asJane)).toContain('component:default/secret');
  });

  it.each(['limit=0', 'limit=1001', 'offset=-1', 'limit=ten'])(
    'answers %s with a 400 naming the parameter',
    async query => {
      const res = await request(app)
        .get(`/api/stewardship/ownership/evaluations?${query}`)
        .set('Authorization', asJane);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(query.split('=')[0]);
    },
  );
});
