import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ownership, scorecard } from '../__testUtils__/fixtures';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

describe('StewardshipClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('fetches the ownership of an entity ref string', async () => {
    server.use(
      http.get(
        `${baseUrl}/entities/component/default/payments-api/ownership`,
        () => HttpResponse.json(ownership),
      ),
    );

    const result = await client.getEntityOwnership(
      'component:default/payments-api',
    );

    expect(result.roles.map(r => r.status)).toEqual(['ok', 'ok', 'missing']);
  });

  it('lower-cases the kind and encodes the parts of a compound ref', async () => {
    let requested = '';
    server.use(
      http.get(`${baseUrl}/entities/*`, ({ request }) => {
        requested = new URL(request.url).pathname;
        return HttpResponse.json(ownership);
      }),
    );

    await client.getEntityOwnership({
      kind: 'Component',
      namespace: 'team a',
      name: 'x/y',
    });

    expect(requested).toBe(
      '/api/stewardship/entities/component/team%20a/x%2Fy/ownership',
    );
  });

  it('turns a 404 into a ResponseError carrying the server message', async () => {
    server.use(
      http.get(`${baseUrl}/entities/*`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/nope',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const promise = client.getEntityOwnership('component:default/nope');

    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 404,
      body: { error: { message: 'No entity component:default/nope' } },
    });
  });

  it('sends filters, groupBy and paging as query parameters', async () => {
    let params: Record<string, string> = {};
    server.use(
      http.get(`${baseUrl}/ownership/scorecard`, ({ request }) => {
        params = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json(scorecard);
      }),
    );

    const result = await client.getOwnershipScorecard({
      kind: 'component',
      status: 'missing',
      role: 'business',
      owner: 'group:default/payments',
      groupBy: 'owner',
      offset: 40,
      limit: 20,
    });

    expect(params).toEqual({
      kind: 'component',
      status: 'missing',
      role: 'business',
      owner: 'group:default/payments',
      groupBy: 'owner',
      offset: '40',
      limit: '20',
    });
    expect(result.summary.compliant).toBe(15);
  });

  it('sends no query string when there are no filters', async () => {
    let search = 'unset';
    server.use(
      http.get(`${baseUrl}/ownership/scorecard`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json(scorecard);
      }),
    );

    await client.getOwnershipScorecard();

    expect(search).toBe('');
  });

  it('downloads the CSV with the filters but without paging', async () => {
    let params: Record<string, string> = {};
    server.use(
      http.get(`${baseUrl}/ownership/scorecard`, ({ request }) => {
        params = Object.fromEntries(new URL(request.url).searchParams);
        return new HttpResponse('entityRef,role,status\nx,business,missing\n', {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );

    const csv = await client.getOwnershipScorecardCsv({ kind: 'api' });

    expect(params).toEqual({ kind: 'api', format: 'csv' });
    expect(csv).toBe('entityRef,role,status\nx,business,missing\n');
  });

  it('rejects a failed scorecard request with a ResponseError', async () => {
    server.use(
      http.get(`${baseUrl}/ownership/scorecard`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'Invalid groupBy' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    await expect(client.getOwnershipScorecard()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: { name: 'InputError', message: 'Invalid groupBy' },
    });
  });
});
