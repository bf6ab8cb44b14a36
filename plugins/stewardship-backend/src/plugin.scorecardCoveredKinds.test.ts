import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { startStewardshipTestBackend } from './__testUtils__/stewardshipTestBackend';
import { countingCatalog } from './__testUtils__/countingCatalog';
import { component } from './__testUtils__/entities';
import { loadOpenApiValidator } from './__testUtils__/openApiValidator';
import { inMemoryDatabaseFactory } from './__testUtils__/testDatabases';

const testDatabase = inMemoryDatabaseFactory();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');

/** The scorecard's covered kinds, served by the plugin with `stewardship.ownership` config. */
async function coveredKinds(ownership?: JsonObject, query = '') {
  const { catalog } = countingCatalog([component('a')]);
  const backend = await startStewardshipTestBackend({
    database: testDatabase,
    catalog,
    config: ownership ? { stewardship: { ownership } } : {},
  });
  try {
    const res = await request(backend.server)
      .get(`/api/stewardship/ownership/scorecard${query}`)
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    openApi.assertMatches('OwnershipScorecard', res.body);
    return res.body.coveredKinds;
  } finally {
    await backend.stop();
  }
}

describe('the scorecard says which kinds the ownership policy covers', () => {
  it('lists the default policy kinds without config', async () => {
    expect(await coveredKinds()).toEqual([
      'component',
      'api',
      'system',
      'domain',
    ]);
  });

  it('lists the configured kinds, lower case, each once, in the order configured', async () => {
    expect(
      await coveredKinds({
        appliesTo: [
          { kind: 'Template' },
          { kind: 'Component', type: 'service' },
          { kind: 'component', type: ['website'] },
          { kind: 'Resource' },
        ],
      }),
    ).toEqual(['template', 'component', 'resource']);
  });

  it('lists them whatever the kind filtered by, one the policy does not cover included', async () => {
    expect(await coveredKinds(undefined, '?kind=resource')).toEqual([
      'component',
      'api',
      'system',
      'domain',
    ]);
  });
});
