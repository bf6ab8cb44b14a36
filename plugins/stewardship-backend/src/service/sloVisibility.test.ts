/*
 * SLO reads follow the catalog's visibility, decided with the caller's credentials (here a policy
 * with conditions on catalog reads, so the catalog decides): a caller who may not read an entity gets the same 404 for its SLOs as for SLOs that do not exist, and lists
 * leave them out (and do not count them). Through a real backend on every test database.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import { stewardshipPlugin } from '../plugin';
import {
  countingCatalog,
  catalogServiceFactory,
  hiddenFrom,
} from '../__testUtils__/countingCatalog';
import { conditionalCatalogReads } from '../__testUtils__/catalogReadPolicy';
import { component } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const asJane = mockCredentials.user.header('user:default/jane');
// Guest may read every entity but 'secret' (as a catalog permission policy could decide).
const asGuest = mockCredentials.user.header('user:default/guest');

describe.each(databases.eachSupportedId())(
  'SLO reads and catalog visibility on %p',
  databaseId => {
    let app: any;
    let secretId: string;
    let openId: string;

    beforeAll(async () => {
      const { catalog } = countingCatalog(
        [component('open'), component('secret')],
        hiddenFrom('user:default/guest', 'secret'),
      );
      const backend = await startTestBackend({
        features: [
          stewardshipPlugin,
          mockServices.database.factory({
            knex: await databases.init(databaseId as TestDatabaseId),
          }),
          catalogServiceFactory(catalog),
          conditionalCatalogReads().factory,
          mockServices.rootConfig.factory({
            data: {
              stewardship: {
                // Never queried: every read here answers from the store.
                metricSources: {
                  prom: { type: 'prometheus', baseUrl: 'http://127.0.0.1:9' },
                },
              },
            },
          }),
        ],
      });
      app = backend.server;
      const created = [];
      for (const ref of [
        'component:default/open',
        'component:default/secret',
      ]) {
        const res = await request(app)
          .post('/api/stewardship/slos')
          .set('Authorization', asJane)
          .send(sloBodyFor(ref));
        if (res.status !== 201) {
          throw new Error(`create: ${JSON.stringify(res.body)}`);
        }
        created.push(res.body.id);
      }
      [openId, secretId] = created;
    }, 120_000);

    it.each([
      '',
      '/status',
      '/snapshot',
      '/history',
      '/revisions',
      '/corrections',
      '/openslo',
    ])('answers GET slos/{id}%s with 404 for a hidden entity', async suffix => {
      const hidden = await request(app)
        .get(`/api/stewardship/slos/${secretId}${suffix}`)
        .set('Authorization', asGuest);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(`No SLO with id ${secretId}`);
    });

    // Not /status: with no stored snapshot it evaluates, and no metric source answers here.
    it.each(['', '/history', '/revisions', '/corrections', '/openslo'])(
      'answers GET slos/{id}%s with 200 to a caller who may read the entity',
      async suffix => {
        for (const [id, auth] of [
          [secretId, asJane],
          [openId, asGuest],
        ]) {
          const res = await request(app)
            .get(`/api/stewardship/slos/${id}${suffix}`)
            .set('Authorization', auth);
          expect(res.status).toBe(200);
        }
      },
    );

    it('answers GET slos/{id}/snapshot to a caller who may read the entity: none stored yet', async () => {
      for (const [id, auth] of [
        [secretId, asJane],
        [openId, asGuest],
      ]) {
        const res = await request(app)
          .get(`/api/stewardship/slos/${id}/snapshot`)
          .set('Authorization', auth);
        expect(res.status).toBe(404);
        expect(res.body.error.message).toContain(
          `SLO ${id} has no stored evaluation as of`,
        );
      }
    });

    it('leaves hidden entities out of the SLO list and its total', async () => {
      const guest = await request(app)
        .get('/api/stewardship/slos')
        .set('Authorization', asGuest);
      expect(guest.status).toBe(200);
      expect(guest.body.totalCount).toBe(1);
      expect(guest.body.items.map((s: any) => s.entityRef)).toEqual([
        'component:default/open',
      ]);
      const filtered = await request(app)
        .get('/api/stewardship/slos?entityRef=secret')
        .set('Authorization', asGuest);
      expect(filtered.body).toEqual({ items: [], totalCount: 0 });
      const jane = await request(app)
        .get('/api/stewardship/slos')
        .set('Authorization', asJane);
      expect(jane.body.totalCount).toBe(2);
    });

    it('answers an entity’s SLO list with 404 when the entity is hidden', async () => {
      const hidden = await request(app)
        .get('/api/stewardship/entities/component/default/secret/slos')
        .set('Authorization', asGuest);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'No entity component:default/secret in the catalog',
      );
      const jane = await request(app)
        .get('/api/stewardship/entities/component/default/secret/slos')
        .set('Authorization', asJane);
      expect(jane.status).toBe(200);
      expect(jane.body.items).toHaveLength(1);
    });
  },
);
