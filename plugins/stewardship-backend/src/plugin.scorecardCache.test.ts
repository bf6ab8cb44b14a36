import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { startStewardshipTestBackend } from './__testUtils__/stewardshipTestBackend';
import { countingCatalog } from './__testUtils__/countingCatalog';
import { component } from './__testUtils__/entities';
import { loadOpenApiValidator } from './__testUtils__/openApiValidator';
import { inMemoryDatabaseFactory } from './__testUtils__/testDatabases';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');
const SCORECARD = '/api/stewardship/ownership/scorecard';

/** The plugin on a catalog whose reads are counted, with `stewardship.ownership` config. */
async function start(ownership: JsonObject) {
  const entities: Entity[] = ['a', 'b'].map(name => {
    const entity = component(name);
    return { ...entity, metadata: { ...entity.metadata, uid: name } };
  });
  const { catalog, probe } = countingCatalog(entities);
  const backend = await startStewardshipTestBackend({
    database: testDatabase,
    catalog,
    config: { stewardship: { ownership } },
  });
  return { app: backend.server, probe, stop: () => backend.stop() };
}

describe('scorecard cache through the plugin', () => {
  it('reads stewardship.ownership.cacheTtl and keeps the entity route fresh', async () => {
    const { app, probe, stop } = await start({ cacheTtl: { minutes: 5 } });
    try {
      const first = await request(app)
        .get(SCORECARD)
        .set('Authorization', asUser);
      expect(first.status).toBe(200);
      openApi.assertMatches('OwnershipScorecard', first.body);
      expect(first.body.failing.totalCount).toBe(2);
      expect(Date.parse(first.body.evaluatedAt)).toBeLessThanOrEqual(
        Date.parse(first.body.generatedAt),
      );

      await probe.remove('b');

      const entity = await request(app)
        .get('/api/stewardship/entities/component/default/b/ownership')
        .set('Authorization', asUser);
      expect(entity.status).toBe(404);

      const csv = await request(app)
        .get(`${SCORECARD}?format=csv`)
        .set('Authorization', asUser);
      const again = await request(app)
        .get(`${SCORECARD}?kind=component&offset=1&limit=1`)
        .set('Authorization', asUser);
      expect(csv.text).toContain('component:default/b');
      expect(again.body.failing.totalCount).toBe(2);
      expect(again.body.evaluatedAt).toBe(first.body.evaluatedAt);
      expect(probe.catalogReads).toBe(1);
    } finally {
      await stop();
    }
  });

  it('reads the catalog on every request with cacheTtl 0s', async () => {
    const { app, probe, stop } = await start({ cacheTtl: '0s' });
    try {
      await request(app).get(SCORECARD).set('Authorization', asUser);
      await probe.remove('b');
      const res = await request(app)
        .get(SCORECARD)
        .set('Authorization', asUser);
      expect(res.body.failing.totalCount).toBe(1);
      expect(probe.catalogReads).toBe(2);
    } finally {
      await stop();
    }
  });

  it('refuses to start with an invalid cacheTtl', async () => {
    await expect(start({ cacheTtl: 'soon' })).rejects.toThrow(
      /stewardship\.ownership\.cacheTtl/,
    );
  });
});
