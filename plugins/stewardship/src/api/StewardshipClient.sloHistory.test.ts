import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { history } from '../components/SloDetails/__fixtures__';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

describe('StewardshipClient.getSloHistory', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('fetches the history with no query string by default', async () => {
    let search = 'unset';
    server.use(
      http.get(`${baseUrl}/slos/${history.sloId}/history`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json(history);
      }),
    );

    const result = await client.getSloHistory(history.sloId);

    expect(search).toBe('');
    expect(result).toEqual(history);
  });

  it('sends from, to as ISO instants and the limit', async () => {
    let params: Record<string, string> = {};
    server.use(
      http.get(`${baseUrl}/slos/:id/history`, ({ request }) => {
        params = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json(history);
      }),
    );

    await client.getSloHistory(history.sloId, {
      from: new Date(Date.UTC(2024, 3, 1)),
      to: new Date(Date.UTC(2024, 4, 1, 12, 30)),
      limit: 200,
    });

    expect(params).toEqual({
      from: '2024-04-01T00:00:00.000Z',
      to: '2024-05-01T12:30:00.000Z',
      limit: '200',
    });
  });

  it('encodes the id into one path segment', async () => {
    let path = '';
    server.use(
      http.get(`${baseUrl}/slos/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(history);
      }),
    );

    await client.getSloHistory('a/b c');

    expect(path).toBe('/api/stewardship/slos/a%2Fb%20c/history');
  });

  it('rejects a 400 with a ResponseError naming the field', async () => {
    server.use(
      http.get(`${baseUrl}/slos/:id/history`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'Invalid query parameter "from": must be before "to"',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const promise = client.getSloHistory(history.sloId, {
      from: new Date(Date.UTC(2024, 4, 2)),
      to: new Date(Date.UTC(2024, 4, 1)),
    });

    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 400,
      cause: {
        name: 'InputError',
        message: 'Invalid query parameter "from": must be before "to"',
      },
    });
  });
});
