import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StewardshipClient } from './StewardshipClient';

const baseUrl = 'http://backstage.test/api/stewardship';

describe('StewardshipClient reads with a signal', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StewardshipClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  // Every read answers only after a long wait: only an abort ends it early.
  beforeEach(() =>
    server.use(
      http.get(`${baseUrl}/*`, async () => {
        await delay(60_000);
        return HttpResponse.json({});
      }),
      http.post(`${baseUrl}/slos/by-entities`, async () => {
        await delay(60_000);
        return HttpResponse.json({});
      }),
    ),
  );

  const reads: Record<string, (signal: AbortSignal) => Promise<unknown>> = {
    getEntityOwnership: signal =>
      client.getEntityOwnership('component:default/a', { signal }),
    getOwnershipScorecard: signal =>
      client.getOwnershipScorecard({}, { signal }),
    getSloOverview: signal => client.getSloOverview({}, { signal }),
    getPlanningReview: signal =>
      client.getPlanningReview({ scope: 'system:default/s' }, { signal }),
    getSloHistory: signal => client.getSloHistory('id', {}, { signal }),
    getEntitySlos: signal =>
      client.getEntitySlos('component:default/a', {
        at: new Date('2026-01-01T00:00:00Z'),
        signal,
      }),
    getSlosByEntities: signal =>
      client.getSlosByEntities(['component:default/a'], { signal }),
    getSloSnapshot: signal => client.getSloSnapshot('id', { signal }),
    getEntityDependencyCeiling: signal =>
      client.getEntityDependencyCeiling('component:default/a', { signal }),
    getEntityReleaseGate: signal =>
      client.getEntityReleaseGate('component:default/a', { signal }),
    getEntityBacklog: signal =>
      client.getEntityBacklog('component:default/a', { signal }),
    listEntityIncidents: signal =>
      client.listEntityIncidents('component:default/a', {}, { signal }),
    getIncident: signal => client.getIncident('id', { signal }),
    getEntityIncidentSummary: signal =>
      client.getEntityIncidentSummary('component:default/a', {}, { signal }),
    listSloRevisions: signal => client.listSloRevisions('id', { signal }),
  };

  it.each(Object.entries(reads))(
    '%s stops when its signal is aborted',
    async (_name, read) => {
      const controller = new AbortController();
      const pending = read(controller.signal);
      setTimeout(() => controller.abort(), 20);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    },
  );
});
