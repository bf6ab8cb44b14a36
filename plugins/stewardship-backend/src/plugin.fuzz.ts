/*
 * Spec-driven fuzzing of the running plugin: scripts/test.sh step `fuzz`, kept out of `unit`
 * (Jest's default testMatch is *.test.*).
 *
 * For every operation in the spec the router is built from, fast-check generates requests from
 * the spec's own schemas: valid ones (mixed with values the server can accept, such as entities
 * in the catalog, see fuzzHints) and ones with one thing broken (a parameter, the query string,
 * the JSON or YAML body). Each is sent without and then with credentials to the real plugin on
 * SQLite, with a real Prometheus and misbehaving metric sources behind it; FuzzRun says what
 * fails a request. Then every stored SLO is read and exported once. Last, on every test database,
 * 50 parallel PUTs of one version must produce exactly one winner.
 *
 * Deterministic: a fixed seed (STEWARDSHIP_FUZZ_SEED overrides it; STEWARDSHIP_FUZZ_CASES sets
 * the cases per operation; STEWARDSHIP_FUZZ_VERBOSE=1 logs valid cases the server refused). The
 * seed and the requests sent per operation are printed.
 */
/* eslint-disable no-restricted-imports, @backstage/no-undeclared-imports --
 * a test, but named *.fuzz.ts to keep it out of the unit step; the lint rules' test-file
 * patterns (*.test.*, __testUtils__) do not cover that name. */
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { stewardshipPlugin } from './plugin';
import { spec } from './schema/openapi';
import { FaultyServer, startFaultyServer } from './__testUtils__/faultyServer';
import { invalidCase, validCase } from './__testUtils__/fuzz/fuzzCases';
import { fuzzEntities, fuzzHints } from './__testUtils__/fuzz/fuzzHints';
import { FuzzRun } from './__testUtils__/fuzz/FuzzRun';
import { readOperations } from './__testUtils__/fuzz/operations';
import { SloPool } from './__testUtils__/fuzz/SloPool';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { createSpecChecker } from './__testUtils__/fuzz/specChecker';
import { YAML_BOMBS } from './__testUtils__/fuzz/yamlBodies';
import {
  TestPrometheus,
  startPrometheus,
  writeOpenMetrics,
} from './__testUtils__/prometheus';

const SEED = Number(process.env.STEWARDSHIP_FUZZ_SEED ?? 20261130);
const CASES_PER_OPERATION = Number(process.env.STEWARDSHIP_FUZZ_CASES ?? 100);
const BASE = '/api/stewardship';
const asUser = mockCredentials.user.header('user:default/jane');
const WEBHOOK_SECRET = 'fuzz-webhook-secret';

/** Ten days of a steady 1 % error rate at 5-minute resolution, ending now. */
function steadyHistory() {
  const end = Math.floor(Date.now() / 300_000) * 300;
  const ok: Array<[number, number]> = [];
  const all: Array<[number, number]> = [];
  for (let i = 0, t = end - 10 * 86400; t <= end; i++, t += 300) {
    ok.push([t, i * 495]);
    all.push([t, i * 500]);
  }
  return writeOpenMetrics([
    { name: 'req_total', labels: { job: 'api', code: '200' }, samples: ok },
    { name: 'req_all_total', labels: { job: 'api' }, samples: all },
  ]);
}

const slo = (name: string, metricSource: string, entity = 'checkout') => ({
  entityRef: `component:default/${entity}`,
  name,
  sli: {
    type: 'ratio',
    good: 'req_total{job="api",code="200"}',
    total: 'req_all_total{job="api"}',
  },
  objective: 0.98,
  timeWindow: { type: 'rolling', duration: '7d' },
  metricSource,
});

