/*
 * The backlog-provider extension point, proven by a backend module that adds a provider: an
 * entity it applies to lists the module's items (ranked, classified as reliability work by the
 * configured types and labels), and an id registered twice, or a built-in one, stops the backend.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  BacklogProvider,
  stewardshipBacklogProvidersExtensionPoint,
} from '@stewardship/backstage-plugin-stewardship-node';
import request from 'supertest';
import { component } from './__testUtils__/entities';
import { inMemoryDatabaseFactory } from './__testUtils__/testDatabases';
import { startStewardshipTestBackend } from './__testUtils__/stewardshipTestBackend';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

/** A tracker of a module: two open items for entities annotated `linear.app/team`. */
function linearModule(id: string, moduleId = `${id}-backlog`) {
  const provider: BacklogProvider = {
    id,
    title: 'Linear',
    appliesTo: entity =>
      Boolean(entity.metadata.annotations?.['linear.app/team']),
    async readItems({ entity }) {
      const team = entity.metadata.annotations!['linear.app/team'];
      return {
        items: [
          {
            id: `${id}:${team}-1`,
            key: `${team}-1`,
            title: 'Flaky checkout test',
            type: 'Bug',
            labels: [],
            priority: 'Urgent',
            createdAt: '2026-01-01T00:00:00.000Z',
            status: 'Todo',
          },
          {
            id: `${id}:${team}-2`,
            key: `${team}-2`,
            title: 'Dark mode',
            type: 'Feature',
            labels: ['ui'],
            createdAt: '2026-01-02T00:00:00.000Z',
            status: 'Triage',
          },
        ],
      };
    },
  };
  return createBackendModule({
    pluginId: 'stewardship',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { backlog: stewardshipBacklogProvidersExtensionPoint },
        async init({ backlog }) {
          backlog.addBacklogProvider(provider);
        },
      });
    },
  });
}

describe('the backlog-provider extension point', () => {
  it("lets a module add a provider whose items the entity's backlog lists", async () => {
    const { server } = await startStewardshipTestBackend({
      database: testDatabase,
      features: [linearModule('linear')],
      entities: [
        component('checkout', {
          annotations: { 'linear.app/team': 'PAY' },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/stewardship/entities/component/default/checkout/backlog')
      .set('Authorization', mockCredentials.user.header('user:default/jane'));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: 'linear:PAY-1',
        provider: 'linear',
        rank: 1,
        reliability: true,
        reliabilityReason: 'type Bug',
        awaitingTriage: false,
      }),
      // No priority, and the default untriaged status `Triage`.
      expect.objectContaining({
        id: 'linear:PAY-2',
        rank: 2,
        reliability: false,
        awaitingTriage: true,
      }),
    ]);
    expect(res.body.figures.all.untriaged).toBe(1);
    expect(res.body.providers.map((p: any) => p.provider)).toEqual([
      'slos',
      'incident-action-items',
      'linear',
    ]);
  });

  it.each([
    ['a built-in id', [linearModule('jira')], 'jira'],
    [
      'an id two modules add',
      [linearModule('linear', 'a'), linearModule('linear', 'b')],
      'linear',
    ],
  ])('refuses %s', async (_, modules, id) => {
    await expect(
      startStewardshipTestBackend({
        database: testDatabase,
        features: modules,
      }),
    ).rejects.toThrow(`A backlog provider "${id}" is already registered`);
  });
});
