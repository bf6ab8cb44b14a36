import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  allSloItems,
  entitySlos,
  healthySlo,
} from '../__testUtils__/sloFixtures';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

describe('StewardshipClient SLO reads', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('fetches the SLOs of an entity with no `at` by default', async () => {
    let search = 'unset';
    const body = entitySlos(allSloItems);
    server.use(
      http.get(
        `${baseUrl}/entities/component/default/payments-api/slos`,
        ({ request }) => {
          search = new URL(request.url).search;
          return HttpResponse.json(body);
        },
      ),
    );

    const result = await client.getEntitySlos('component:default/payments-api');

    expect(search).toBe('');
    expect(result).toEqual(body);
  });

  it('encodes the ref parts and sends `at` as an ISO instant', async () => {
    let requested: URL | undefined;
    server.use(
      http.get(`${baseUrl}/entities/*`, ({ request }) => {
        requested = new URL(request.url);
        return HttpResponse.json(entitySlos([]));
      }),
    );
    const at = new Date(Date.UTC(2024, 8, 30, 21, 59, 0));

    await client.getEntitySlos(
      { kind: 'System', namespace: 'team a', name: 'x/y?z' },
      { at },
    );

    expect(requested?.pathname).toBe(
      '/api/stewardship/entities/system/team%20a/x%2Fy%3Fz/slos',
    );
    // The raw query keeps the instant intact ('+' would turn into a space if sent unencoded).
    expect(requested?.search).toBe('?at=2024-09-30T21%3A59%3A00.000Z');
    expect(requested?.searchParams.get('at')).toBe('2024-09-30T21:59:00.000Z');
  });

  it('reads the SLOs of several entities in one POST, refs as given and `at` as an ISO instant', async () => {
    const sent: Array<{
      method: string;
      contentType: string | null;
      body: unknown;
    }> = [];
    const body = {
      at: '2024-09-30T21:59:00.000Z',
      items: [entitySlos(allSloItems, 'component:default/ledger'), null],
    };
    server.use(
      http.post(`${baseUrl}/slos/by-entities`, async ({ request }) => {
        sent.push({
          method: request.method,
          contentType: request.headers.get('Content-Type'),
          body: await request.json(),
        });
        return HttpResponse.json(body);
      }),
    );
    const at = new Date(Date.UTC(2024, 8, 30, 21, 59, 0));

    const result = await client.getSlosByEntities(
      [
        'component:default/ledger',
        { kind: 'Component', namespace: 'default', name: 'ghost' },
      ],
      { at },
    );
    expect(result).toEqual(body);
    await client.getSlosByEntities(['checkout']);

    expect(sent).toEqual([
      {
        method: 'POST',
        contentType: 'application/json',
        body: {
          entityRefs: ['component:default/ledger', 'component:default/ghost'],
          at: '2024-09-30T21:59:00.000Z',
        },
      },
      {
        method: 'POST',
        contentType: 'application/json',
        body: { entityRefs: ['checkout'] },
      },
    ]);
  });

  it('turns a refused batch read into a ResponseError with the server message', async () => {
    server.use(
      http.post(`${baseUrl}/slos/by-entities`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                'Invalid request body "entityRefs/1": "a b" is not an entity ref',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    await expect(
      client.getSlosByEntities(['checkout', 'a b']),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: {
        name: 'InputError',
        message:
          'Invalid request body "entityRefs/1": "a b" is not an entity ref',
      },
    });
  });

  it("reads one SLO's stored evaluation with its explanation, as of `at`", async () => {
    let requested: URL | undefined;
    const evaluation = allSloItems.find(i => i.evaluation)!.evaluation;
    server.use(
      http.get(`${baseUrl}/slos/*`, ({ request }) => {
        requested = new URL(request.url);
        return HttpResponse.json(evaluation);
      }),
    );
    const at = new Date(Date.UTC(2024, 8, 30, 21, 59, 0));

    expect(await client.getSloSnapshot('slo/1', { at })).toEqual(evaluation);
    expect(requested?.pathname).toBe('/api/stewardship/slos/slo%2F1/snapshot');
    expect(requested?.searchParams.get('at')).toBe('2024-09-30T21:59:00.000Z');

    await client.getSloSnapshot('slo-2');
    expect(requested?.pathname).toBe('/api/stewardship/slos/slo-2/snapshot');
    expect(requested?.search).toBe('');
  });

  it('turns an error response into a ResponseError with the server message', async () => {
    server.use(
      http.get(`${baseUrl}/entities/*`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'at must not be in the future',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const promise = client.getEntitySlos('component:default/payments-api', {
      at: new Date(Date.UTC(2999, 0, 1)),
    });

    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 400,
      cause: { name: 'InputError', message: 'at must not be in the future' },
    });
  });

  it('fetches one SLO by its encoded id', async () => {
    let pathname = '';
    server.use(
      http.get(`${baseUrl}/slos/*`, ({ request }) => {
        pathname = new URL(request.url).pathname;
        return HttpResponse.json(healthySlo);
      }),
    );

    await expect(client.getSlo(healthySlo.id)).resolves.toEqual(healthySlo);
    expect(pathname).toBe(`/api/stewardship/slos/${healthySlo.id}`);

    await client.getSlo('a/b c');
    expect(pathname).toBe('/api/stewardship/slos/a%2Fb%20c');
  });

  it('rejects an unknown SLO with a 404 ResponseError', async () => {
    server.use(
      http.get(`${baseUrl}/slos/*`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No SLO nope' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    await expect(client.getSlo('nope')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: { name: 'NotFoundError', message: 'No SLO nope' },
    });
  });

  it('evaluates an SLO now with a POST to its encoded id, and refuses with a ResponseError', async () => {
    const requests: Array<{
      method: string;
      pathname: string;
      search: string;
    }> = [];
    const evaluation = { sloId: 'a/b c', status: 'healthy' };
    server.use(
      http.post(`${baseUrl}/slos/*`, ({ request }) => {
        const url = new URL(request.url);
        requests.push({
          method: request.method,
          pathname: url.pathname,
          search: url.search,
        });
        return requests.length === 1
          ? HttpResponse.json(evaluation)
          : HttpResponse.json(
              {
                error: {
                  name: 'TooManyRequestsError',
                  message: 'retry in 20 s',
                },
                response: { statusCode: 429 },
              },
              { status: 429 },
            );
      }),
    );

    await expect(client.evaluateSlo('a/b c')).resolves.toEqual(evaluation);
    expect(requests).toEqual([
      {
        method: 'POST',
        pathname: '/api/stewardship/slos/a%2Fb%20c/evaluate',
        search: '',
      },
    ]);
    await expect(client.evaluateSlo('a/b c')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 429,
    });
  });

  it('stops waiting for an evaluation when its signal aborts', async () => {
    server.use(
      http.post(`${baseUrl}/slos/*`, () => new Promise<Response>(() => {})),
    );
    const controller = new AbortController();
    const evaluating = client.evaluateSlo('x', { signal: controller.signal });
    controller.abort();
    await expect(evaluating).rejects.toMatchObject({ name: 'AbortError' });
  });
});
