/*
 * Rejected PagerDuty deliveries are failed `incident-pagerduty-webhook` audit events: the guard's
 * refusals (too big, unsigned, forged, over the rate, not JSON) and a signed body the spec
 * refuses. Each records the sender as far as it is known, the IP and the size; never the body or
 * the signature, and a refusal's error without its stack.
 */
import { Entity } from '@backstage/catalog-model';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { capturingAuditor } from '../__testUtils__/capturingAuditor';
import { component } from '../__testUtils__/entities';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import {
  DEFAULT_PAGERDUTY_MAX_EVENT_AGE_MS,
  PagerDutySettings,
} from '../incidents/pagerduty/PagerDutySettings';
import { signPagerDutyBody } from '../incidents/pagerduty/verifyPagerDutySignature';
import { stewardshipPlugin } from '../plugin';
import {
  PAGERDUTY_WEBHOOK_PATH,
  UNVERIFIED_REJECTIONS_AUDITED_PER_MINUTE,
  UnverifiedRejectionAudits,
  pagerDutyWebhookGuard,
} from './pagerDutyWebhookRoutes';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();
const SECRET = 'audit-secret-0123456789';
/** Stands for anything secret a forged or broken body could carry. */
const CANARY = 'canary-7f3a';

/** Everything an audit event says, as one string: to show a canary is nowhere in it. */
const everything = (event: Record<string, any>) =>
  JSON.stringify({
    ...event,
    ended: event.ended && {
      ...event.ended,
      error: event.ended.error && {
        name: event.ended.error.name,
        message: event.ended.error.message,
        stack: event.ended.error.stack,
      },
    },
  });

/** A backend with the plugin, `auditor` and the webhook secret; `entities` in its catalog. */
async function startWebhookBackend(
  auditor: ReturnType<typeof capturingAuditor>['auditor'],
  entities: Entity[] = [],
) {
  const backend = await startTestBackend({
    features: [
      testDatabase,
      stewardshipPlugin,
      auditor.factory,
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          stewardship: {
            incidents: { pagerduty: { webhookSecrets: [SECRET] } },
          },
        },
      }),
    ],
  });
  return backend.server;
}

/** A correctly signed body that is not JSON, posted to `path` of `server`. */
function sendSignedNotJson(server: any, path = PAGERDUTY_WEBHOOK_PATH) {
  const notJson = '{"event":';
  return request(server)
    .post(path)
    .set('Content-Type', 'application/json')
    .set('X-PagerDuty-Signature', signPagerDutyBody(notJson, SECRET))
    .send(notJson);
}

