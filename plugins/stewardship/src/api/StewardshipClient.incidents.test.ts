import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

describe('StewardshipClient incidents', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('reads one incident (as of a moment) and the summary of a period, moments as ISO instants', async () => {
    const searches: string[] = [];
    server.use(
      http.get(`${baseUrl}/incidents/a%2Fb`, ({ request }) => {
        searches.push(new URL(request.url).search);
        return HttpResponse.json({ id: 'a/b' });
      }),
      http.get(
        `${baseUrl}/entities/component/default/checkout/incidents/summary`,
        ({ request }) => {
          searches.push(new URL(request.url).search);
          return HttpResponse.json({ entityRef: 'component:default/checkout' });
        },
      ),
    );
    expect(await client.getIncident('a/b')).toEqual({ id: 'a/b' });
    await client.getIncident('a/b', {
      at: new Date(Date.UTC(2026, 10, 1, 10, 30)),
    });
    await client.getEntityIncidentSummary('Component:default/checkout');
    await client.getEntityIncidentSummary('component:default/checkout', {
      from: new Date(Date.UTC(2026, 8, 1)),
      to: new Date(Date.UTC(2026, 10, 30)),
    });
    expect(searches).toEqual([
      '',
      '?at=2026-11-01T10%3A30%3A00.000Z',
      '',
      '?from=2026-09-01T00%3A00%3A00.000Z&to=2026-11-30T00%3A00%3A00.000Z',
    ]);
  });

  it('sends writes as JSON with their methods and paths', async () => {
    const seen: Array<[string, string, unknown]> = [];
    const record = async ({ request }: { request: Request }) => {
      seen.push([
        request.method,
        new URL(request.url).pathname.replace('/api/stewardship', ''),
        await request.json(),
      ]);
      return HttpResponse.json({ ok: true });
    };
    server.use(
      http.post(`${baseUrl}/incidents`, record),
      http.patch(`${baseUrl}/incidents/i1`, record),
      http.post(`${baseUrl}/incidents/i1/action-items`, record),
      http.patch(`${baseUrl}/incidents/i1/action-items/t1`, record),
    );
    await client.createIncident({
      entityRef: 'component:default/checkout',
      title: 'Down',
      severity: 'SEV1',
    });
    await client.updateIncident('i1', { version: 3, status: 'resolved' });
    await client.createIncidentActionItem('i1', { title: 'Fix it' });
    await client.updateIncidentActionItem('i1', 't1', { status: 'done' });
    expect(seen).toEqual([
      [
        'POST',
        '/incidents',
        {
          entityRef: 'component:default/checkout',
          title: 'Down',
          severity: 'SEV1',
        },
      ],
      ['PATCH', '/incidents/i1', { version: 3, status: 'resolved' }],
      ['POST', '/incidents/i1/action-items', { title: 'Fix it' }],
      ['PATCH', '/incidents/i1/action-items/t1', { status: 'done' }],
    ]);
  });

  it('rejects a 409 with its status and the server message', async () => {
    server.use(
      http.patch(`${baseUrl}/incidents/i1`, () =>
        HttpResponse.json(
          {
            error: { name: 'ConflictError', message: 'version 2, not 1' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    await expect(
      client.updateIncident('i1', { version: 1, note: 'x' }),
    ).rejects.toMatchObject({
      statusCode: 409,
      body: { error: { message: 'version 2, not 1' } },
    });
  });
});
