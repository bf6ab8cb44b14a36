/*
 * The SLO API through a real backend (startTestBackend) on every test database, with a real
 * Prometheus behind evaluations: status codes, validation messages with field paths, optimistic
 * concurrency, soft deletion, snapshots, and response bodies checked against openapi.yaml.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';
import { component } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import {
  TestPrometheus,
  startPrometheus,
  writeOpenMetrics,
} from '../__testUtils__/prometheus';
import { FaultyServer, startFaultyServer } from '../__testUtils__/faultyServer';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');

// Ten days of a steady 1 % error rate (the 30-day window sees these ten), ending a minute ago (statuses are evaluated "now").
const END = Math.floor(Date.now() / 60_000) * 60 - 60;
function steadyHistory() {
  const ok: Array<[number, number]> = [];
  const all: Array<[number, number]> = [];
  for (let i = 0, t = END - 10 * 86400; t <= END; i++, t += 60) {
    ok.push([t, i * 99]);
    all.push([t, i * 100]);
  }
  return writeOpenMetrics([
    { name: 'req_total', labels: { job: 'api', code: '200' }, samples: ok },
    { name: 'req_all_total', labels: { job: 'api' }, samples: all },
  ]);
}

const validSlo = {
  entityRef: 'component:default/checkout',
  name: 'availability',
  description: '99 % of requests succeed',
  sli: {
    type: 'ratio',
    good: 'req_total{job="api",code="200"}',
    total: 'req_all_total{job="api"}',
  },
  objective: 0.98,
  // 30 days: with a 7-day period even a steady 0.5 burn opens the 10 %-in-3-days ticket.
  timeWindow: { type: 'rolling', duration: '30d' },
  metricSource: 'prom',
};

describe.each(databases.eachSupportedId())('SLO API on %p', databaseId => {
  let app: any;
  let prometheus: TestPrometheus;
  let faulty: FaultyServer;

  beforeAll(async () => {
    [prometheus, faulty] = await Promise.all([
      startPrometheus({ openMetrics: steadyHistory() }),
      startFaultyServer('http500'),
    ]);
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startStewardshipTestBackend({
      database: knex,
      entities: [
        component('checkout'),
        {
          ...component('cart'),
          relations: [
            { type: 'dependsOn', targetRef: 'component:default/checkout' },
          ],
        },
      ],
      config: {
        stewardship: {
          metricSources: {
            prom: {
              type: 'prometheus',
              baseUrl: prometheus.url,
              uiUrl: prometheus.url,
            },
            flaky: { type: 'prometheus', baseUrl: faulty.url },
          },
        },
      },
    });
    app = backend.server;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([prometheus?.stop(), faulty?.stop()]);
  });

  const post = (body: unknown) =>
    request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', asUser)
      .send(body as object);

  it('rejects every route without credentials', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['get', '/slos'],
      ['post', '/slos'],
      ['post', '/slos/import'],
      ['post', '/slos/preview'],
      ['post', '/slos/by-entities'],
      ['get', `/slos/${id}`],
      ['put', `/slos/${id}`],
      ['delete', `/slos/${id}`],
      ['get', `/slos/${id}/openslo`],
      ['get', `/slos/${id}/status`],
      ['get', `/slos/${id}/snapshot`],
      ['get', `/slos/${id}/history`],
      ['post', `/slos/${id}/evaluate`],
      ['get', `/slos/${id}/corrections`],
      ['get', `/slos/${id}/revisions`],
      ['post', `/slos/${id}/corrections`],
      ['delete', `/slos/${id}/corrections/${id}`],
      ['get', '/entities/component/default/checkout/slos'],
      ['get', '/entities/component/default/cart/slos/dependency-ceiling'],
    ] as const) {
      const res = await (request(app) as any)[method](
        `/api/stewardship${path}`,
      );
      expect([method, path, res.status]).toEqual([method, path, 401]);
      openApi.assertMatches('Error', res.body);
    }
  });

  it("serves an entity's dependency ceiling from the SLOs of what it depends on", async () => {
    const created = await post({
      ...validSlo,
      name: 'ceiling-dependency',
      objective: 0.9,
    });
    expect(created.status).toBe(201);
    const ceiling = await request(app)
      .get(
        '/api/stewardship/entities/Component/default/Cart/slos/dependency-ceiling',
      )
      .set('Authorization', asUser);
    expect(ceiling.status).toBe(200);
    openApi.assertMatches('EntityDependencyCeiling', ceiling.body);
    // The weakest ratio objective among checkout's SLOs, read back through the list route.
    const list = await request(app)
      .get('/api/stewardship/slos?entityRef=checkout')
      .set('Authorization', asUser);
    const weakest = Math.min(
      ...list.body.items
        .filter((s: any) => s.sli.type === 'ratio')
        .map((s: any) => s.objective),
    );
    expect(weakest).toBeLessThanOrEqual(0.9);
    expect(ceiling.body).toMatchObject({
      entityRef: 'component:default/cart',
      ceiling: weakest,
      dependencies: [{ entityRef: 'component:default/checkout' }],
      objectives: [],
    });

    const unknown = await request(app)
      .get(
        '/api/stewardship/entities/component/default/nope/slos/dependency-ceiling',
      )
      .set('Authorization', asUser);
    expect(unknown.status).toBe(404);
    openApi.assertMatches('Error', unknown.body);
    await request(app)
      .delete(`/api/stewardship/slos/${created.body.id}`)
      .set('Authorization', asUser)
      .expect(204);
  });

  it('names a label key with a slash as written, not as a JSON pointer', async () => {
    const res = await post({
      ...validSlo,
      labels: { 'team.io/tier': 'x'.repeat(201), 'a~b': 'x'.repeat(201) },
    });
    expect(res.status).toBe(400);
    // The validator's pointer says team.io~1tier and a~0b; the client wrote team.io/tier and a~b.
    expect(res.body.error.message).toMatch(
      /^request\/body\/labels\/(team\.io\/tier|a~b) must NOT have more than 200 characters/,
    );
    expect(res.body.error.message).not.toMatch(/~[01]/);
  });

  it('creates, reads, updates with optimistic concurrency and deletes an SLO', async () => {
    const created = await post(validSlo);
    expect(created.status).toBe(201);
    openApi.assertMatches('SloDefinition', created.body);
    expect(created.body).toMatchObject({
      ...validSlo,
      version: 1,
      budgetingMethod: 'occurrences',
      alertPolicies: [],
      labels: {},
    });
    const { id } = created.body;

    const read = await request(app)
      .get(`/api/stewardship/slos/${id}`)
      .set('Authorization', asUser);
    expect(read.body).toEqual(created.body);

    expect((await post(validSlo)).status).toBe(409);

    const put = (version: number, objective: number) =>
      request(app)
        .put(`/api/stewardship/slos/${id}`)
        .set('Authorization', asUser)
        .send({ ...validSlo, objective, version });
    const updated = await put(1, 0.97);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ objective: 0.97, version: 2 });
    const stale = await put(1, 0.5);
    expect(stale.status).toBe(409);
    openApi.assertMatches('Error', stale.body);
    expect(stale.body.error.message).toBe(
      `SLO ${id} is at version 2, not 1: it changed since you read it; read it again and retry`,
    );

    // Who changed what: created, then the objective.
    const revisions = await request(app)
      .get(`/api/stewardship/slos/${id}/revisions`)
      .set('Authorization', asUser);
    expect(revisions.status).toBe(200);
    openApi.assertMatches('SloRevisionList', revisions.body);
    expect(
      revisions.body.items.map((r: any) => [
        r.version,
        r.action,
        r.actor,
        r.changedFields,
      ]),
    ).toEqual([
      [1, 'created', 'user:default/jane', []],
      [2, 'updated', 'user:default/jane', ['objective']],
    ]);

    const list = await request(app)
      .get('/api/stewardship/slos?entityRef=component:default/checkout')
      .set('Authorization', asUser);
    openApi.assertMatches('SloList', list.body);
    expect(list.body.items.map((s: any) => [s.id, s.objective])).toEqual([
      [id, 0.97],
    ]);

    const deleted = await request(app)
      .delete(`/api/stewardship/slos/${id}`)
      .set('Authorization', asUser);
    expect(deleted.status).toBe(204);
    for (const path of [
      `/slos/${id}`,
      `/slos/${id}/status`,
      `/slos/${id}/openslo`,
      `/slos/${id}/revisions`,
    ]) {
      const res = await request(app)
        .get(`/api/stewardship${path}`)
        .set('Authorization', asUser);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await put(3, 0.9)).status).toBe(404);
  });

  it('answers 400 naming each bad field, and stores nothing', async () => {
    const before = (
      await request(app)
        .get('/api/stewardship/slos')
        .set('Authorization', asUser)
    ).body.totalCount;
    const bad = await post({
      ...validSlo,
      name: 'bad',
      objective: 1.5,
      timeWindow: { type: 'rolling', duration: 'soon' },
      sli: { type: 'ratio', total: 'x_total' },
    });
    expect(bad.status).toBe(400);
    openApi.assertMatches('Error', bad.body);
    for (const path of ['objective', 'timeWindow', 'sli']) {
      expect(bad.body.error.message).toContain(path);
    }

    const unknownSource = await post({
      ...validSlo,
      name: 'x',
      metricSource: 'nope',
    });
    expect(unknownSource.status).toBe(400);
    expect(unknownSource.body.error.message).toContain(
      'no metric source "nope"',
    );

    const unknownEntity = await post({
      ...validSlo,
      name: 'x',
      entityRef: 'component:default/ghost',
    });
    expect(unknownEntity.status).toBe(400);
    expect(unknownEntity.body.error.message).toContain('not in the catalog');

    const tooFast = await post({
      ...validSlo,
      name: 'x',
      alertPolicies: [
        { severity: 'page', burnRate: 80, longWindow: '1h', shortWindow: '5m' },
      ],
    });
    expect(tooFast.status).toBe(400);
    expect(tooFast.body.error.message).toContain('alertPolicies[0]');

    const malformed = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', asUser)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(malformed.status).toBe(400);

    for (const path of [
      '/slos/not-a-uuid',
      '/slos?limit=0',
      '/slos?color=red',
      // The spec validator lets Infinity through as an integer; the router refuses it.
      '/slos?limit=Infinity',
      '/slos?offset=-Infinity',
      '/incidents?limit=Infinity',
    ]) {
      const res = await request(app)
        .get(`/api/stewardship${path}`)
        .set('Authorization', asUser);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(
        /limit|offset|not-a-uuid|color|request/,
      );
    }
    const after = (
      await request(app)
        .get('/api/stewardship/slos')
        .set('Authorization', asUser)
    ).body.totalCount;
    expect(after).toBe(before);
  });

  it('evaluates against Prometheus, stores snapshots and serves them without querying the source', async () => {
    const created = await post({ ...validSlo, name: 'evaluated' });
    const { id } = created.body;
    const flaky = await post({
      ...validSlo,
      name: 'flaky',
      metricSource: 'flaky',
    });

    const entityBefore = await request(app)
      .get('/api/stewardship/entities/component/default/checkout/slos')
      .set('Authorization', asUser);
    expect(entityBefore.status).toBe(200);
    const mine = entityBefore.body.items.find((i: any) => i.slo.id === id);
    expect(mine).toMatchObject({ stale: true });
    expect(mine.evaluation).toBeUndefined();
    // Nothing stored yet: no snapshot to explain (and none is evaluated to make one).
    const none = await request(app)
      .get(`/api/stewardship/slos/${id}/snapshot`)
      .set('Authorization', asUser);
    expect(none.status).toBe(404);
    openApi.assertMatches('Error', none.body);
    expect(none.body.error.message).toContain('has no stored evaluation as of');

    const evaluated = await request(app)
      .post(`/api/stewardship/slos/${id}/evaluate`)
      .set('Authorization', asUser);
    expect(evaluated.status).toBe(200);
    openApi.assertMatches('SloEvaluation', evaluated.body);
    // Exactly 1 % errors against a 2 % budget: half the budget left, burning at 0.5.
    expect(evaluated.body).toMatchObject({ status: 'healthy' });
    expect(evaluated.body.sli).toBeCloseTo(0.99, 6);
    expect(evaluated.body.errorBudget.remaining).toBeCloseTo(0.5, 6);
    expect(
      evaluated.body.burnRates.find((b: any) => b.window === '1h').burnRate,
    ).toBeCloseTo(0.5, 6);
    // Each query links to the source's own UI (uiUrl), which the real Prometheus serves.
    const { queries, queryLinks } = evaluated.body.explanation;
    expect(Object.keys(queryLinks).sort()).toEqual([...queries].sort());
    const link = new URL(queryLinks[queries[0]]);
    expect(link.origin + link.pathname).toBe(`${prometheus.url}/graph`);
    expect(link.searchParams.get('g0.expr')).toBe(queries[0]);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Prometheus');

    const flakyEvaluation = await request(app)
      .post(`/api/stewardship/slos/${flaky.body.id}/evaluate`)
      .set('Authorization', asUser);
    expect(flakyEvaluation.body).toMatchObject({
      status: 'no-data',
      noDataReason: 'source-error',
    });
    // No uiUrl configured: no links.
    expect(flakyEvaluation.body.explanation.queryLinks).toBeUndefined();
    expect(flakyEvaluation.body.reason).toContain('500');

    const requestsBefore = faulty.requests;
    const entity = await request(app)
      .get('/api/stewardship/entities/component/default/checkout/slos')
      .set('Authorization', asUser);
    openApi.assertMatches('EntitySlos', entity.body);
    expect(faulty.requests).toBe(requestsBefore); // a page view never fans out to the source
    // No staleAfter configured: twice the default 5-minute cadence, which is also the 10-minute
    // floor. A page left open marks an SLO stale by it.
    expect(entity.body.stalenessSeconds).toBe(2 * 5 * 60);
    const listed = entity.body.items.find((i: any) => i.slo.id === id);
    expect(listed).toMatchObject({
      stale: false,
      evaluation: {
        status: 'healthy',
        evaluatedAt: evaluated.body.evaluatedAt,
      },
    });
    // The list carries the evaluation without its explanation (most of its size) ...
    expect(Object.keys(listed.evaluation).sort()).toEqual(
      Object.keys(evaluated.body)
        .filter(key => key !== 'explanation')
        .sort(),
    );
    // ... which the snapshot route serves for the listed moment: the same stored evaluation,
    // explained, with its links added when served, and no run of the source.
    const snapshot = await request(app)
      .get(`/api/stewardship/slos/${id}/snapshot?at=${listed.evaluation.at}`)
      .set('Authorization', asUser);
    expect(snapshot.status).toBe(200);
    openApi.assertMatches('SloEvaluation', snapshot.body);
    expect(snapshot.body).toEqual({
      ...listed.evaluation,
      explanation: evaluated.body.explanation,
    });
    expect(snapshot.body.explanation.queryLinks).toEqual(queryLinks);
    expect(faulty.requests).toBe(requestsBefore);
    // Before the first snapshot there is none to explain.
    const before = await request(app)
      .get(
        `/api/stewardship/slos/${id}/snapshot?at=${new Date(
          Date.parse(listed.evaluation.at) - 1,
        ).toISOString()}`,
      )
      .set('Authorization', asUser);
    expect(before.status).toBe(404);

    const status = await request(app)
      .get(`/api/stewardship/slos/${id}/status`)
      .set('Authorization', asUser);
    expect(status.body.evaluatedAt).toBe(evaluated.body.evaluatedAt); // the snapshot, not a new run

    // As of three days ago no snapshot exists: the status is evaluated for that moment.
    const threeDaysAgo = new Date((END - 3 * 86400) * 1000).toISOString();
    const past = await request(app)
      .get(`/api/stewardship/slos/${id}/status?at=${threeDaysAgo}`)
      .set('Authorization', asUser);
    expect(past.status).toBe(200);
    expect(past.body.at).toBe(threeDaysAgo);
    expect(past.body.sli).toBeCloseTo(0.99, 6);

    await request(app)
      .post(`/api/stewardship/slos/${id}/evaluate?at=${threeDaysAgo}`)
      .set('Authorization', asUser)
      .expect(200);
    const history = await request(app)
      .get(`/api/stewardship/slos/${id}/history`)
      .set('Authorization', asUser);
    openApi.assertMatches('SloHistory', history.body);
    expect(history.body.points.map((p: any) => p.at)).toEqual([
      threeDaysAgo,
      evaluated.body.at,
    ]);
    // As of a moment just before the latest snapshot, the history ends there (`to` = `at`) ...
    const justBefore = new Date(
      Date.parse(evaluated.body.at) - 1,
    ).toISOString();
    const historyAsOf = await request(app)
      .get(`/api/stewardship/slos/${id}/history?at=${justBefore}`)
      .set('Authorization', asUser);
    expect(historyAsOf.status).toBe(200);
    openApi.assertMatches('SloHistory', historyAsOf.body);
    expect(historyAsOf.body.points.map((p: any) => p.at)).toEqual([
      threeDaysAgo,
    ]);
    // ... and cannot reach past it.
    const beyondAt = await request(app)
      .get(
        `/api/stewardship/slos/${id}/history?at=${threeDaysAgo}&to=${evaluated.body.at}`,
      )
      .set('Authorization', asUser);
    expect(beyondAt.status).toBe(400);
    expect(beyondAt.body.error.message).toMatch(/"to": must not be after "at"/);
    // A future `to` is named as such, not as `at`.
    const futureTo = await request(app)
      .get(`/api/stewardship/slos/${id}/history?to=2999-01-01T00:00:00Z`)
      .set('Authorization', asUser);
    expect(futureTo.status).toBe(400);
    expect(futureTo.body.error.message).toBe(
      'Invalid query parameter "to": must not be in the future',
    );

    for (const query of [
      'at=yesterday',
      'at=2999-01-01T00:00:00Z',
      'at=2026-01-01T00:00:00Z&x=1',
    ]) {
      for (const route of ['status', 'snapshot', 'history']) {
        const res = await request(app)
          .get(`/api/stewardship/slos/${id}/${route}?${query}`)
          .set('Authorization', asUser);
        expect([route, query, res.status]).toEqual([route, query, 400]);
      }
    }
  });

  it('previews an unsaved SLO against Prometheus and stores nothing', async () => {
    const count = async () =>
      (
        await request(app)
          .get('/api/stewardship/slos')
          .set('Authorization', asUser)
      ).body.totalCount;
    const before = await count();
    const preview = (body: unknown) =>
      request(app)
        .post('/api/stewardship/slos/preview')
        .set('Authorization', asUser)
        .send(body as object);

    const res = await preview({ ...validSlo, name: 'not-saved' });
    expect(res.status).toBe(200);
    openApi.assertMatches('SloEvaluation', res.body);
    expect(res.body).toMatchObject({
      sloId: 'preview',
      sloVersion: 0,
      entityRef: 'component:default/checkout',
      status: 'healthy',
    });
    // The history: 100 requests a minute for ten days, 99 of them good. The counters' whole rise
    // is 100 × 14,400 minutes. "Now" lies after the last sample, and increase() extrapolates to the
    // window's end by up to 1.1 sample intervals (66 s of 100 a minute: at most 110 more).
    expect(res.body.counts.total).toBeGreaterThanOrEqual(1_440_000);
    expect(res.body.counts.total).toBeLessThanOrEqual(1_440_110);
    expect(res.body.counts.good / res.body.counts.total).toBeCloseTo(0.99, 9);
    expect(res.body.explanation.queries.join('\n')).toContain(
      'req_all_total{job="api"}',
    );

    // A query that matches nothing is caught before saving.
    const broken = await preview({
      ...validSlo,
      name: 'typo',
      sli: { ...validSlo.sli, total: 'req_al_total{job="api"}' },
    });
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({
      status: 'no-data',
      noDataReason: 'no-series',
    });

    // What a create would reject, a preview rejects with the same field paths.
    const invalid = await preview({ ...validSlo, objective: 1.5 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('objective');
    const unknownSource = await preview({ ...validSlo, metricSource: 'nope' });
    expect(unknownSource.status).toBe(400);
    expect(unknownSource.body.error.message).toContain('metricSource');

    expect(await count()).toBe(before);
  });

  it('keeps corrections beside the SLO, counts no events in them, and rejects bad ones naming the field', async () => {
    const created = await post({ ...validSlo, name: 'corrected' });
    const { id } = created.body;
    const corrections = () =>
      request(app)
        .get(`/api/stewardship/slos/${id}/corrections`)
        .set('Authorization', asUser);
    const add = (body: unknown) =>
      request(app)
        .post(`/api/stewardship/slos/${id}/corrections`)
        .set('Authorization', asUser)
        .send(body as object);

    // One whole day of the ten with data: 1,440 minutes of 100 requests, 99 good.
    const day = {
      start: new Date((END - 2 * 86400) * 1000).toISOString(),
      end: new Date((END - 86400) * 1000).toISOString(),
    };
    const added = await add({ reason: 'Load test day', once: day });
    expect(added.status).toBe(201);
    openApi.assertMatches('SloCorrection', added.body);
    expect(added.body).toMatchObject({
      reason: 'Load test day',
      once: day,
      author: 'user:default/jane',
    });
    const listed = await corrections();
    openApi.assertMatches('SloCorrectionList', listed.body);
    expect(listed.body.items).toEqual([added.body]);

    const before = await request(app)
      .post('/api/stewardship/slos/preview')
      .set('Authorization', asUser)
      .send({ ...validSlo, name: 'uncorrected' });
    const evaluated = await request(app)
      .post(`/api/stewardship/slos/${id}/evaluate`)
      .set('Authorization', asUser);
    expect(evaluated.status).toBe(200);
    // "Now" is off the scrape grid, so increase() extrapolates the newest minute a little
    // differently for the window and for its last interval: equal to within one event.
    // (SloEvaluator.prometheus.test.ts checks corrections exactly, on the grid.)
    expect(
      Math.abs(
        before.body.counts.total - evaluated.body.counts.total - 1440 * 100,
      ),
    ).toBeLessThan(1);
    expect(
      Math.abs(
        before.body.counts.good - evaluated.body.counts.good - 1440 * 99,
      ),
    ).toBeLessThan(1);

    // The history names the excluded time, for shading the burndown.
    const history = await request(app)
      .get(`/api/stewardship/slos/${id}/history`)
      .set('Authorization', asUser);
    openApi.assertMatches('SloHistory', history.body);
    expect(history.body.excluded).toEqual([
      {
        start: new Date(day.start).toISOString(),
        end: new Date(day.end).toISOString(),
      },
    ]);

    // A PUT of the spec leaves the corrections alone.
    const { corrections: kept, ...definition } = (
      await request(app)
        .get(`/api/stewardship/slos/${id}`)
        .set('Authorization', asUser)
    ).body;
    expect(kept).toEqual([added.body]);
    const { id: _id, createdAt: _c, updatedAt: _u, ...spec } = definition;
    const put = await request(app)
      .put(`/api/stewardship/slos/${id}`)
      .set('Authorization', asUser)
      .send({ ...spec, description: 'changed' });
    expect(put.status).toBe(200);
    expect(put.body.corrections).toEqual([added.body]);

    for (const [body, field] of [
      [
        {
          reason: 'both',
          once: day,
          weekly: {
            days: ['sun'],
            from: '02:00',
            to: '04:00',
            timeZone: 'UTC',
          },
        },
        'give exactly one of once',
      ],
      [{ reason: 'neither' }, 'give exactly one of once'],
      [
        { reason: 'backwards', once: { start: day.end, end: day.start } },
        'once.end',
      ],
      [
        {
          reason: 'no zone',
          once: { start: '2026-11-01T00:00:00', end: day.end },
        },
        'once.start',
      ],
      [
        {
          reason: 'mars',
          weekly: {
            days: ['sun'],
            from: '02:00',
            to: '04:00',
            timeZone: 'Mars/Olympus',
          },
        },
        'weekly.timeZone',
      ],
      [
        {
          reason: 'late',
          weekly: {
            days: ['sun'],
            from: '25:00',
            to: '04:00',
            timeZone: 'UTC',
          },
        },
        'weekly.from',
      ],
      [{ reason: '', once: day }, 'reason'],
    ] as const) {
      const res = await add(body);
      expect([field, res.status]).toEqual([field, 400]);
      // The spec's validator writes paths with slashes (request/body/once/start), zod with dots.
      expect(res.body.error.message.replace(/\//g, '.')).toContain(field);
    }
    expect((await corrections()).body.items).toHaveLength(1);

    // Any offset, and a space for the T, is stored as the UTC instant (as every moment is).
    const offset = await add({
      reason: 'Written in Berlin',
      once: { start: '2026-01-01 09:30:00+01:00', end: '2026-01-01T11:00:00Z' },
    });
    expect(offset.status).toBe(201);
    expect(offset.body.once).toEqual({
      start: '2026-01-01T08:30:00.000Z',
      end: '2026-01-01T11:00:00.000Z',
    });
    expect(
      (await corrections()).body.items.find(
        (c: { id: string }) => c.id === offset.body.id,
      ).once,
    ).toEqual(offset.body.once);
    await request(app)
      .delete(`/api/stewardship/slos/${id}/corrections/${offset.body.id}`)
      .set('Authorization', asUser);
    expect((await corrections()).body.items).toHaveLength(1);

    const unknownSlo = await request(app)
      .post(
        '/api/stewardship/slos/00000000-0000-4000-8000-000000000000/corrections',
      )
      .set('Authorization', asUser)
      .send({ reason: 'x', once: day });
    expect(unknownSlo.status).toBe(404);

    const removed = await request(app)
      .delete(`/api/stewardship/slos/${id}/corrections/${added.body.id}`)
      .set('Authorization', asUser);
    expect(removed.status).toBe(204);
    expect((await corrections()).body.items).toEqual([]);
    const again = await request(app)
      .delete(`/api/stewardship/slos/${id}/corrections/${added.body.id}`)
      .set('Authorization', asUser);
    expect(again.status).toBe(404);
  });

  it('validates a business-hours schedule on the SLO, naming the field', async () => {
    const res = await post({
      ...validSlo,
      name: 'business-hours',
      schedule: {
        days: ['mon'],
        from: '09:00',
        to: '17:00',
        timeZone: 'Nowhere/Land',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('schedule.timeZone');
    const ok = await post({
      ...validSlo,
      name: 'business-hours',
      schedule: {
        days: ['mon', 'fri'],
        from: '09:00',
        to: '17:00',
        timeZone: 'Europe/Berlin',
      },
    });
    expect(ok.status).toBe(201);
    openApi.assertMatches('SloDefinition', ok.body);
    expect(ok.body.schedule).toEqual({
      days: ['mon', 'fri'],
      from: '09:00',
      to: '17:00',
      timeZone: 'Europe/Berlin',
    });
  });

  it('imports OpenSLO all or nothing and exports it again', async () => {
    const yaml = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: imported
spec:
  service: cart
  indicator:
    metadata: { name: cart-availability }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { metricSourceRef: prom, type: Prometheus, spec: { query: 'req_total{job="api",code="200"}' } } }
        total: { metricSource: { metricSourceRef: prom, type: Prometheus, spec: { query: 'req_all_total{job="api"}' } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.995 }]
`;
    const broken = yaml.replace('target: 0.995', 'target: 7');
    const send = (body: string) =>
      request(app)
        .post('/api/stewardship/slos/import')
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(body);

    const rejected = await send(
      `${yaml}---\n${broken.replace('imported', 'other')}`,
    );
    expect(rejected.status).toBe(400);
    // The broken SLO is the second document: "document 2" (messages count from 1).
    expect(rejected.body.error.message).toMatch(/document 2: .*objective/s);
    const listed = await request(app)
      .get('/api/stewardship/slos?entityRef=component:default/cart')
      .set('Authorization', asUser);
    expect(listed.body.totalCount).toBe(0);

    const ghost = await send(
      `${yaml}---\n${yaml
        .replace('name: imported', 'name: haunted')
        .replace('service: cart', 'service: ghost')}`,
    );
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.message).toContain(
      'component:default/ghost "haunted": entityRef: component:default/ghost is not in the catalog',
    );
    expect(ghost.body.error.message).not.toContain('component:default/cart');

    const imported = await send(yaml);
    expect(imported.status).toBe(201);
    expect(imported.body.items).toHaveLength(1);
    expect(imported.body.items[0]).toMatchObject({
      entityRef: 'component:default/cart',
      name: 'imported',
      objective: 0.995,
    });

    // The name is taken now: the import is a 409 naming the document, and so is its preview.
    for (const path of ['import', 'import?dryRun=true']) {
      const again = await request(app)
        .post(`/api/stewardship/slos/${path}`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(yaml);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(
        `document 1: metadata.name: component:default/cart already has an SLO named "imported" (id ${imported.body.items[0].id})`,
      );
    }

    const exported = await request(app)
      .get(`/api/stewardship/slos/${imported.body.items[0].id}/openslo`)
      .set('Authorization', asUser);
    expect(exported.status).toBe(200);
    expect(exported.type).toBe('application/yaml');
    expect(exported.text).toContain('apiVersion: openslo/v1');
    expect(exported.text).toContain('target: 0.995');

    const empty = await send('');
    expect(empty.status).toBe(400);
    const notYaml = await send('{{{');
    expect(notYaml.status).toBe(400);
  });
});
