/*
 * A `__proto__` key in an imported YAML document (a label, with a string or an object value, or
 * any other field) is a 400 naming the document and the path, as JSON `POST /slos` answers a
 * `__proto__` label (a string or an object value) with a 400 naming `labels/__proto__`; nothing is
 * stored, and a preview (`dryRun`) says the same. Before, the import dropped the label without a
 * word.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { minimalOpenSlo } from '../__testUtils__/openSlo';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');

/** An OpenSLO SLO of checkout whose metadata holds `labels` (YAML lines, indented 4). */
const withLabels = (name: string, labels: string) =>
  minimalOpenSlo({
    name,
    service: 'checkout',
    good: 'ok',
    total: 'all',
  }).replace(
    `metadata: { name: ${name} }`,
    `metadata:\n  name: ${name}\n  labels:\n${labels}`,
  );

describe.each(databases.eachSupportedId())(
  'a __proto__ key on %p',
  databaseId => {
    let app: any;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        scheduler: mockServices.scheduler.factory({
          skipTaskRunOnStartup: true,
        }),
        entities: [component('checkout')],
        config: {
          stewardship: { metricSources: { prom: REFUSING_PROMETHEUS } },
        },
      });
      app = backend.server;
    });

    const importYaml = (yaml: string, dryRun = false) =>
      request(app)
        .post(`/api/stewardship/slos/import?dryRun=${dryRun}`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(yaml);
    const stored = async () =>
      (
        await request(app)
          .get('/api/stewardship/slos?entityRef=component:default/checkout')
          .set('Authorization', asUser)
      ).body.totalCount;

    it.each([
      // Refused by the spec's validator, which names fields with slashes.
      ['an object', '{"tier":"critical"}', 'labels/__proto__'],
      // Refused by the SLO spec's rules, which name them as the spec is written. Dropped without
      // a word before: stored with the other label only.
      [
        'a string',
        '"critical"',
        'labels.__proto__: The key "__proto__" is not allowed',
      ],
    ])(
      'is a 400 naming the __proto__ label in JSON, with %s value',
      async (_, value, named) => {
        // As a client sends it: JSON text (an object literal's __proto__ would set its prototype).
        const body = `{"entityRef":"checkout","name":"json","sli":{"type":"ratio","good":"ok","total":"all"},"objective":0.99,"timeWindow":{"type":"rolling","duration":"30d"},"metricSource":"prom","labels":{"__proto__":${value},"team":"payments"}}`;
        const res = await request(app)
          .post('/api/stewardship/slos')
          .set('Authorization', asUser)
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(named);
        expect(await stored()).toBe(0);
      },
    );

    it.each([
      ['a string', '    __proto__: critical'],
      ['an object', '    __proto__: { tier: critical }'],
      ['a quoted key', '    "__proto__": critical\n    tier: gold'],
    ])(
      'is a 400 naming the document and path in an import, for %s',
      async (_, labels) => {
        const yaml = `${minimalOpenSlo({
          name: 'fine',
          service: 'checkout',
          good: 'ok',
          total: 'all',
        })}\n---\n${withLabels('labelled', labels)}`;
        for (const dryRun of [true, false]) {
          const res = await importYaml(yaml, dryRun);
          expect(res.status).toBe(400);
          openApi.assertMatches('Error', res.body);
          expect(res.body.error.message).toBe(
            'Invalid SLO documents:\ndocument 2: metadata.labels.__proto__: The key "__proto__" is not allowed: no field or label may have this name at line 21, column 5',
          );
        }
        expect(await stored()).toBe(0);
      },
    );

    it('is a 400 anywhere else in a document, and in a Sloth spec', async () => {
      const openSlo = minimalOpenSlo({
        name: 'spec-key',
        service: 'checkout',
        good: 'ok',
        total: 'all',
      }).replace('spec:\n', 'spec:\n  __proto__: { service: other }\n');
      const res = await importYaml(openSlo);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'document 1: spec.__proto__: The key "__proto__" is not allowed',
      );
      const sloth = [
        'version: prometheus/v1',
        'service: checkout',
        'labels:',
        '  __proto__: { owner: x }',
        'slos:',
        '  - name: requests',
        '    objective: 99',
        '    sli: { events: { error_query: e, total_query: t } }',
        '    alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } }',
      ].join('\n');
      const slothRes = await request(app)
        .post('/api/stewardship/slos/import?entityRef=checkout')
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(sloth);
      expect(slothRes.status).toBe(400);
      expect(slothRes.body.error.message).toContain(
        'document 1: labels.__proto__: The key "__proto__" is not allowed',
      );
      expect(await stored()).toBe(0);
    });

    it('still imports a label named like another Object member', async () => {
      const res = await importYaml(
        withLabels('constructor-label', '    constructor: x\n    tier: gold'),
      );
      expect(res.status).toBe(201);
      expect(res.body.items[0].labels).toEqual({
        constructor: 'x',
        tier: 'gold',
      });
    });
  },
);
