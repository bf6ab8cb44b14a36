import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

describe('StewardshipClient release gate and dependency ceiling', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('reads the gate, with `at` as an ISO instant only when given', async () => {
    const searches: string[] = [];
    server.use(
      http.get(
        `${baseUrl}/entities/component/default/checkout/release-gate`,
        ({ request }) => {
          searches.push(new URL(request.url).search);
          return HttpResponse.json({ decision: 'allow' });
        },
      ),
    );
    expect(
      await client.getEntityReleaseGate('component:default/checkout'),
    ).toEqual({ decision: 'allow' });
    await client.getEntityReleaseGate('Component:default/checkout', {
      at: new Date(Date.UTC(2026, 10, 1)),
    });
    expect(searches).toEqual(['', '?at=2026-11-01T00%3A00%3A00.000Z']);
  });

  it('POSTs an override as JSON and rejects a 400 with the server message', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${baseUrl}/entities/component/default/checkout/release-gate/overrides`,
        async ({ request }) => {
          const body = (await request.json()) as { expiresAt: string };
          bodies.push(body);
          if (body.expiresAt < '2026') {
            return HttpResponse.json(
              {
                error: {
                  name: 'InputError',
                  message:
                    'Invalid request body "expiresAt": must be in the future',
                },
                response: { statusCode: 400 },
              },
              { status: 400 },
            );
          }
          return HttpResponse.json({ id: 'o1' }, { status: 201 });
        },
      ),
    );
    const override = {
      justification: 'fix',
      expiresAt: '2026-12-01T00:00:00.000Z',
    };
    expect(
      await client.createReleaseGateOverride(
        'component:default/checkout',
        override,
      ),
    ).toEqual({ id: 'o1' });
    await expect(
      client.createReleaseGateOverride('component:default/checkout', {
        ...override,
        expiresAt: '2020-01-01T00:00:00.000Z',
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      body: { error: { message: expect.stringContaining('"expiresAt"') } },
    });
    expect(bodies[0]).toEqual(override);
  });

  it("lists an entity's incidents in a window, at most 100 unless told", async () => {
    const searches: string[] = [];
    server.use(
      http.get(`${baseUrl}/incidents`, ({ request }) => {
        searches.push(new URL(request.url).search);
        return HttpResponse.json({
          items: [{ id: 'i1' }],
          totalCount: 1,
          offset: 0,
          limit: 100,
        });
      }),
    );
    expect(
      await client.listEntityIncidents('component:default/checkout', {
        from: new Date(Date.UTC(2026, 10, 1)),
        to: new Date(Date.UTC(2026, 10, 30)),
      }),
    ).toEqual({ items: [{ id: 'i1' }], totalCount: 1 });
    await client.listEntityIncidents('component:default/checkout', {
      limit: 5,
    });
    // A compound ref, as every other entity read takes.
    await client.listEntityIncidents({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
    expect(searches).toEqual([
      '?entity=component%3Adefault%2Fcheckout&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-30T00%3A00%3A00.000Z&limit=100',
      '?entity=component%3Adefault%2Fcheckout&limit=5',
      '?entity=component%3Adefault%2Fcheckout&limit=100',
    ]);
  });

  it('reads the dependency ceiling of an encoded ref', async () => {
    let path = '';
    server.use(
      http.get(`${baseUrl}/entities/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({ dependencies: [] });
      }),
    );
    await client.getEntityDependencyCeiling({
      kind: 'Component',
      namespace: 'team a',
      name: 'x',
    });
    expect(path).toBe(
      '/api/stewardship/entities/component/team%20a/x/slos/dependency-ceiling',
    );
  });
});