describe('pagerDutyWebhookGuard with an auditor', () => {
  const settings: PagerDutySettings = {
    webhookSecrets: [SECRET],
    priorities: {},
    urgencies: {},
    defaultSeverity: 'SEV3',
    requestsPerMinute: 2,
    maxEventAgeMs: DEFAULT_PAGERDUTY_MAX_EVENT_AGE_MS,
  };

  /** The guard before a route that accepts, with Backstage's error handler after it. */
  function app(
    auditor: AuditorService,
    unverifiedAudits?: UnverifiedRejectionAudits,
    logger?: LoggerService,
  ) {
    const server = express();
    server.use(
      pagerDutyWebhookGuard(settings, auditor, { unverifiedAudits, logger }),
    );
    server.post(PAGERDUTY_WEBHOOK_PATH, (_req, res) => {
      res.status(202).json({ outcome: 'ignored' });
    });
    server.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    return server;
  }
  const body = JSON.stringify({ event: { id: CANARY } });

  it('records an unsigned and a forged delivery as failed events, without the body or signature', async () => {
    const { auditor, events } = capturingAuditor();
    const server = app(auditor);
    const unsigned = await request(server)
      .post(PAGERDUTY_WEBHOOK_PATH)
      .set('Content-Type', 'application/json')
      .send(body);
    const forgedSignature = signPagerDutyBody(body, `${CANARY}-guess`);
    const forged = await request(server)
      .post(PAGERDUTY_WEBHOOK_PATH)
      .set('Content-Type', 'application/json')
      .set('X-PagerDuty-Signature', forgedSignature)
      .send(body);
    expect([unsigned.status, forged.status]).toEqual([401, 401]);

    expect(events).toHaveLength(2);
    for (const [index, header] of ['missing', 'present'].entries()) {
      const event = events[index];
      expect(event.created).toEqual({
        eventId: 'incident-pagerduty-webhook',
        severityLevel: 'medium',
        meta: {
          sender: 'unverified',
          ip: expect.any(String),
          signatureHeader: header,
          bodyBytes: Buffer.byteLength(body),
        },
      });
      expect(event.created.request).toBeUndefined();
      expect(event.ended?.status).toBe('failed');
      expect(event.ended?.error?.name).toBe('AuthenticationError');
      expect(event.ended?.error?.stack).toBeUndefined();
      expect(everything(event)).not.toContain(CANARY);
      expect(everything(event)).not.toContain(forgedSignature.slice(3));
    }
    expect(events[0].ended?.error?.message).toBe(
      'Missing X-PagerDuty-Signature header',
    );
    expect(events[1].ended?.error?.message).toBe(
      'X-PagerDuty-Signature matches none of the configured webhook secrets',
    );
  });

  it('records a signed body that is not JSON, one over the size limit and one over the rate', async () => {
    const { auditor, events } = capturingAuditor();
    const server = app(auditor);
    const send = (text: string) =>
      request(server)
        .post(PAGERDUTY_WEBHOOK_PATH)
        .set('Content-Type', 'application/json')
        .set('X-PagerDuty-Signature', signPagerDutyBody(text, SECRET))
        .send(text);

    const notJson = `{"event": "${CANARY}`;
    expect((await send(notJson)).status).toBe(400);
    const big = JSON.stringify({ pad: `${CANARY}${'x'.repeat(300 * 1024)}` });
    expect((await send(big)).status).toBe(413);
    // The rate is 2 a minute and the body that is not JSON used one: one more, then 429.
    expect((await send(body)).status).toBe(202);
    const limited = await send(body);
    expect(limited.status).toBe(429);

    // The accepted delivery is the route's to audit (here a stub that audits nothing).
    expect(
      events.map(e => [
        e.created.meta.sender,
        e.ended?.status,
        e.ended?.error?.name,
      ]),
    ).toEqual([
      ['pagerduty (signature verified)', 'failed', 'InputError'],
      ['unverified', 'failed', 'PayloadTooLargeError'],
      ['pagerduty (signature verified)', 'failed', 'TooManyRequestsError'],
    ]);
    expect(events[0].ended?.error?.message).toBe('The signed body is not JSON');
    expect(events[0].created.meta.bodyBytes).toBe(Buffer.byteLength(notJson));
    // The body was not read: its size is not known.
    expect(events[1].created.meta.bodyBytes).toBeUndefined();
    for (const event of events) {
      expect(event.ended?.error?.stack).toBeUndefined();
      expect(everything(event)).not.toContain(CANARY);
    }
  });

  it('records at most 10 unverified rejections a minute, then says how many it left out', async () => {
    expect(UNVERIFIED_REJECTIONS_AUDITED_PER_MINUTE).toBe(10);
    const { auditor, events } = capturingAuditor();
    let clock = 1_000_000;
    const server = app(
      auditor,
      new UnverifiedRejectionAudits(10, 60_000, () => clock),
    );
    const unsigned = () =>
      request(server)
        .post(PAGERDUTY_WEBHOOK_PATH)
        .set('Content-Type', 'application/json')
        .send(body);
    const forged = () =>
      request(server)
        .post(PAGERDUTY_WEBHOOK_PATH)
        .set('Content-Type', 'application/json')
        .set('X-PagerDuty-Signature', signPagerDutyBody(body, 'a-guess'))
        .send(body);

    // 12 unsigned and 1 forged within the minute: all refused, the first 10 recorded.
    for (let i = 0; i < 12; i++) {
      expect((await unsigned()).status).toBe(401);
    }
    expect((await forged()).status).toBe(401);
    expect(events).toHaveLength(10);
    // A body over the size limit is unverified too: refused, not recorded.
    const big = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
    const tooBig = await request(server)
      .post(PAGERDUTY_WEBHOOK_PATH)
      .set('Content-Type', 'application/json')
      .send(big);
    expect(tooBig.status).toBe(413);
    expect(events).toHaveLength(10);

    // A signed delivery's rejection is recorded every time, bound or not.
    const signedNotJson = await sendSignedNotJson(server);
    expect(signedNotJson.status).toBe(400);
    expect(events).toHaveLength(11);
    expect(events[10].created.meta.sender).toBe(
      'pagerduty (signature verified)',
    );
    expect(events[10].created.meta.suppressedSinceLast).toBeUndefined();

    // Still the same minute (it began at the first refusal): left out too.
    clock += 59_999;
    expect((await unsigned()).status).toBe(401);
    expect(events).toHaveLength(11);

    // A new minute: recorded, with the 2 unsigned, 1 forged, 1 too big and 1 late left out.
    clock += 1;
    expect((await unsigned()).status).toBe(401);
    expect(events).toHaveLength(12);
    expect(events[11].created.meta).toEqual({
      sender: 'unverified',
      ip: expect.any(String),
      signatureHeader: 'missing',
      bodyBytes: Buffer.byteLength(body),
      suppressedSinceLast: 5,
    });
    expect(events[11].ended?.status).toBe('failed');
    // The count starts again: the next one left out none.
    expect((await forged()).status).toBe(401);
    expect(events).toHaveLength(13);
    expect(events[12].created.meta.suppressedSinceLast).toBeUndefined();
  });

  it('warns once in each minute that leaves unverified rejections out of the audit log', async () => {
    const { auditor, events } = capturingAuditor();
    const { logger, lines } = recordingLogger();
    let clock = 5_000_000;
    const server = app(
      auditor,
      new UnverifiedRejectionAudits(10, 60_000, () => clock),
      logger,
    );
    const unsigned = () =>
      request(server)
        .post(PAGERDUTY_WEBHOOK_PATH)
        .set('Content-Type', 'application/json')
        .send(body);
    const warning = {
      level: 'warn',
      message:
        'PagerDuty webhook: more than 10 unverified deliveries this minute; their audit events are left out until the next minute, which counts them',
    };

    // 10 recorded: nothing left out, no warning.
    for (let i = 0; i < 10; i++) {
      expect((await unsigned()).status).toBe(401);
    }
    expect(events).toHaveLength(10);
    expect(lines).toEqual([]);
    // The 11th is the first left out: one warning; the 12th and 13th add none.
    for (let i = 0; i < 3; i++) {
      expect((await unsigned()).status).toBe(401);
    }
    expect(events).toHaveLength(10);
    expect(lines).toEqual([warning]);
    // A signed delivery's rejection is recorded, and warns of nothing.
    const signedNotJson = await sendSignedNotJson(server);
    expect(signedNotJson.status).toBe(400);
    expect(events).toHaveLength(11);
    expect(lines).toEqual([warning]);

    // The next minute records 10 again (the first saying 3 were left out), then warns once more.
    clock += 60_000;
    for (let i = 0; i < 10; i++) {
      expect((await unsigned()).status).toBe(401);
    }
    expect(events).toHaveLength(21);
    expect(events[11].created.meta.suppressedSinceLast).toBe(3);
    expect(lines).toEqual([warning]);
    expect((await unsigned()).status).toBe(401);
    expect((await unsigned()).status).toBe(401);
    expect(events).toHaveLength(21);
    expect(lines).toEqual([warning, warning]);
  });

  it('answers as before when the auditor fails', async () => {
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => {
        throw new Error('auditor down');
      }),
    });
    const res = await request(app(auditor))
      .post(PAGERDUTY_WEBHOOK_PATH)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });
});

