/*
 * GET /entities/{ref}/backlog through a real backend on every test database: stored SLO snapshots
 * and incident action items (the built-in items), a local Jira Cloud and a local GitHub API
 * (node http on 127.0.0.1), a catalog that hides one entity from one user. The health figures are
 * worked out by hand below from the fixture ages.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import {
  SloDefinition,
  SloEvaluation,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import request from 'supertest';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import {
  FIRST_EVALUATION_IN_AN_HOUR,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { countingCatalog, userOf } from '../__testUtils__/countingCatalog';
import { component, group } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  TrackerServer,
  startTrackerServer,
} from '../__testUtils__/trackerServer';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const JANE = 'user:default/jane';
const BOB = 'user:default/bob';
const DAY = 86_400_000;

const entities = [
  component('checkout', {
    annotations: {
      'jira/project-key': 'PAY',
      'github.com/project-slug': 'acme/checkout',
    },
  }),
  component('broken', {
    annotations: {
      'jira/project-key': 'DENIED',
      'github.com/project-slug': 'acme/busy',
    },
  }),
  component('slow', { annotations: { 'jira/project-key': 'SLOW' } }),
  component('plain'),
  component('secret', { annotations: { 'jira/project-key': 'PAY' } }),
  // The action items' owner.
  group('team-a', []),
];
const visibleTo = (user: string, name: string | undefined) =>
  name !== 'secret' || user === JANE;

function snapshot(
  slo: SloDefinition,
  status: SloStatus,
  remaining: number,
  at: Date,
): SloEvaluation {
  return storedEvaluation(slo, at, {
    status,
    remaining,
    sli: 0.999,
    window: {
      start: new Date(at.getTime() - 30 * DAY).toISOString(),
      end: at.toISOString(),
    },
  });
}

describe.each(databases.eachSupportedId())(
  'GET /entities/{ref}/backlog on %p',
  databaseId => {
    let app: any;
    let jira: TrackerServer;
    let github: TrackerServer;
    const now = Date.now();
    /** A Jira time `days` days before the test started. */
    const daysAgo = (days: number) => new Date(now - days * DAY).toISOString();

    beforeAll(async () => {
      jira = await startTrackerServer(({ query }) => {
        const jql = query.get('jql') ?? '';
        if (jql.includes('"DENIED"')) return { status: 401, text: '' };
        if (jql.includes('"SLOW"')) return 'hang';
        const issue = (key: string, days: number, fields: object) => ({
          id: key,
          key,
          fields: {
            summary: `Issue ${key}`,
            status: { name: 'To Do', statusCategory: { key: 'new' } },
            labels: [],
            created: daysAgo(days),
            updated: daysAgo(days),
            ...fields,
          },
        });
        // Two pages: PAY-1, PAY-2 | PAY-3.
        return query.get('nextPageToken') === 'p2'
          ? {
              json: {
                issues: [
                  issue('PAY-3', 200, {
                    issuetype: { name: 'Story' },
                    priority: { name: 'Low' },
                    labels: ['Reliability'],
                  }),
                ],
                isLast: true,
              },
            }
          : {
              json: {
                issues: [
                  issue('PAY-1', 10, {
                    issuetype: { name: 'Bug' },
                    priority: { name: 'High' },
                  }),
                  issue('PAY-2', 100, {
                    issuetype: { name: 'Story' },
                    priority: null,
                  }),
                ],
                nextPageToken: 'p2',
                isLast: false,
              },
            };
      });
      github = await startTrackerServer(({ path }) => {
        if (path.includes('/busy/')) {
          return { status: 429, headers: { 'retry-after': '30' }, json: {} };
        }
        const gh = (
          number: number,
          days: number,
          labels: string[],
          pr = false,
        ) => ({
          number,
          title: `GH ${number}`,
          html_url: `https://github.com/acme/checkout/issues/${number}`,
          state: 'open',
          labels: labels.map(name => ({ name })),
          assignee: null,
          created_at: daysAgo(days),
          updated_at: daysAgo(days),
          ...(pr && { pull_request: {} }),
        });
        return {
          json: [
            gh(1, 40, []),
            gh(2, 400, ['priority: high']),
            gh(3, 5, [], true),
          ],
        };
      });

      const knex = await databases.init(databaseId as TestDatabaseId);
      const { catalog } = countingCatalog(entities, (entity, credentials) =>
        visibleTo(
          userOf(credentials) ?? '',
          // Reads of only `kind` (the incident routes') have no name: visible.
          entity.metadata?.name,
        ),
      );
      const backend = await startStewardshipTestBackend({
        database: knex,
        catalog,
        config: {
          app: { baseUrl: 'http://localhost:3000' },
          integrations: {
            github: [
              { host: 'github.com', apiBaseUrl: github.url, token: 'gh' },
            ],
          },
          stewardship: {
            backlog: {
              topN: 5,
              timeout: { milliseconds: 800 },
              jira: {
                baseUrl: jira.url,
                email: 'bot@example.com',
                apiToken: 'secret',
                pageSize: 2,
              },
            },
            slos: { evaluation: { schedule: FIRST_EVALUATION_IN_AN_HOUR } },
          },
        },
      });
      app = backend.server;

      // Built-in items: an exhausted and an at-risk SLO (a healthy one is no item) ...
      const store = DatabaseSloStore.fromClient(knex);
      const slo = (name: string) =>
        store.createSlo(
          {
            entityRef: 'component:default/checkout',
            name,
            sli: { type: 'ratio', good: 'ok', total: 'all' },
            objective: 0.999,
            timeWindow: { type: 'rolling', duration: '30d' },
            budgetingMethod: 'occurrences',
            metricSource: 'prom',
            alertPolicies: [],
            labels: {},
          },
          'user:default/test',
        );
      const at = new Date(now - 60_000);
      const [exhausted, atRisk, healthy] = [
        await slo('availability'),
        await slo('latency'),
        await slo('errors'),
      ];
      await store.saveSnapshot(snapshot(exhausted, 'exhausted', -0.25, at));
      await store.saveSnapshot(snapshot(atRisk, 'at-risk', 0.4, at));
      await store.saveSnapshot(snapshot(healthy, 'healthy', 0.9, at));

      // ... and an incident's open action item (a done one is no item).
      const auth = mockCredentials.user.header(JANE);
      const incident = await request(app)
        .post('/api/stewardship/incidents')
        .set('Authorization', auth)
        .send({
          entityRef: 'component:default/checkout',
          title: 'Outage',
          severity: 'SEV2',
        });
      if (incident.status !== 201)
        throw new Error(JSON.stringify(incident.body));
      for (const [title, status] of [
        ['Add a retry budget', 'open'],
        ['Write the postmortem', 'done'],
      ]) {
        const item = await request(app)
          .post(`/api/stewardship/incidents/${incident.body.id}/action-items`)
          .set('Authorization', auth)
          .send({ title, status, ownerRef: 'group:default/team-a' });
        if (item.status !== 201) throw new Error(JSON.stringify(item.body));
      }
    }, 120_000);

    afterAll(async () => {
      await jira?.stop();
      await github?.stop();
    });

    const get = (ref: string, user = JANE) =>
      request(app)
        .get(`/api/stewardship/entities/${ref}/backlog`)
        .set('Authorization', mockCredentials.user.header(user));

    it('401 without credentials', async () => {
      const res = await request(app).get(
        '/api/stewardship/entities/component/default/checkout/backlog',
      );
      expect(res.status).toBe(401);
    });

    it('404 for an entity the caller cannot see, or that does not exist', async () => {
      expect((await get('component/default/secret', BOB)).status).toBe(404);
      expect((await get('component/default/nope')).status).toBe(404);
      expect((await get('component/default/secret', JANE)).status).toBe(200);
    });

    it('400 for a malformed ref', async () => {
      const res = await get('component/default/bad%20name');
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    });

    it('merges every provider by rank and computes the figures', async () => {
      const jiraCalls = jira.requests.length;
      const res = await get('Component/Default/Checkout');
      expect(res.status).toBe(200);
      openApi.assertMatches('EntityBacklog', res.body);
      // Two Jira pages, one GitHub page.
      expect(jira.requests.length - jiraCalls).toBe(2);

      // Ranks per provider: SLOs (exhausted 1, at-risk 2), action items (1), Jira (1, 2, 3),
      // GitHub (1, 2; the pull request dropped). All rank 1 first, in provider order.
      expect(
        res.body.items.map((i: any) => `${i.provider} ${i.key} ${i.rank}`),
      ).toEqual([
        'slos availability 1',
        'incident-action-items SEV2 action 1',
        'jira PAY-1 1',
        'github #1 1',
        'slos latency 2',
        'jira PAY-2 2',
        'github #2 2',
        'jira PAY-3 3',
      ]);
      const byKey = Object.fromEntries(
        res.body.items.map((i: any) => [i.key, i]),
      );
      expect(byKey.availability).toMatchObject({
        type: 'slo',
        status: 'exhausted',
        priority: 'Highest',
        reliability: true,
        link: 'http://localhost:3000/catalog/default/component/checkout/slos',
      });
      expect(byKey['SEV2 action']).toMatchObject({
        title: 'Add a retry budget (incident: Outage)',
        priority: 'High',
        assignee: 'group:default/team-a',
        reliability: true,
      });
      expect(byKey['PAY-1']).toMatchObject({
        reliability: true,
        reliabilityReason: 'type Bug',
      });
      expect(byKey['PAY-3']).toMatchObject({
        reliability: true,
        reliabilityReason: 'label Reliability',
      });
      expect(byKey['PAY-2'].reliability).toBe(false);
      expect(byKey['#2']).toMatchObject({
        priority: 'high',
        reliability: false,
      });

      // Ages in days: built-in items ≈ 0 (stored a minute or less ago), PAY-1 10, #1 40,
      // PAY-2 100, #2 400, PAY-3 200.
      // Top 5 (configured): availability 0, action 0, PAY-1 10, #1 40, latency 0.
      //   average = (0 + 0 + 10 + 40 + 0) / 5 = 10 days; median of 0, 0, 0, 10, 40 = 0;
      //   reliability = availability, action, PAY-1 (Bug), latency = 4 of 5 = 0.8.
      const { top, all } = res.body.figures;
      expect(top.n).toBe(5);
      expect(top.count).toBe(5);
      expect(top.averageAgeDays).toBeCloseTo(10, 2);
      expect(top.medianAgeDays).toBeCloseTo(0, 2);
      expect(top.meetsAgeTarget).toBe(true);
      expect(top.reliabilityCount).toBe(4);
      expect(top.reliabilityShare).toBeCloseTo(0.8, 12);
      // All 8: 0–30: three built-ins and PAY-1 = 4; 30–90: #1 = 1; 90–180: PAY-2 = 1;
      // > 180: PAY-3, #2 = 2. Untriaged (no priority): PAY-2 and #1 = 2.
      expect(all.count).toBe(8);
      expect(all.ageHistogram.map((b: any) => b.count)).toEqual([4, 1, 1, 2]);
      expect(all.olderThan180Days).toBe(2);
      expect(all.untriaged).toBe(2);

      expect(
        res.body.providers.map((p: any) => [p.provider, p.status, p.itemCount]),
      ).toEqual([
        ['slos', 'ok', 2],
        ['incident-action-items', 'ok', 1],
        ['jira', 'ok', 3],
        ['github', 'ok', 2],
      ]);
    });

    it('serves the same answer from the cache per caller, and reads again for another', async () => {
      await get('component/default/checkout', JANE);
      const [j, g] = [jira.requests.length, github.requests.length];
      await get('component/default/checkout', JANE);
      expect([jira.requests.length, github.requests.length]).toEqual([j, g]);
      await get('component/default/checkout', BOB);
      expect([jira.requests.length, github.requests.length]).toEqual([
        j + 2,
        g + 1,
      ]);
    });

    it('a refused tracker and a rate-limited one make the backlog partial, never a 500', async () => {
      const res = await get('component/default/broken');
      expect(res.status).toBe(200);
      openApi.assertMatches('EntityBacklog', res.body);
      expect(res.body.providers).toEqual([
        expect.objectContaining({
          provider: 'slos',
          status: 'ok',
          itemCount: 0,
        }),
        expect.objectContaining({
          provider: 'incident-action-items',
          status: 'ok',
        }),
        expect.objectContaining({
          provider: 'jira',
          status: 'error',
          message: 'Jira: token rejected (HTTP 401)',
        }),
        expect.objectContaining({
          provider: 'github',
          status: 'error',
          message: 'GitHub: rate limited, retry after 30 s',
          retryAfterSeconds: 30,
        }),
      ]);
      expect(res.body.items).toEqual([]);
      expect(res.body.figures.top).toEqual({
        n: 5,
        count: 0,
        ageTargetDays: 90,
        reliabilityCount: 0,
      });
    });

    it('a tracker that does not answer in time is cut off at the deadline', async () => {
      const started = Date.now();
      const res = await get('component/default/slow');
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(
        res.body.providers.find((p: any) => p.provider === 'jira'),
      ).toMatchObject({
        status: 'error',
        message: 'Jira: no answer within 0.8 s',
      });
    });

    it('an entity without tracker annotations lists only the built-in providers', async () => {
      const res = await get('component/default/plain');
      expect(res.body.providers.map((p: any) => p.provider)).toEqual([
        'slos',
        'incident-action-items',
      ]);
    });
  },
);
