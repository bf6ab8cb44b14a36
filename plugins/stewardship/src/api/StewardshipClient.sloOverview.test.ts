import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { SloOverview } from '@stewardship/backstage-plugin-stewardship-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

const body: SloOverview = {
  at: '2026-11-30T12:00:00.000Z',
  stalenessSeconds: 600,
  catalogReadAt: '2026-11-30T11:59:40.000Z',
  catalogAgeSeconds: 20,
  items: [],
  coverage: {
    entitiesInScope: 0,
    entitiesWithSlo: 0,
    entitiesWithoutSlo: [],
    brokenSlis: 0,
    staleEvaluations: 0,
    slos: 0,
  },
  facets: { owners: [], systems: [] },
};

describe('StewardshipClient SLO overview', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('sends only the filters that are set', async () => {
    const searches: string[] = [];
    server.use(
      http.get(`${baseUrl}/slos/overview`, ({ request }) => {
        searches.push(new URL(request.url).search);
        return HttpResponse.json(body);
      }),
    );

    expect(await client.getSloOverview()).toEqual(body);
    await client.getSloOverview({
      owner: 'group:default/team a',
      status: 'at-risk',
    });
    await client.getSloOverview(
      { system: 'shop' },
      { at: new Date('2026-09-30T23:59:00Z') },
    );

    expect(searches).toEqual([
      '',
      '?owner=group%3Adefault%2Fteam+a&status=at-risk',
      '?system=shop&at=2026-09-30T23%3A59%3A00.000Z',
    ]);
  });

  it('asks for CSV with the same filters and returns the text', async () => {
    server.use(
      http.get(`${baseUrl}/slos/overview`, ({ request }) => {
        const search = new URL(request.url).searchParams;
        return new HttpResponse(
          `${search.get('system')},${search.get('format')}\r\n`,
          { headers: { 'Content-Type': 'text/csv' } },
        );
      }),
    );

    expect(await client.getSloOverviewCsv({ system: 'shop' })).toBe(
      'shop,csv\r\n',
    );
    // The moment travels with the CSV request too.
    server.use(
      http.get(`${baseUrl}/slos/overview`, ({ request }) => {
        const search = new URL(request.url).searchParams;
        return new HttpResponse(`${search.get('at')},${search.get('format')}`, {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    expect(
      await client.getSloOverviewCsv(
        {},
        { at: new Date('2026-09-30T23:59:00Z') },
      ),
    ).toBe('2026-09-30T23:59:00.000Z,csv');
  });

  it('rejects with the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/slos/overview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'Invalid query parameter "owner"',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const error = await client.getSloOverview({ owner: 'a b' }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('Invalid query parameter "owner"');
  });
});