describe('PagerDuty webhook route audit, through the backend', () => {
  const { auditor, events } = capturingAuditor();
  let server: any;

  beforeAll(async () => {
    server = await startWebhookBackend(auditor, [
      component('checkout', {
        annotations: { 'pagerduty.com/service-id': 'PAUDIT' },
      }),
    ]);
  });

  beforeEach(() => {
    events.length = 0;
  });

  const sendSigned = (payload: unknown) => {
    const text = JSON.stringify(payload);
    return request(server)
      .post(`/api/stewardship${PAGERDUTY_WEBHOOK_PATH}`)
      .set('Content-Type', 'application/json')
      .set('X-PagerDuty-Signature', signPagerDutyBody(text, SECRET))
      .send(text);
  };

  it('records a forged delivery as a failed event: the backend wires its auditor into the guard', async () => {
    const text = JSON.stringify({ event: { id: CANARY } });
    const res = await request(server)
      .post(`/api/stewardship${PAGERDUTY_WEBHOOK_PATH}`)
      .set('Content-Type', 'application/json')
      .set('X-PagerDuty-Signature', signPagerDutyBody(text, 'not-the-secret'))
      .send(text);
    expect(res.status).toBe(401);
    expect(events).toHaveLength(1);
    expect(events[0].created).toMatchObject({
      eventId: 'incident-pagerduty-webhook',
      meta: { sender: 'unverified', signatureHeader: 'present' },
    });
    expect(events[0].ended?.status).toBe('failed');
    expect(everything(events[0])).not.toContain(CANARY);
  });

  it('records a signed body the spec refuses as one failed event, without its contents', async () => {
    // `event` is required; `events` is not what PagerDuty sends.
    const res = await sendSigned({ events: [{ id: CANARY }] });
    expect(res.status).toBe(400);
    expect(events).toHaveLength(1);
    expect(events[0].created).toEqual({
      eventId: 'incident-pagerduty-webhook',
      severityLevel: 'medium',
      meta: {
        sender: 'pagerduty (signature verified)',
        ip: expect.any(String),
        signatureHeader: 'present',
      },
    });
    expect(events[0].ended?.status).toBe('failed');
    expect(events[0].ended?.error?.name).toBe('InputError');
    expect(events[0].ended?.error?.message).toContain('event');
    expect(events[0].ended?.error?.stack).toBeUndefined();
    expect(everything(events[0])).not.toContain(CANARY);
  });

  it('records a signed delivery of another media type as one failed event, as the route records it', async () => {
    const text = JSON.stringify({ event: { id: CANARY } });
    const res = await request(server)
      .post(`/api/stewardship${PAGERDUTY_WEBHOOK_PATH}`)
      .set('Content-Type', 'text/plain')
      .set('X-PagerDuty-Signature', signPagerDutyBody(text, SECRET))
      .send(text);
    expect(res.status).toBe(400);
    expect(events).toHaveLength(1);
    expect(events[0].created?.meta).toMatchObject({
      sender: 'pagerduty (signature verified)',
    });
    expect(events[0].ended?.status).toBe('failed');
    expect(everything(events[0])).not.toContain(CANARY);
  });

  it('records a delivery the handler refuses once, as the route records it', async () => {
    const res = await sendSigned({
      event: {
        id: 'EVNOID',
        event_type: 'incident.triggered',
        occurred_at: new Date().toISOString(),
        data: { service: { id: 'PAUDIT' } },
      },
    });
    expect(res.status).toBe(400);
    expect(events).toHaveLength(1);
    expect(events[0].created.meta).toMatchObject({
      sender: 'pagerduty (signature verified)',
      pagerDutyEventId: 'EVNOID',
    });
    expect(events[0].ended).toMatchObject({
      status: 'failed',
      error: expect.objectContaining({ name: 'InputError' }),
    });
  });

  it.each([
    [
      // 3 days and a minute: the default maxEventAge is 3 days.
      'older than 3 days',
      () => Date.now() - (3 * 86_400_000 + 60_000),
      'is more than 3 days ago (stewardship.incidents.pagerduty.maxEventAge), so the event is not applied',
    ],
    [
      'in the future',
      () => Date.now() + 10 * 60_000,
      "is in the future, more than 5 minutes ahead of this server's clock, so the event is not applied",
    ],
  ])(
    'records a delivery %s as failed, answered 202 ignored',
    async (_what, at, reason) => {
      const occurredAt = new Date(at()).toISOString();
      const message = `event.occurred_at (${occurredAt}) ${reason}`;
      const res = await sendSigned({
        event: {
          id: 'EVOUTSIDE',
          event_type: 'incident.triggered',
          occurred_at: occurredAt,
          data: { id: 'PINC1', service: { id: 'PAUDIT' } },
        },
      });
      // 202: PagerDuty disables a subscription after three deliveries in a row it dropped,
      // and it drops one answered 4xx.
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ outcome: 'ignored', reason: message });
      expect(events).toHaveLength(1);
      expect(events[0].created.meta).toMatchObject({
        sender: 'pagerduty (signature verified)',
        pagerDutyEventId: 'EVOUTSIDE',
      });
      expect(events[0].ended?.status).toBe('failed');
      expect(events[0].ended?.error?.name).toBe('InputError');
      expect(events[0].ended?.error?.message).toBe(message);
      expect(events[0].ended?.error?.stack).toBeUndefined();
    },
  );

  it('applies a delivery within the default 3 days', async () => {
    const res = await sendSigned({
      event: {
        id: 'EVRECENT',
        event_type: 'incident.triggered',
        occurred_at: new Date(
          Date.now() - (3 * 86_400_000 - 60_000),
        ).toISOString(),
        data: { id: 'PINCRECENT', service: { id: 'PAUDIT' } },
      },
    });
    expect(res.status).toBe(202);
    expect(res.body.outcome).toBe('created');
    expect(events[0].ended?.status).toBe('succeeded');
  });

  it('records a delivery of an event type it does not use as succeeded, ignored', async () => {
    const res = await sendSigned({
      event: {
        id: 'EVSERVICE',
        event_type: 'service.updated',
        occurred_at: '2026-09-10T10:00:00Z',
        data: { id: 'PSVC' },
      },
    });
    expect(res.status).toBe(202);
    expect(events).toHaveLength(1);
    expect(events[0].ended).toEqual({
      status: 'succeeded',
      meta: {
        outcome: 'ignored',
        reason: 'event type service.updated is not used',
      },
    });
  });
});

describe('PagerDuty webhook audit bound, through the backend', () => {
  it('shares one bound with none injected: 11 unsigned deliveries give 10 audit events', async () => {
    const { auditor, events } = capturingAuditor();
    const server = await startWebhookBackend(auditor);
    const text = JSON.stringify({ event: { id: 'EVUNSIGNED' } });
    // A fresh backend, so its bound is unused: 11 unsigned within the minute, 10 recorded.
    for (let i = 0; i < 11; i++) {
      const res = await request(server)
        .post(`/api/stewardship${PAGERDUTY_WEBHOOK_PATH}`)
        .set('Content-Type', 'application/json')
        .send(text);
      expect(res.status).toBe(401);
    }
    const webhookEvents = events.filter(
      e => e.created.eventId === 'incident-pagerduty-webhook',
    );
    expect(webhookEvents).toHaveLength(10);
    expect(events).toHaveLength(10);
    for (const event of webhookEvents) {
      expect(event.created.meta.sender).toBe('unverified');
      expect(event.ended?.status).toBe('failed');
    }
  });
});
