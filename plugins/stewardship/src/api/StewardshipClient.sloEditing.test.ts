import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';
const id = '6f1c2b9e-1d2a-4c55-9f0e-0a6a4d1e2f11';

const spec: SloSpec = {
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prom',
  alertPolicies: [{ preset: 'sre-workbook' }],
  labels: {},
};
const stored = {
  ...spec,
  id,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function errorBody(name: string, message: string, status: number) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

describe('StewardshipClient: changing SLOs', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('lists the metric sources with their health', async () => {
    const items = [
      {
        name: 'dd',
        type: 'datadog',
        health: { status: 'unknown', reason: 'x' },
      },
      {
        name: 'prom',
        type: 'prometheus',
        health: { status: 'ok', checkedAt: '2026-01-01T00:00:00.000Z' },
      },
    ];
    server.use(
      http.get(`${baseUrl}/metric-sources`, () => HttpResponse.json({ items })),
    );
    await expect(client.listMetricSources()).resolves.toEqual(items);
  });

  it('creates an SLO by POSTing its spec as JSON', async () => {
    let received: { method: string; type: string | null; body: unknown } = {
      method: '',
      type: null,
      body: undefined,
    };
    server.use(
      http.post(`${baseUrl}/slos`, async ({ request }) => {
        received = {
          method: request.method,
          type: request.headers.get('content-type'),
          body: await request.json(),
        };
        return HttpResponse.json(stored, { status: 201 });
      }),
    );
    await expect(client.createSlo(spec)).resolves.toEqual(stored);
    expect(received).toEqual({
      method: 'POST',
      type: 'application/json',
      body: spec,
    });
  });

  it('updates with the version read, and a 409 is a ResponseError with status 409', async () => {
    let body: unknown;
    server.use(
      http.put(`${baseUrl}/slos/${id}`, async ({ request }) => {
        body = await request.json();
        return errorBody(
          'ConflictError',
          'SLO was changed: version 2, not 1',
          409,
        );
      }),
    );
    const promise = client.updateSlo(id, { ...spec, version: 1 });
    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 409,
      body: { error: { message: 'SLO was changed: version 2, not 1' } },
    });
    expect(body).toEqual({ ...spec, version: 1 });
  });

  it('deletes an SLO', async () => {
    let deleted = '';
    server.use(
      http.delete(`${baseUrl}/slos/:id`, ({ params }) => {
        deleted = String(params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await expect(client.deleteSlo(id)).resolves.toBeUndefined();
    expect(deleted).toBe(id);
  });

  it('imports YAML as application/yaml with dryRun and entityRef in the query', async () => {
    let seen = { search: '', type: '', text: '' };
    server.use(
      http.post(`${baseUrl}/slos/import`, async ({ request }) => {
        seen = {
          search: new URL(request.url).search,
          type: request.headers.get('content-type') ?? '',
          text: await request.text(),
        };
        return HttpResponse.json({ items: [spec] });
      }),
    );
    const yaml = 'apiVersion: openslo/v1\nkind: SLO\n';
    await expect(
      client.importSlos(yaml, {
        dryRun: true,
        entityRef: 'component:default/checkout',
      }),
    ).resolves.toEqual([spec]);
    expect(seen).toEqual({
      search: '?dryRun=true&entityRef=component%3Adefault%2Fcheckout',
      type: 'application/yaml',
      text: yaml,
    });
  });

  it('sends the metric source chosen for SLOs that name none', async () => {
    let search = '';
    server.use(
      http.post(`${baseUrl}/slos/import`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ items: [spec] });
      }),
    );
    await client.importSlos('kind: SLO', {
      dryRun: true,
      metricSource: 'datadog eu',
    });
    expect(search).toBe('?dryRun=true&metricSource=datadog+eu');
  });

  it('resolves a real import with the stored SLOs, ids included', async () => {
    let search = '';
    server.use(
      http.post(`${baseUrl}/slos/import`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ items: [stored] }, { status: 201 });
      }),
    );
    const imported = await client.importSlos('kind: SLO', { dryRun: false });
    expect(search).toBe('?dryRun=false');
    expect(imported).toEqual([stored]);
    expect(imported.map(slo => slo.id)).toEqual([id]);
  });

  it('rejects an invalid import with the problems in the error body', async () => {
    server.use(
      http.post(`${baseUrl}/slos/import`, () =>
        errorBody(
          'InputError',
          'Invalid SLO documents:\ndocument 1: objective: must be below 1',
          400,
        ),
      ),
    );
    await expect(
      client.importSlos('kind: SLO', { dryRun: false }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('returns the OpenSLO export as text', async () => {
    const yaml = 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\n';
    server.use(
      http.get(
        `${baseUrl}/slos/${id}/openslo`,
        () =>
          new HttpResponse(yaml, {
            headers: { 'Content-Type': 'application/yaml' },
          }),
      ),
    );
    await expect(client.exportSloOpenSlo(id)).resolves.toBe(yaml);
  });
});
