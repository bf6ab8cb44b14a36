/*
 * PagerDuty Webhooks v3 through a real backend: the signature checked over the raw body before
 * anything is parsed (good, bad, missing, rotated, several, tampered), the only route open without
 * Backstage credentials, once-only events, out-of-order events, unknown services and services
 * several entities claim, severity mapping from config, and the rate and size limits.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { stewardshipPlugin } from '../plugin';
import { component } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import {
  createTestDatabases,
  inMemoryDatabaseFactory,
} from '../__testUtils__/testDatabases';
import {
  signPagerDutyBody,
  verifyPagerDutySignature,
} from '../incidents/pagerduty/verifyPagerDutySignature';

const databases = createTestDatabases();
/** For the backend whose database is not what its test is about. */
const testDatabase = inMemoryDatabaseFactory();
const openApi = loadOpenApiValidator();
const PATH = '/api/stewardship/incidents/webhooks/pagerduty';
const OLD_SECRET = 'old-secret-0123456789';
const NEW_SECRET = 'new-secret-9876543210';
/** Long enough for the fixed moments of these deliveries. */
const MAX_EVENT_AGE = { days: 3650 };
const DAY_MS = 86_400_000;

const entities = [
  component('checkout', {
    annotations: { 'pagerduty.com/service-id': 'PSVC001' },
  }),
  component('cart'),
  // One service id on two entities: `aaa-copy` (sorting first) copied the payments team's.
  component('payments', {
    annotations: { 'pagerduty.com/service-id': 'PSVC002' },
  }),
  component('aaa-copy', {
    annotations: { 'pagerduty.com/service-id': 'PSVC002' },
  }),
  // Six claims of PSVC003: a warning names five.
  ...[1, 2, 3, 4, 5, 6].map(n =>
    component(`many-${n}`, {
      annotations: { 'pagerduty.com/service-id': 'PSVC003' },
    }),
  ),
];