describe('the plugin against its OpenAPI spec, fuzzed', () => {
  const operations = readOperations(spec);
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const pool = new SloPool();
  let app: any;
  let knex: Knex;
  let prometheus: TestPrometheus | undefined;
  let faulty: FaultyServer[] = [];

  beforeAll(async () => {
    const [prom, ...others] = await Promise.all([
      startPrometheus({ openMetrics: steadyHistory() }),
      startFaultyServer('http500'),
      startFaultyServer('nan'),
      startFaultyServer('wrongShape'),
    ]);
    prometheus = prom;
    faulty = others;
    knex = await databases.init('SQLITE_3');
    const source = (baseUrl: string) => ({ type: 'prometheus', baseUrl });
    const backend = await startTestBackend({
      features: [
        stewardshipPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: fuzzEntities }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        // No scheduled run may write rows while the fuzzer compares them.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            stewardship: {
              metricSources: {
                prom: source(prom.url),
                flaky: source(others[0].url),
                nan: source(others[1].url),
                shape: source(others[2].url),
              },
              incidents: {
                pagerduty: {
                  webhookSecrets: [WEBHOOK_SECRET],
                  // Far above what the fuzzer sends: its cases must not meet the rate limit.
                  rateLimit: { requestsPerMinute: 1_000_000 },
                },
              },
            },
          },
        }),
      ],
    });
    app = backend.server;
    for (const fixture of [
      slo('availability', 'prom'),
      slo('flaky', 'flaky'),
    ]) {
      const res = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .send(fixture);
      if (res.status !== 201) {
        throw new Error(`Fixture SLO not created: ${res.status} ${res.text}`);
      }
      pool.addFixture(res.body.id, res.body.version);
    }
    const incident = await request(app)
      .post(`${BASE}/incidents`)
      .set('Authorization', asUser)
      .send({ entityRef: 'checkout', title: 'Fixture', severity: 'SEV2' });
    if (incident.status !== 201) {
      throw new Error(
        `Fixture incident not created: ${incident.status} ${incident.text}`,
      );
    }
    pool.addIncident(incident.body.id, incident.body.version);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([prometheus?.stop(), ...faulty.map(f => f.stop())]);
  });

  it('answers every operation as the spec says, with and without credentials', async () => {
    const started = Date.now();
    const run = new FuzzRun({
      app,
      base: BASE,
      knex,
      pool,
      spec,
      verbose: Boolean(process.env.STEWARDSHIP_FUZZ_VERBOSE),
      webhookSecret: WEBHOOK_SECRET,
    });
    // Cases per operation (2 valid : 3 broken), sent round-robin so that state interleaves.
    const perOperation = operations.map((operation, i) =>
      fc.sample(
        fc.oneof(
          { weight: 2, arbitrary: validCase(spec, operation, fuzzHints) },
          { weight: 3, arbitrary: invalidCase(spec, operation, fuzzHints) },
        ),
        { seed: SEED + i, numRuns: CASES_PER_OPERATION },
      ),
    );
    for (let i = 0; i < CASES_PER_OPERATION; i++) {
      for (const cases of perOperation) await run.exercise(cases[i]);
    }
    // Every YAML bomb once, whatever the sample held.
    const importSlos = operations.find(o => o.operationId === 'importSlos')!;
    for (const bomb of YAML_BOMBS) {
      await run.exercise({
        operation: importSlos,
        label: `body ${bomb.why}`,
        pathParams: {},
        query: [['metricSource', 'prom']],
        body: { contentType: 'application/yaml', text: bomb.value },
      });
    }
    // Every SLO still stored, including the odd ones the fuzzer created, read and exported once.
    const sweep = operations.filter(o =>
      ['getSlo', 'exportSloAsOpenSlo'].includes(o.operationId),
    );
    for (const id of pool.liveIds()) {
      for (const operation of sweep) {
        await run.exercise({
          operation,
          label: 'every stored SLO',
          pathParams: { id },
          query: [],
        });
      }
    }

    // Every incident stored, read once.
    const getIncident = operations.find(o => o.operationId === 'getIncident')!;
    for (const id of pool.incidentIds()) {
      await run.exercise({
        operation: getIncident,
        label: 'every stored incident',
        pathParams: { id },
        query: [],
      });
    }

    const { lines, total } = run.summary(operations);
    const failures = run.failureReport();
    // eslint-disable-next-line no-console
    console.log(
      [
        `Fuzzed ${operations.length} operations of src/schema/openapi.yaml, fast-check seed ${SEED}, ${CASES_PER_OPERATION} cases each (+ every YAML bomb, + every stored SLO read and exported), each case sent without and with credentials. Requests by operation and status:`,
        ...lines,
        `  total: ${total} requests in ${(
          (Date.now() - started) /
          1000
        ).toFixed(1)} s, ${failures.length} kinds of failure`,
      ].join('\n'),
    );
    expect(failures).toEqual([]);
  }, 600_000);
});

// On every test database: PostgreSQL runs the 50 updates truly in parallel.
const allDatabases = createTestDatabases();
describe.each(allDatabases.eachSupportedId())(
  'concurrent updates on %p',
  databaseId => {
    let app: any;
    let knex: Knex;

    beforeAll(async () => {
      knex = await allDatabases.init(databaseId as TestDatabaseId);
      const backend = await startTestBackend({
        features: [
          stewardshipPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: fuzzEntities }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              stewardship: {
                // Never queried: updates do not evaluate.
                metricSources: {
                  prom: { type: 'prometheus', baseUrl: 'http://127.0.0.1:9' },
                },
              },
            },
          }),
        ],
      });
      app = backend.server;
    }, 120_000);

    it('lets exactly one of 50 parallel PUTs of one version win', async () => {
      const created = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .send(slo('contended', 'prom', 'cart'));
      expect(created.status).toBe(201);
      const { id, version, createdAt, updatedAt, ...stored } = created.body;
      const revisions = () => knex('slo_revisions').where({ slo_id: id });
      const revisionsBefore = (await revisions()).length;

      const objectives = Array.from({ length: 50 }, (_, i) => 0.5 + i / 100);
      const responses = await Promise.all(
        objectives.map(objective =>
          request(app)
            .put(`${BASE}/slos/${id}`)
            .set('Authorization', asUser)
            .send({ ...stored, objective, version }),
        ),
      );
      expect(responses.map(r => r.status).sort()).toEqual([
        200,
        ...Array(49).fill(409),
      ]);
      const checker = createSpecChecker(spec);
      const updateSlo = readOperations(spec).find(
        o => o.operationId === 'updateSlo',
      )!;
      for (const res of responses) {
        const received = {
          status: res.status,
          contentType: res.headers['content-type'],
          text: res.text,
        };
        expect(checker.responseProblems(updateSlo, received)).toEqual([]);
      }

      const winner = responses.find(r => r.status === 200)!;
      const read = await request(app)
        .get(`${BASE}/slos/${id}`)
        .set('Authorization', asUser);
      expect(read.body).toMatchObject({
        version: version + 1,
        objective: winner.body.objective,
      });
      expect(objectives).toContain(read.body.objective);
      expect(await revisions()).toHaveLength(revisionsBefore + 1);
    });
  },
);
