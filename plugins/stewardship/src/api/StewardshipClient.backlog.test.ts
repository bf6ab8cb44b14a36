import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

describe('StewardshipClient backlog', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('reads the backlog of an entity, its kind lower-cased and parts encoded', async () => {
    const body = { entityRef: 'component:default/a b', items: [] };
    server.use(
      http.get(`${baseUrl}/entities/component/default/a%20b/backlog`, () =>
        HttpResponse.json(body),
      ),
    );
    expect(await client.getEntityBacklog('Component:default/a b')).toEqual(
      body,
    );
  });

  it('rejects with a ResponseError carrying the server error', async () => {
    server.use(
      http.get(`${baseUrl}/entities/component/default/gone/backlog`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No entity gone' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.getEntityBacklog('component:default/gone'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      body: { error: { name: 'NotFoundError', message: 'No entity gone' } },
    });
  });
});