let sequence = 0;
/** A v3 delivery for incident `incidentId` of service `serviceId`. */
function delivery(
  eventType: string,
  occurredAt: string,
  data: Record<string, unknown> = {},
  options: { incidentId?: string; serviceId?: string; eventId?: string } = {},
) {
  sequence++;
  return {
    event: {
      id: options.eventId ?? `01EVENT${sequence}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: occurredAt,
      agent: { id: 'PUSER1', summary: 'Jane Doe', type: 'user_reference' },
      client: null,
      data: {
        id: options.incidentId ?? 'PINC001',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/PINC001',
        html_url: 'https://acme.pagerduty.com/incidents/PINC001',
        number: 42,
        status: 'triggered',
        incident_key: 'abc',
        created_at: '2026-09-10T10:00:00Z',
        title: 'Checkout error rate above 5 %',
        service: {
          id: options.serviceId ?? 'PSVC001',
          summary: 'Checkout',
          type: 'service_reference',
        },
        urgency: 'high',
        priority: null,
        ...data,
      },
    },
  };
}

describe.each(databases.eachSupportedId())(
  'PagerDuty webhook on %p',
  databaseId => {
    let app: any;
    let knex: Knex;
    const { logger, lines: logLines } = recordingLogger();

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestBackend({
        features: [
          stewardshipPlugin,
          createServiceFactory({
            service: coreServices.logger,
            deps: {},
            factory: () => logger,
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              stewardship: {
                incidents: {
                  pagerduty: {
                    webhookSecrets: [NEW_SECRET, OLD_SECRET],
                    severity: { urgencies: { low: 'SEV5' }, default: 'SEV4' },
                    // The deliveries below happened on 10 September 2026, not days ago.
                    maxEventAge: MAX_EVENT_AGE,
                  },
                },
              },
            },
          }),
        ],
      });
      app = backend.server;
    });

    beforeEach(async () => {
      for (const table of [
        'incident_webhook_events',
        'incident_action_items',
        'incident_timeline',
        'incidents',
      ]) {
        await knex(table).delete();
      }
    });

    /** Sends `body` as these exact bytes, with the given signature header (none if undefined). */
    const send = (text: string, signature: string | undefined) => {
      const req = request(app)
        .post(PATH)
        .set('Content-Type', 'application/json');
      return (
        signature === undefined
          ? req
          : req.set('X-PagerDuty-Signature', signature)
      ).send(text);
    };
    const sendSigned = (body: unknown, secret = NEW_SECRET) => {
      const text = JSON.stringify(body);
      return send(text, signPagerDutyBody(text, secret));
    };
    const rowCounts = async () =>
      Promise.all(
        [
          'incidents',
          'incident_timeline',
          'incident_action_items',
          'incident_webhook_events',
        ].map(async table =>
          Number((await knex(table).count({ n: '*' }))[0].n),
        ),
      );
    const stored = async () => {
      const rows = await knex('incidents').select('id');
      expect(rows).toHaveLength(1);
      const res = await request(app)
        .get(`/api/stewardship/incidents/${rows[0].id}`)
        .set('Authorization', 'Bearer mock-user-token');
      return res.body;
    };

    describe('signature', () => {
      const body = delivery('incident.triggered', '2026-09-10T10:00:05Z');
      const text = JSON.stringify(body);

      it('accepts a delivery signed with the current secret, without Backstage credentials', async () => {
        const res = await send(text, signPagerDutyBody(text, NEW_SECRET));
        expect(res.status).toBe(202);
        openApi.assertMatches('WebhookOutcome', res.body);
        expect(res.body.outcome).toBe('created');
      });

      it('accepts one signed with the previous secret during a rotation', async () => {
        const res = await send(text, signPagerDutyBody(text, OLD_SECRET));
        expect(res.status).toBe(202);
      });

      it('accepts several signatures when any one matches', async () => {
        const wrong = signPagerDutyBody(text, 'someone-else');
        const res = await send(
          text,
          `${wrong}, v1=${'0'.repeat(64)},${signPagerDutyBody(
            text,
            OLD_SECRET,
          )}`,
        );
        expect(res.status).toBe(202);
      });

      it.each([
        ['no header', undefined],
        ['an empty header', ''],
        [
          'a signature by another secret',
          signPagerDutyBody(text, 'someone-else'),
        ],
        [
          'a signature of another scheme',
          signPagerDutyBody(text, NEW_SECRET).replace('v1=', 'v0='),
        ],
        ['a signature that is not hex', `v1=${'z'.repeat(64)}`],
        [
          'a truncated signature',
          signPagerDutyBody(text, NEW_SECRET).slice(0, 40),
        ],
        ['the secret itself', `v1=${NEW_SECRET}`],
      ])('answers 401 to %s and stores nothing', async (_, signature) => {
        const res = await send(text, signature);
        expect(res.status).toBe(401);
        openApi.assertMatches('Error', res.body);
        expect(await rowCounts()).toEqual([0, 0, 0, 0]);
      });

      it('answers 401 to a tampered body signed before the change, storing nothing', async () => {
        const signature = signPagerDutyBody(text, NEW_SECRET);
        const tampered = text.replace('PSVC001', 'PSVC002');
        expect((await send(tampered, signature)).status).toBe(401);
        // One byte of white space is a different body too: the signature is over the raw bytes.
        expect((await send(`${text} `, signature)).status).toBe(401);
        expect(await rowCounts()).toEqual([0, 0, 0, 0]);
      });

      it('checks a signed body against the spec only after the signature', async () => {
        const notJson = '{"event": ';
        const res = await send(notJson, signPagerDutyBody(notJson, NEW_SECRET));
        expect(res.status).toBe(400);
        const noEvent = JSON.stringify({ events: [] });
        const res2 = await send(
          noEvent,
          signPagerDutyBody(noEvent, NEW_SECRET),
        );
        expect(res2.status).toBe(400);
        expect(res2.body.error.message).toContain('event');
        // The same bodies unsigned are 401, not 400: nothing is parsed before the signature.
        expect((await send(notJson, undefined)).status).toBe(401);
        expect(await rowCounts()).toEqual([0, 0, 0, 0]);
      });

      it('refuses a body over 256 kB with 413', async () => {
        const big = JSON.stringify(
          delivery('incident.triggered', '2026-09-10T10:00:05Z', {
            description: 'x'.repeat(300 * 1024),
          }),
        );
        const res = await send(big, signPagerDutyBody(big, NEW_SECRET));
        expect(res.status).toBe(413);
        expect(await rowCounts()).toEqual([0, 0, 0, 0]);
      });
    });

    it('creates the incident on the entity with the service annotation, mapping severity through config', async () => {
      const res = await sendSigned(
        delivery('incident.triggered', '2026-09-10T10:00:05Z', {
          priority: { id: 'PPRIO', summary: 'P2', type: 'priority_reference' },
        }),
      );
      expect(res.body).toMatchObject({ outcome: 'created' });
      expect(await stored()).toMatchObject({
        id: res.body.incidentId,
        entityRef: 'component:default/checkout',
        title: 'Checkout error rate above 5 %',
        severity: 'SEV2', // P2 by the default priority map
        status: 'triggered',
        detectedAt: '2026-09-10T10:00:00.000Z',
        source: 'pagerduty',
        externalId: 'PINC001',
        externalUrl: 'https://acme.pagerduty.com/incidents/PINC001',
        timeline: [
          expect.objectContaining({
            type: 'created',
            actor: 'pagerduty:Jane Doe',
          }),
        ],
      });
    });

    it.each([
      [{ urgency: 'low' }, 'SEV5'], // configured urgency
      [{ urgency: 'high' }, 'SEV2'], // default urgency map
      [{ urgency: 'unheard-of' }, 'SEV4'], // configured default
      [
        {
          urgency: 'low',
          priority: { summary: 'P1', type: 'priority_reference' },
        },
        'SEV1', // priority wins over urgency
      ],
    ])('maps %p to %s', async (data, severity) => {
      await sendSigned(
        delivery('incident.triggered', '2026-09-10T10:00:05Z', data),
      );
      expect((await stored()).severity).toBe(severity);
    });

    it('applies a redelivered event once', async () => {
      const body = delivery(
        'incident.triggered',
        '2026-09-10T10:00:05Z',
        {},
        { eventId: 'EVSAME' },
      );
      expect((await sendSigned(body)).body.outcome).toBe('created');
      const again = await sendSigned(body);
      expect(again.status).toBe(202);
      expect(again.body).toEqual({ outcome: 'duplicate' });
      // Also a redelivery signed with the other secret (a new byte sequence, the same event id).
      expect((await sendSigned(body, OLD_SECRET)).body.outcome).toBe(
        'duplicate',
      );
      expect(await rowCounts()).toEqual([1, 1, 0, 1]);
    });

    it('follows the status forward and records the moments', async () => {
      await sendSigned(delivery('incident.triggered', '2026-09-10T10:00:05Z'));
      await sendSigned(
        delivery('incident.acknowledged', '2026-09-10T10:02:00Z'),
      );
      const resolved = await sendSigned(
        delivery('incident.resolved', '2026-09-10T10:30:00Z'),
      );
      expect(resolved.body.outcome).toBe('updated');
      expect(await stored()).toMatchObject({
        status: 'resolved',
        version: 3,
        detectedAt: '2026-09-10T10:00:00.000Z',
        acknowledgedAt: '2026-09-10T10:02:00.000Z',
        resolvedAt: '2026-09-10T10:30:00.000Z',
      });
    });

    it('never moves a resolved incident backwards on late events, and fills in what they tell', async () => {
      // The resolution arrives first; the acknowledgement and the trigger, which happened before, later.
      expect(
        (
          await sendSigned(
            delivery('incident.resolved', '2026-09-10T10:30:00Z'),
          )
        ).body.outcome,
      ).toBe('created');
      const lateAck = await sendSigned(
        delivery('incident.acknowledged', '2026-09-10T10:02:00Z'),
      );
      expect(lateAck.body.outcome).toBe('updated');
      const lateTrigger = await sendSigned(
        delivery('incident.triggered', '2026-09-10T10:00:05Z'),
      );
      expect(lateTrigger.body.outcome).toBe('unchanged');
      // A reopen that happened before the resolution is stale too.
      const staleReopen = await sendSigned(
        delivery('incident.reopened', '2026-09-10T10:20:00Z'),
      );
      expect(staleReopen.body.outcome).toBe('unchanged');
      expect(await stored()).toMatchObject({
        status: 'resolved',
        detectedAt: '2026-09-10T10:00:00.000Z',
        acknowledgedAt: '2026-09-10T10:02:00.000Z',
        resolvedAt: '2026-09-10T10:30:00.000Z',
        statusChangedAt: '2026-09-10T10:30:00.000Z',
      });
      // A reopen after the resolution does reopen it.
      await sendSigned(delivery('incident.reopened', '2026-09-10T11:00:00Z'));
      const reopened = await stored();
      expect(reopened).toMatchObject({ status: 'triggered' });
      expect(reopened.resolvedAt).toBeUndefined();
      expect(reopened.acknowledgedAt).toBeUndefined();
    });

    it('orders events after one that repeated the status: an older event arriving later never moves it', async () => {
      // Resolved at 10:10 and again at 10:30 (the second repeating the status); the reopen
      // between them arrives last: PagerDuty's last word is resolved.
      for (const [type, at] of [
        ['incident.triggered', '2026-09-10T10:00:00Z'],
        ['incident.resolved', '2026-09-10T10:10:00Z'],
        ['incident.resolved', '2026-09-10T10:30:00Z'],
      ]) {
        await sendSigned(delivery(type, at));
      }
      const lateReopen = await sendSigned(
        delivery('incident.reopened', '2026-09-10T10:20:00Z'),
      );
      expect(lateReopen.body.outcome).toBe('unchanged');
      expect(await stored()).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-09-10T10:10:00.000Z',
      });
    });

    it('leaves an acknowledgement an unacknowledge undid: the incident stays triggered', async () => {
      // Triggered 10:00, acknowledged 10:10, unacknowledged 10:20; the acknowledgement arrives last.
      await sendSigned(delivery('incident.triggered', '2026-09-10T10:00:00Z'));
      const unack = await sendSigned(
        delivery('incident.unacknowledged', '2026-09-10T10:20:00Z'),
      );
      expect(unack.body.outcome).toBe('unchanged');
      const lateAck = await sendSigned(
        delivery('incident.acknowledged', '2026-09-10T10:10:00Z'),
      );
      expect(lateAck.body.outcome).toBe('unchanged');
      const incident = await stored();
      expect(incident.status).toBe('triggered');
      expect(incident.acknowledgedAt).toBeUndefined();
      // Acknowledged again: MTTA counts the first acknowledgement, as in order.
      await sendSigned(
        delivery('incident.acknowledged', '2026-09-10T10:40:00Z'),
      );
      expect(await stored()).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: '2026-09-10T10:10:00.000Z',
      });
    });

    it('takes the first acknowledgement when it arrives after the unacknowledge and a new acknowledgement', async () => {
      for (const [type, at] of [
        ['incident.triggered', '2026-09-10T10:00:00Z'],
        ['incident.unacknowledged', '2026-09-10T10:20:00Z'],
        ['incident.acknowledged', '2026-09-10T10:40:00Z'],
      ]) {
        await sendSigned(delivery(type, at));
      }
      const lateFirstAck = await sendSigned(
        delivery('incident.acknowledged', '2026-09-10T10:10:00Z'),
      );
      expect(lateFirstAck.body.outcome).toBe('updated');
      // In order it would have read 10:10 too: the first acknowledgement counts.
      expect(await stored()).toMatchObject({
        status: 'acknowledged',
        statusChangedAt: '2026-09-10T10:40:00.000Z',
        acknowledgedAt: '2026-09-10T10:10:00.000Z',
      });
    });

    it("keeps the moments in order when a stage before PagerDuty's was moved later in Backstage", async () => {
      await sendSigned(delivery('incident.triggered', '2026-09-10T10:00:00Z'));
      const incidentId = (await stored()).id;
      const user = (body: object) =>
        request(app)
          .patch(`/api/stewardship/incidents/${incidentId}`)
          .set('Authorization', 'Bearer mock-user-token')
          .send(body);
      // Mitigated at 10:10 (its status changed then), the moment then corrected to 10:20.
      const mitigated = await user({
        version: 1,
        status: 'mitigated',
        mitigatedAt: '2026-09-10T10:10:00Z',
      });
      expect(mitigated.status).toBe(200);
      expect(mitigated.body.statusChangedAt).toBe('2026-09-10T10:10:00.000Z');
      const corrected = await user({
        version: 2,
        mitigatedAt: '2026-09-10T10:20:00Z',
      });
      expect(corrected.status).toBe(200);
      // PagerDuty resolved it at 10:15, after the status change, before the corrected moment.
      const resolved = await sendSigned(
        delivery('incident.resolved', '2026-09-10T10:15:00Z'),
      );
      expect(resolved.body.outcome).toBe('updated');
      expect(await stored()).toMatchObject({
        status: 'resolved',
        detectedAt: '2026-09-10T10:00:00.000Z',
        mitigatedAt: '2026-09-10T10:20:00.000Z',
        // Not before the mitigation: the latest earlier stage's moment.
        resolvedAt: '2026-09-10T10:20:00.000Z',
      });
      // Still a valid incident: it can be changed.
      expect(
        (await user({ version: 4, title: 'Checkout errors' })).status,
      ).toBe(200);
    });

    it('refuses an event id with a control character, storing nothing', async () => {
      const before = await rowCounts();
      const res = await sendSigned(
        delivery(
          'incident.triggered',
          '2026-09-10T10:00:00Z',
          {},
          { eventId: 'EV\u0000X' },
        ),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/event\/id/);
      expect(await rowCounts()).toEqual(before);
    });

    it('takes priority changes and notes', async () => {
      await sendSigned(delivery('incident.triggered', '2026-09-10T10:00:05Z'));
      await sendSigned(
        delivery('incident.priority_updated', '2026-09-10T10:01:00Z', {
          priority: { summary: 'P1', type: 'priority_reference' },
        }),
      );
      const note = await sendSigned({
        event: {
          id: 'EVNOTE',
          event_type: 'incident.annotated',
          resource_type: 'incident',
          occurred_at: '2026-09-10T10:03:00Z',
          agent: { summary: 'Jane Doe' },
          data: {
            incident: { id: 'PINC001', type: 'incident_reference' },
            id: 'PNOTE1',
            type: 'incident_note',
            content: 'Rolled back\u0000 to v41\nfor now',
          },
        },
      });
      // A note is a change (a new version, and open tabs read it again), as one added in Backstage.
      expect(note.body.outcome).toBe('updated');
      const incident = await stored();
      expect(incident.version).toBe(3);
      expect(incident.severity).toBe('SEV1');
      // Control characters become spaces; the line feed stays.
      expect(incident.timeline.map((t: any) => t.message)).toContain(
        'Rolled back  to v41\nfor now',
      );
    });

    it.each(['toString', '__proto__', 'constructor'])(
      'maps a priority and urgency named %p as unmapped: the default severity',
      async name => {
        const res = await sendSigned(
          delivery('incident.triggered', '2026-09-10T10:00:05Z', {
            priority: { summary: name, type: 'priority_reference' },
            urgency: name,
          }),
        );
        expect(res.status).toBe(202);
        expect(res.body.outcome).toBe('created');
        expect((await stored()).severity).toBe('SEV4');
      },
    );

    it('keeps the severity of the newest priority change when an older one arrives late', async () => {
      await sendSigned(delivery('incident.triggered', '2026-09-10T10:00:05Z'));
      const p3 = { priority: { summary: 'P3', type: 'priority_reference' } };
      const p1 = { priority: { summary: 'P1', type: 'priority_reference' } };
      await sendSigned(
        delivery('incident.priority_updated', '2026-09-10T10:05:00Z', p3),
      );
      const late = await sendSigned(
        delivery('incident.priority_updated', '2026-09-10T10:01:00Z', p1),
      );
      expect(late.body.outcome).toBe('unchanged');
      expect((await stored()).severity).toBe('SEV3');
      // Nor does one older than the event the incident was created from, which carried P3.
      await knex('incident_webhook_events').delete();
      await knex('incidents').delete();
      await sendSigned(
        delivery('incident.resolved', '2026-09-10T10:30:00Z', {
          ...p3,
          status: 'resolved',
        }),
      );
      await sendSigned(
        delivery('incident.priority_updated', '2026-09-10T10:10:00Z', p1),
      );
      expect((await stored()).severity).toBe('SEV3');
    });

    it('takes the acknowledgement moment from the acknowledgement, not from an event that only said so', async () => {
      // First seen through a priority change made after the acknowledgement.
      const created = await sendSigned(
        delivery('incident.priority_updated', '2026-09-10T10:20:00Z', {
          status: 'acknowledged',
          priority: { summary: 'P2', type: 'priority_reference' },
        }),
      );
      expect(created.body.outcome).toBe('created');
      const lateAck = await sendSigned(
        delivery('incident.acknowledged', '2026-09-10T10:02:00Z'),
      );
      expect(lateAck.body.outcome).toBe('updated');
      expect(await stored()).toMatchObject({
        status: 'acknowledged',
        detectedAt: '2026-09-10T10:00:00.000Z',
        acknowledgedAt: '2026-09-10T10:02:00.000Z',
      });
      // An acknowledgement later than the one known changes nothing.
      expect(
        (
          await sendSigned(
            delivery('incident.acknowledged', '2026-09-10T10:05:00Z'),
          )
        ).body.outcome,
      ).toBe('unchanged');
    });

    it('counts the first acknowledgement after an unacknowledge: MTTA as PagerDuty measures it', async () => {
      for (const [type, at] of [
        ['incident.triggered', '2026-09-10T10:00:00Z'],
        ['incident.acknowledged', '2026-09-10T10:01:00Z'],
        ['incident.unacknowledged', '2026-09-10T10:31:00Z'],
        ['incident.acknowledged', '2026-09-10T10:40:00Z'],
        ['incident.resolved', '2026-09-10T11:00:00Z'],
      ]) {
        expect((await sendSigned(delivery(type, at))).status).toBe(202);
      }
      expect(await stored()).toMatchObject({
        status: 'resolved',
        detectedAt: '2026-09-10T10:00:00.000Z',
        acknowledgedAt: '2026-09-10T10:01:00.000Z',
        resolvedAt: '2026-09-10T11:00:00.000Z',
      });
      const summary = await request(app)
        .get(
          '/api/stewardship/entities/component/default/checkout/incidents/summary?from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z',
        )
        .set('Authorization', 'Bearer mock-user-token');
      expect(summary.status).toBe(200);
      // 10:00 → 10:01 and 10:00 → 11:00, worked out by hand.
      expect(summary.body.incidents.all).toMatchObject({
        count: 1,
        mtta: { n: 1, meanSeconds: 60 },
        mttr: { n: 1, meanSeconds: 3600 },
      });
    });

    it.each([
      [
        'a day ahead of the clock',
        Date.now() + DAY_MS,
        "is in the future, more than 5 minutes ahead of this server's clock, so the event is not applied",
      ],
      [
        'older than maxEventAge',
        Date.now() - 3651 * DAY_MS,
        'is more than 3650 days ago (stewardship.incidents.pagerduty.maxEventAge), so the event is not applied',
      ],
    ])(
      'answers 202 ignored to an occurred_at %s, storing nothing and recording no event id',
      async (_what, at, reason) => {
        const occurredAt = new Date(at).toISOString();
        logLines.length = 0;
        const res = await sendSigned(
          delivery('incident.triggered', occurredAt, {}, { eventId: 'EVOUT' }),
        );
        expect(res.status).toBe(202);
        openApi.assertMatches('WebhookOutcome', res.body);
        expect(res.body).toEqual({
          outcome: 'ignored',
          reason: `event.occurred_at (${occurredAt}) ${reason}`,
        });
        expect(await rowCounts()).toEqual([0, 0, 0, 0]);
        expect(logLines).toContainEqual({
          level: 'warn',
          message: expect.stringContaining(
            'PagerDuty event EVOUT (incident.triggered) not applied: event.occurred_at',
          ),
        });
        // Not stored as handled: the same event id within the window is applied.
        const again = await sendSigned(
          delivery(
            'incident.triggered',
            '2026-09-10T10:00:05Z',
            {},
            { eventId: 'EVOUT' },
          ),
        );
        expect(again.body.outcome).toBe('created');
      },
    );

    it.each([
      [
        'an incident id that is an object',
        () =>
          delivery('incident.triggered', '2026-09-10T10:00:05Z', {
            id: { nested: true },
          }),
        'event.data.id is required',
      ],
    ])('answers 400 to %s, storing nothing', async (_what, body, message) => {
      const res = await sendSigned(body());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(await rowCounts()).toEqual([0, 0, 0, 0]);
    });

    it('answers 202 and stores nothing for a service no entity claims', async () => {
      const res = await sendSigned(
        delivery(
          'incident.triggered',
          '2026-09-10T10:00:05Z',
          {},
          { serviceId: 'PUNKNOWN' },
        ),
      );
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        outcome: 'ignored',
        reason: expect.stringContaining('PUNKNOWN'),
      });
      // A note for an incident never seen, and an event type not used, are ignored too.
      const other = await sendSigned(
        delivery('service.updated', '2026-09-10T10:00:05Z'),
      );
      expect(other.body.outcome).toBe('ignored');
      expect(await rowCounts()).toEqual([0, 0, 0, 0]);
    });

    it('attaches the incident of a service several entities claim to none of them, with a warning', async () => {
      logLines.length = 0;
      const res = await sendSigned(
        delivery(
          'incident.triggered',
          '2026-09-10T10:00:05Z',
          {},
          { serviceId: 'PSVC002', incidentId: 'PINC002' },
        ),
      );
      // As for a service no entity claims: 202, ignored, nothing stored on either entity.
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        outcome: 'ignored',
        reason:
          'several catalog entities have the annotation pagerduty.com/service-id: PSVC002',
      });
      expect(await rowCounts()).toEqual([0, 0, 0, 0]);
      expect(logLines).toContainEqual({
        level: 'warn',
        message:
          '2 entities have pagerduty.com/service-id: PSVC002 (component:default/aaa-copy, ' +
          'component:default/payments); its incidents are attached to none of them until the ' +
          'annotation is kept on one entity only',
      });
      const many = await sendSigned(
        delivery(
          'incident.triggered',
          '2026-09-10T10:00:05Z',
          {},
          { serviceId: 'PSVC003', incidentId: 'PINC003' },
        ),
      );
      expect(many.body.outcome).toBe('ignored');
      expect(logLines).toContainEqual({
        level: 'warn',
        message: expect.stringMatching(
          /^6 entities have pagerduty.com\/service-id: PSVC003 \(component:default\/many-1, .*, component:default\/many-5 and 1 more\); /,
        ),
      });
      expect(await rowCounts()).toEqual([0, 0, 0, 0]);
      // A later event of that incident finds nothing to change either.
      const later = await sendSigned(
        delivery(
          'incident.resolved',
          '2026-09-10T10:10:00Z',
          {},
          { serviceId: 'PSVC002', incidentId: 'PINC002' },
        ),
      );
      expect(later.status).toBe(202);
      expect(later.body.outcome).toBe('ignored');
      expect(await rowCounts()).toEqual([0, 0, 0, 0]);
    });
  },
);

describe('rate limit', () => {
  it('answers 429 with Retry-After beyond the configured signed deliveries per minute', async () => {
    const backend = await startTestBackend({
      features: [
        testDatabase,
        stewardshipPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            stewardship: {
              incidents: {
                pagerduty: {
                  webhookSecrets: [NEW_SECRET],
                  rateLimit: { requestsPerMinute: 2 },
                },
              },
            },
          },
        }),
      ],
    });
    // Unsigned requests, however many, are refused for their signature and use up nothing.
    for (let i = 0; i < 5; i++) {
      expect((await request(backend.server).post(PATH).send({})).status).toBe(
        401,
      );
    }
    const signed = async () => {
      const text = JSON.stringify(
        delivery('incident.triggered', new Date().toISOString()),
      );
      return request(backend.server)
        .post(PATH)
        .set('Content-Type', 'application/json')
        .set('X-PagerDuty-Signature', signPagerDutyBody(text, NEW_SECRET))
        .send(text);
    };
    const responses = [await signed(), await signed(), await signed()];
    expect(responses.map(r => r.status)).toEqual([202, 202, 429]);
    expect(Number(responses[2].headers['retry-after'])).toBeGreaterThanOrEqual(
      1,
    );
    openApi.assertMatches('Error', responses[2].body);
    await backend.stop();
  });
});

describe('verifyPagerDutySignature', () => {
  // The HMAC-SHA256 test vector everyone knows: key "key", this sentence.
  const body = Buffer.from('The quick brown fox jumps over the lazy dog');
  const known =
    'v1=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8';

  it('matches the known vector, any of several signatures, any of several secrets', () => {
    expect(verifyPagerDutySignature(body, known, ['key'])).toBe(true);
    expect(
      verifyPagerDutySignature(
        body,
        known.toUpperCase().replace('V1=', 'v1='),
        ['key'],
      ),
    ).toBe(true);
    expect(
      verifyPagerDutySignature(body, `v1=${'a'.repeat(64)},${known}`, [
        'other',
        'key',
      ]),
    ).toBe(true);
  });

  it('refuses everything else', () => {
    expect(verifyPagerDutySignature(body, known, ['Key'])).toBe(false);
    expect(verifyPagerDutySignature(body, known, [])).toBe(false);
    expect(verifyPagerDutySignature(body, undefined, ['key'])).toBe(false);
    expect(
      verifyPagerDutySignature(
        Buffer.from('The quick brown fox jumps over the lazy cog'),
        known,
        ['key'],
      ),
    ).toBe(false);
    expect(verifyPagerDutySignature(body, known.slice(0, -2), ['key'])).toBe(
      false,
    );
  });
});
