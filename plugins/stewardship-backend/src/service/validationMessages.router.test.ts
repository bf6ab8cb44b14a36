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
});
