/*
 * Fields of the PagerDuty incident the spec leaves unchecked: `created_at` becomes the detection
 * moment only when it is an RFC 3339 date-time from 1970 on (else the event's `occurred_at`, with
 * a warning); `number` reaches the timeline only as a positive integer; a `service.id` that is no
 * id is a 400 naming it, and nothing is stored.
 */
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import Knex from 'knex';
import { component } from '../../__testUtils__/entities';
import { recordingLogger } from '../../__testUtils__/recordingLogger';
import { StewardshipDatabase } from '../../database/StewardshipDatabase';
import { readPagerDutySettings } from './PagerDutySettings';
import { PagerDutyWebhookHandler } from './PagerDutyWebhookHandler';

const OCCURRED_AT = '2026-09-10T10:00:00.000Z';

let sequence = 0;
function delivery(data: Record<string, unknown>) {
  sequence += 1;
  return {
    event: {
      id: `EV${sequence}`,
      event_type: 'incident.triggered',
      occurred_at: OCCURRED_AT,
      agent: { summary: 'Jane Doe' },
      data: {
        id: `PINC${sequence}`,
        title: 'Checkout down',
        created_at: '2026-09-10T09:58:00Z',
        service: { id: 'PSVC1' },
        urgency: 'high',
        ...data,
      },
    },
  };
}

describe('PagerDutyWebhookHandler, the fields of the PagerDuty incident', () => {
  let knex: ReturnType<typeof Knex>;
  let db: StewardshipDatabase;
  const { logger, lines } = recordingLogger();
  const getEntities = jest.fn(async () => ({
    items: [
      component('checkout', {
        annotations: { 'pagerduty.com/service-id': 'PSVC1' },
      }),
    ],
  }));
  const handler = () =>
    new PagerDutyWebhookHandler({
      store: db.incidents,
      catalog: { getEntities } as unknown as CatalogService,
      auth: mockServices.auth(),
      logger,
      auditor: mockServices.auditor.mock(),
      settings: readPagerDutySettings(
        new ConfigReader({
          stewardship: { incidents: { pagerduty: { webhookSecrets: ['s'] } } },
        }),
      ),
      now: () => new Date(Date.parse(OCCURRED_AT) + 60_000),
    });
  const stored = async (data: Record<string, unknown>) => {
    const outcome = await handler().handle(delivery(data));
    expect(outcome.outcome).toBe('created');
    return (await db.incidents.getIncident(outcome.incidentId!))!;
  };
  const incidents = async () =>
    Number((await knex('incidents').count({ n: '*' }))[0].n);

  beforeEach(async () => {
    knex = Knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    db = await StewardshipDatabase.forTest(knex);
    lines.length = 0;
    getEntities.mockClear();
  });

  afterEach(() => knex.destroy());

  it('takes the detection moment from created_at when it is an RFC 3339 date-time before the event', async () => {
    const incident = await stored({ created_at: '2026-09-10T11:58:00+02:00' });
    expect(incident.detectedAt).toBe('2026-09-10T09:58:00.000Z');
    expect(lines.filter(l => l.level === 'warn')).toEqual([]);
  });

  it.each([
    [
      '0001-01-01T00:00:00Z',
      '"0001-01-01T00:00:00Z" is not a date-time from 1970 on',
    ],
    [
      '1969-07-20T20:17:00Z',
      '"1969-07-20T20:17:00Z" is not a date-time from 1970 on',
    ],
    ['1', '"1" is not an RFC 3339 date-time'],
    [
      'Tue, 01 Jan 1901 00:00:00 GMT',
      '"Tue, 01 Jan 1901 00:00:00 GMT" is not an RFC 3339 date-time',
    ],
    [
      '2026-02-30T09:00:00Z',
      '"2026-02-30T09:00:00Z" is not an RFC 3339 date-time',
    ],
    [
      '2016-12-31T23:59:60Z',
      '"2016-12-31T23:59:60Z" is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)',
    ],
    [1_700_000_000_000, 'a number is not an RFC 3339 date-time'],
  ])(
    'detects the incident at occurred_at, with a warning, when created_at is %p',
    async (createdAt, problem) => {
      const incident = await stored({ created_at: createdAt });
      expect(incident.detectedAt).toBe(OCCURRED_AT);
      expect(lines).toContainEqual({
        level: 'warn',
        message: `PagerDuty event EV${sequence} (incident.triggered): data.created_at ${problem}, so incident ${incident.id} was detected at the event's occurred_at`,
      });
    },
  );

  it('detects the incident at occurred_at, without a warning, when created_at is absent', async () => {
    const incident = await stored({ created_at: undefined });
    expect(incident.detectedAt).toBe(OCCURRED_AT);
    expect(lines.filter(l => l.level === 'warn')).toEqual([]);
  });

  const numbered =
    'From PagerDuty (incident.triggered, #1234): SEV2, triggered';
  const unnumbered = 'From PagerDuty (incident.triggered): SEV2, triggered';
  it.each([
    ['the integer 1234', 1234, numbered],
    ['the digits "1234"', '1234', numbered],
    [
      'text with U+0085, ESC, U+2028 and 3,000 more characters',
      `XXXXX\u0085\u001b[31m\u2028${'Y'.repeat(3000)}`,
      unnumbered,
    ],
    ['"12 34"', '12 34', unnumbered],
    ['21 digits', '9'.repeat(21), unnumbered],
    ['0', 0, unnumbered],
    ['-7', -7, unnumbered],
    ['1.5', 1.5, unnumbered],
    ['an object', { n: 1 }, unnumbered],
  ])(
    'writes the number into the timeline only as a positive integer: %s',
    async (_, number, message) => {
      const incident = await stored({ number });
      expect(incident.timeline?.map(entry => entry.message)).toEqual([message]);
    },
  );

  it.each([
    [
      { id: { id: 'PSVC1' } },
      "event.data.service.id must be the PagerDuty service's id (a string), not an object",
    ],
    [
      { id: ['PSVC1'] },
      "event.data.service.id must be the PagerDuty service's id (a string), not an array",
    ],
    [
      { id: true },
      "event.data.service.id must be the PagerDuty service's id (a string), not a boolean",
    ],
    [
      'PSVC1',
      'event.data.service must be an object with the PagerDuty service\'s id, not "PSVC1"',
    ],
  ])(
    'refuses a service %p as a 400 naming the field, storing nothing',
    async (service, message) => {
      const refused = handler().handle(delivery({ service }));
      await expect(refused).rejects.toThrow(message);
      await expect(refused).rejects.toMatchObject({ name: 'InputError' });
      expect(getEntities).not.toHaveBeenCalled();
      expect(await incidents()).toBe(0);
    },
  );

  it('reads a numeric service id as its digits, and an absent service as none', async () => {
    getEntities.mockImplementationOnce(async () => ({
      items: [
        component('checkout', {
          annotations: { 'pagerduty.com/service-id': '4711' },
        }),
      ],
    }));
    expect(
      (await handler().handle(delivery({ service: { id: 4711 } }))).outcome,
    ).toBe('created');
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { 'metadata.annotations.pagerduty.com/service-id': '4711' },
      }),
      expect.anything(),
    );
    expect(await handler().handle(delivery({ service: null }))).toEqual({
      outcome: 'ignored',
      reason: `incident PINC${sequence} is not stored`,
    });
  });
});
