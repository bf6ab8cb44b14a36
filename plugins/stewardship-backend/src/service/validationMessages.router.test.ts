/*
 * The spec validator's 400s through the real plugin: patterns and formats said in words with the
 * value received, as a caller of the API (or the UI under a form field) reads them.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';

const asUser = mockCredentials.user.header('user:default/jane');
// Closed after the file's tests (the default database keeps the worker alive); at the top
// level, as it registers an afterAll.
const database = inMemoryDatabaseFactory();

describe('the validator’s 400s, in words', () => {
  let app: any;

  beforeAll(async () => {
    const backend = await startStewardshipTestBackend({
      database,
      scheduler: mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      entities: [component('checkout')],
      config: {
        stewardship: { metricSources: { prom: REFUSING_PROMETHEUS } },
      },
    });
    app = backend.server;
  });

  it('says what a moment must look like, and what arrived for an unencoded +', async () => {
    const res = await request(app)
      .get('/api/stewardship/slos/overview?at=2026-01-01T10:00:00+02:00')
      .set('Authorization', asUser);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message:
        'request/query/at must be an ISO 8601 date and time with a time zone (e.g. 2026-11-30T12:00:00Z) (got "2026-01-01T10:00:00 02:00"; in a URL a + must be written %2B)',
    });
  });

  it('says an entity kind’s rule in a path', async () => {
    const res = await request(app)
      .get('/api/stewardship/entities/comp%20onent/default/checkout/ownership')
      .set('Authorization', asUser);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'request/params/kind must be letters and digits, starting with a letter (e.g. component)',
    );
  });

  it('says the duration and name rules of an SLO body, and changes nothing', async () => {
    const res = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', asUser)
      .send({
        entityRef: 'checkout',
        name: 'My SLO',
        sli: { type: 'ratio', good: 'ok', total: 'all' },
        objective: 0.99,
        timeWindow: { type: 'rolling', duration: '30 days' },
        metricSource: 'prom',
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message.split(', request/')).toEqual([
      'request/body/name must be lower-case letters, digits and - _ . (starting and ending with a letter or digit, e.g. availability) (got "My SLO")',
      'body/timeWindow/duration must be a duration in s, m, h, d or w (e.g. 30d or 1h30m) (got "30 days")',
    ]);
    const list = await request(app)
      .get('/api/stewardship/slos')
      .set('Authorization', asUser);
    expect(list.body.totalCount).toBe(0);
  });

  it('names the fields a body does not take, and those it does', async () => {
    const res = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', asUser)
      .send({
        entityRef: 'checkout',
        name: 'availability',
        sli: { type: 'ratio', good: 'ok', total: 'all', threshold: 0.3 },
        objective: 0.99,
        target: 0.99,
        timeWindow: {
          type: 'calendar',
          unit: 'month',
          timeZone: 'UTC',
          duration: '30d',
        },
        metricSource: 'prom',
      });
    expect(res.status).toBe(400);
    const problems = res.body.error.message.split(', request/');
    expect(problems).toContain(
      'request/body must not have the field "target" (it takes "entityRef", "name", "description", "sli", "objective", "timeWindow", "budgetingMethod", "timeslice", "metricSource", "alertPolicies", "labels", "minEvents", "schedule")',
    );
    // Inside the SLI, as its type (ratio) says.
    expect(problems).toContain(
      'body/sli must not have the field "threshold" (it takes "type", "good", "bad", "total")',
    );
    // The calendar form, the second of the two, as its type says.
    expect(problems).toContain(
      'body/timeWindow must not have the field "duration" (it takes "type", "unit", "timeZone")',
    );
    const override = await request(app)
      .post(
        '/api/stewardship/entities/component/default/checkout/release-gate/overrides',
      )
      .set('Authorization', asUser)
      .send({ reason: 'hotfix', expiresAt: '2099-01-01T00:00:00Z' });
    expect(override.status).toBe(400);
    expect(override.body.error.message).toContain(
      'request/body must not have the field "reason" (it takes "justification", "expiresAt")',
    );
  });

  describe('a body far over the spec’s limits', () => {
    const byEntities = (body: unknown) =>
      request(app)
        .post('/api/stewardship/slos/by-entities')
        .set('Authorization', asUser)
        .send(body as object);

    it('answers a list of 500,000 wrong items with its limit alone, in a short reply', async () => {
      // 1 MB: the most the API reads. Every item is of the wrong type (a number, not a ref).
      const res = await byEntities({ entityRefs: Array(500_000).fill(1) });
      expect(res.status).toBe(400);
      // One problem, not one per item: the items of a list over its limit are not checked.
      expect(res.body.error.message).toBe(
        'request/body/entityRefs must NOT have more than 100 items',
      );
      expect(res.text.length).toBeLessThan(2_000);
    });

    it('says the first 20 problems of a list within its limit, and how many more there are', async () => {
      const res = await byEntities({ entityRefs: Array(100).fill(1) });
      expect(res.status).toBe(400);
      const problems = res.body.error.message.split(', request/');
      const expected = Array.from(
        { length: 20 },
        (_, i) => `body/entityRefs/${i} must be string`,
      );
      expected[0] = `request/${expected[0]}`;
      expect(problems).toEqual([
        ...expected,
        'body has 80 more problems (not listed)',
      ]);
    });

    it('names 20 of an object’s many unknown fields, and counts the rest', async () => {
      const body: Record<string, unknown> = { entityRefs: [1] };
      for (let i = 0; i < 30_000; i++) body[`extra${i}`] = true;
      const res = await byEntities(body);
      expect(res.status).toBe(400);
      const named = Array.from({ length: 20 }, (_, i) => `"extra${i}"`);
      // Refused for its fields alone: what they hold is not checked.
      expect(res.body.error.message).toBe(
        `request/body must not have the fields ${named.join(
          ', ',
        )} and 29980 more (it takes "entityRefs", "at")`,
      );
    });

    it('says a map over its limit on an SLO preview, and an incident’s list over its own', async () => {
      const labels: Record<string, number> = {};
      for (let i = 0; i < 60_000; i++) labels[`k${i}`] = i;
      const preview = await request(app)
        .post('/api/stewardship/slos/preview')
        .set('Authorization', asUser)
        .send({
          entityRef: 'checkout',
          name: 'availability',
          sli: { type: 'ratio', good: 'ok', total: 'all' },
          objective: 0.99,
          timeWindow: { type: 'rolling', duration: '30d' },
          metricSource: 'prom',
          labels,
        });
      expect(preview.status).toBe(400);
      expect(preview.body.error.message).toBe(
        'request/body/labels must NOT have more than 50 properties',
      );
      const incident = await request(app)
        .post('/api/stewardship/incidents')
        .set('Authorization', asUser)
        .send({
          entityRef: 'checkout',
          title: 'Checkout down',
          severity: 'SEV2',
          affectedEntityRefs: Array(300_000).fill(1),
        });
      expect(incident.status).toBe(400);
      expect(incident.body.error.message).toBe(
        'request/body/affectedEntityRefs must NOT have more than 50 items',
      );
      const incidents = await request(app)
        .get('/api/stewardship/incidents')
        .set('Authorization', asUser);
      expect(incidents.body.totalCount).toBe(0);
    });
  });

  describe('a oneOf without a discriminator: the problems of the branch meant', () => {
    // The spec's two: an alert policy (a preset, a budget share in a window, or a burn rate over
    // two windows) and a ratio SLI's good or bad.
    const slo = {
      entityRef: 'checkout',
      name: 'availability',
      sli: { type: 'ratio', good: 'ok', total: 'all' },
      objective: 0.99,
      timeWindow: { type: 'rolling', duration: '30d' },
      metricSource: 'prom',
    };
    const create = (body: object) =>
      request(app)
        .post('/api/stewardship/slos')
        .set('Authorization', asUser)
        .send({ ...slo, ...body });
    const stored = async () =>
      (
        await request(app)
          .get('/api/stewardship/slos')
          .set('Authorization', asUser)
      ).body.totalCount;
    const policyShapes =
      '{severity, budgetPercent, within}, {severity, burnRate, longWindow, shortWindow}';

    it('says only the problems of the alert policy form its fields pick, and stores nothing', async () => {
      const res = await create({
        alertPolicies: [
          { severity: 'page', budgetPercent: 0, within: '1h' },
          {
            severity: 'pager',
            burnRate: 14.4,
            longWindow: '1h',
            shortWindow: '5m',
          },
          { preset: 'sre' },
          { severity: 'ticket', budgetPercent: 10, window: '3d' },
          { preset: 'sre-workbook', severity: 'page' },
        ],
        objective: 1.5,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message.split(', request/')).toEqual([
        // A problem outside the policies stays where it was.
        'request/body/objective must be < 1',
        'body/alertPolicies/0/budgetPercent must be > 0',
        'body/alertPolicies/1/severity must be equal to one of the allowed values: page, ticket',
        'body/alertPolicies/2/preset must be equal to one of the allowed values: sre-workbook',
        "body/alertPolicies/3 must have required property 'within'",
        'body/alertPolicies/3 must not have the field "window" (it takes "name", "severity", "budgetPercent", "within", "shortWindow")',
        'body/alertPolicies/4 must not have the field "severity" (it takes "preset")',
      ]);
      expect(await stored()).toBe(0);
    });

    it('lists the alert policy forms when the fields do not pick one', async () => {
      const res = await create({
        alertPolicies: [
          {},
          { severity: 'page' },
          { severity: 'page', budgetPercent: 2, longWindow: '1h' },
          { severity: 'urgent', shortWindow: '5m' },
          'sre-workbook',
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message.split(', request/')).toEqual([
        `request/body/alertPolicies/0 must have the fields of one of: {preset}, ${policyShapes}`,
        `body/alertPolicies/1 must have the fields of one of: ${policyShapes}`,
        `body/alertPolicies/2 must have the fields of one of: ${policyShapes}`,
        // What both forms say of a field the policy has is said too.
        'body/alertPolicies/3/severity must be equal to one of the allowed values: page, ticket',
        `body/alertPolicies/3 must have the fields of one of: ${policyShapes}`,
        'body/alertPolicies/4 must be object',
        `body/alertPolicies/4 must have the fields of one of: {preset}, ${policyShapes}`,
      ]);
      expect(await stored()).toBe(0);
    });

    it('says a ratio SLI takes one of good and bad, keeping its other problems', async () => {
      const neither = await create({ sli: { type: 'ratio', total: '' } });
      expect(neither.status).toBe(400);
      expect(neither.body.error.message).toBe(
        'request/body/sli must have the fields of one of: {good}, {bad}, request/body/sli/total must NOT have fewer than 1 characters',
      );
      const both = await create({
        sli: { type: 'ratio', good: 'ok', bad: 'failed', total: 'all' },
      });
      expect(both.status).toBe(400);
      expect(both.body.error.message).toBe(
        'request/body/sli must have the fields of only one of: {good}, {bad}',
      );
      expect(await stored()).toBe(0);
    });

    it('keeps the messages of the forms a type picks (SLI kinds, time windows)', async () => {
      const res = await create({
        sli: { type: 'latency', good: 'fast', total: 'all' },
        timeWindow: { type: 'calendar', unit: 'year', timeZone: 'UTC' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        "request/body/sli must have required property 'thresholdSeconds', request/body/timeWindow/unit must be equal to one of the allowed values: month, quarter",
      );
    });

    it('narrows the same way on a preview and a replace, and the SLO stays as it was', async () => {
      const preview = await request(app)
        .post('/api/stewardship/slos/preview')
        .set('Authorization', asUser)
        .send({
          ...slo,
          alertPolicies: [
            {
              severity: 'page',
              burnRate: 0,
              longWindow: '1h',
              shortWindow: '5m',
            },
          ],
        });
      expect(preview.status).toBe(400);
      expect(preview.body.error.message).toBe(
        'request/body/alertPolicies/0/burnRate must be > 0',
      );

      const created = await create({ name: 'replaced' });
      expect(created.status).toBe(201);
      const put = await request(app)
        .put(`/api/stewardship/slos/${created.body.id}`)
        .set('Authorization', asUser)
        .send({
          ...slo,
          name: 'replaced',
          version: 1,
          objective: 0.95,
          sli: { type: 'ratio', total: 'all' },
          alertPolicies: [{ severity: 'ticket', budgetPercent: 10 }],
        });
      expect(put.status).toBe(400);
      expect(put.body.error.message).toBe(
        "request/body/sli must have the fields of one of: {good}, {bad}, request/body/alertPolicies/0 must have required property 'within'",
      );
      const read = await request(app)
        .get(`/api/stewardship/slos/${created.body.id}`)
        .set('Authorization', asUser);
      expect(read.body).toMatchObject({ version: 1, objective: 0.99 });
      expect(read.body.alertPolicies).toEqual(created.body.alertPolicies);
    });
  });
});
