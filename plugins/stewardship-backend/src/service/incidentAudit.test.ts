/*
 * Incident writes are audit events (medium): who (from the request), what, and how it ended.
 * The PagerDuty webhook has no Backstage credentials, so its events carry the sender in `meta`
 * instead of the request.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { signPagerDutyBody } from '../incidents/pagerduty/verifyPagerDutySignature';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';
import { capturingAuditor, outcomes } from '../__testUtils__/capturingAuditor';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const BASE = '/api/stewardship';
const SECRET = 'audit-test-secret';

describe('incident audit events', () => {
  const success = jest.fn();
  const fail = jest.fn();
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({ success, fail })),
  });
  let app: any;

  beforeAll(async () => {
    const backend = await startStewardshipTestBackend({
      database: testDatabase,
      auditor: auditor.factory,
      entities: [
        component('checkout', {
          annotations: { 'pagerduty.com/service-id': 'PAUDIT' },
        }),
      ],
      scheduler: mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      config: {
        stewardship: {
          incidents: { pagerduty: { webhookSecrets: [SECRET] } },
        },
      },
    });
    app = backend.server;
  });

  beforeEach(() => jest.clearAllMocks());

  it('records a created incident with the request, and a refused one as failed', async () => {
    const res = await request(app)
      .post(`${BASE}/incidents`)
      .set('Authorization', mockCredentials.user.header('user:default/jane'))
      .send({ entityRef: 'checkout', title: 'Down', severity: 'SEV2' });
    expect(res.status).toBe(201);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'incident-create',
        severityLevel: 'medium',
        request: expect.anything(),
      }),
    );
    expect(success).toHaveBeenCalledWith({
      meta: {
        incidentId: res.body.id,
        entityRef: 'component:default/checkout',
      },
    });

    const refused = await request(app)
      .post(`${BASE}/incidents`)
      .set('Authorization', mockCredentials.user.header('user:default/jane'))
      .send({ entityRef: 'ghost', title: 'Down', severity: 'SEV2' });
    expect(refused.status).toBe(400);
    expect(fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'InputError' }),
    });
  });

  it('records a verified PagerDuty delivery without a request, naming the sender', async () => {
    const text = JSON.stringify({
      event: {
        id: 'EVAUDIT',
        event_type: 'incident.triggered',
        // Dated now: a delivery older than the webhook's maxEventAge (3 days) is ignored.
        occurred_at: new Date().toISOString(),
        data: { id: 'PINCAUDIT', title: 'x', service: { id: 'PAUDIT' } },
      },
    });
    const res = await request(app)
      .post(`${BASE}/incidents/webhooks/pagerduty`)
      .set('Content-Type', 'application/json')
      .set('X-PagerDuty-Signature', signPagerDutyBody(text, SECRET))
      .send(text);
    expect(res.status).toBe(202);
    const [[event]] = (auditor.createEvent as jest.Mock).mock.calls;
    expect(event).toMatchObject({
      eventId: 'incident-pagerduty-webhook',
      meta: {
        sender: 'pagerduty (signature verified)',
        pagerDutyEventId: 'EVAUDIT',
      },
    });
    expect(event.request).toBeUndefined();
    expect(success).toHaveBeenCalledWith({
      meta: { outcome: 'created', incidentId: res.body.incidentId },
    });
  });
});

describe('incident change and action item audit events', () => {
  const auditor = capturingAuditor();
  const jane = mockCredentials.user.header('user:default/jane');
  let app: any;

  beforeAll(async () => {
    const backend = await startStewardshipTestBackend({
      database: testDatabase,
      auditor: auditor.factory,
      entities: [component('checkout')],
      scheduler: mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    });
    app = backend.server;
  });

  it('records an incident update and action item writes with the request, and refused ones as failed', async () => {
    const incident = await request(app)
      .post(`${BASE}/incidents`)
      .set('Authorization', jane)
      .send({ entityRef: 'checkout', title: 'Down', severity: 'SEV2' })
      .expect(201);
    const incidentId: string = incident.body.id;
    auditor.events.length = 0;

    await request(app)
      .patch(`${BASE}/incidents/${incidentId}`)
      .set('Authorization', jane)
      .send({ version: 1, status: 'acknowledged' })
      .expect(200);
    // A stale version: refused.
    await request(app)
      .patch(`${BASE}/incidents/${incidentId}`)
      .set('Authorization', jane)
      .send({ version: 1, title: 'Lost update' })
      .expect(409);
    const item = await request(app)
      .post(`${BASE}/incidents/${incidentId}/action-items`)
      .set('Authorization', jane)
      .send({ title: 'Add a canary' })
      .expect(201);
    const actionItemId: string = item.body.id;
    // An owner that is neither a user nor a group: refused.
    await request(app)
      .post(`${BASE}/incidents/${incidentId}/action-items`)
      .set('Authorization', jane)
      .send({ title: 'x', ownerRef: 'component:default/checkout' })
      .expect(400);
    await request(app)
      .patch(`${BASE}/incidents/${incidentId}/action-items/${actionItemId}`)
      .set('Authorization', jane)
      .send({ status: 'done' })
      .expect(200);
    const unknownItem = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    await request(app)
      .patch(`${BASE}/incidents/${incidentId}/action-items/${unknownItem}`)
      .set('Authorization', jane)
      .send({ status: 'done' })
      .expect(404);

    expect(outcomes(auditor.events)).toEqual([
      { eventId: 'incident-update', outcome: 'succeeded' },
      { eventId: 'incident-update', outcome: 'failed' },
      { eventId: 'incident-action-item-create', outcome: 'succeeded' },
      { eventId: 'incident-action-item-create', outcome: 'failed' },
      { eventId: 'incident-action-item-update', outcome: 'succeeded' },
      { eventId: 'incident-action-item-update', outcome: 'failed' },
    ]);
    for (const event of auditor.events) {
      expect(event.created).toMatchObject({
        severityLevel: 'medium',
        request: expect.anything(),
      });
    }
    const [updated, stale, added, badOwner, done, unknown] = auditor.events;
    expect(updated.created.meta).toEqual({
      incidentId,
      fields: ['version', 'status'],
    });
    expect(updated.ended?.meta).toEqual({ version: 2, status: 'acknowledged' });
    expect(stale.created.meta).toEqual({
      incidentId,
      fields: ['version', 'title'],
    });
    expect(stale.ended?.error?.name).toBe('ConflictError');
    expect(added.created.meta).toEqual({ incidentId });
    expect(added.ended?.meta).toEqual({ actionItemId });
    expect(badOwner.created.meta).toEqual({ incidentId });
    expect(badOwner.ended?.error?.name).toBe('InputError');
    expect(done.created.meta).toEqual({
      incidentId,
      actionItemId,
      fields: ['status'],
    });
    expect(done.ended?.meta).toEqual({ status: 'done' });
    expect(unknown.created.meta).toEqual({
      incidentId,
      actionItemId: unknownItem,
      fields: ['status'],
    });
    expect(unknown.ended?.error?.name).toBe('NotFoundError');
  });
});
