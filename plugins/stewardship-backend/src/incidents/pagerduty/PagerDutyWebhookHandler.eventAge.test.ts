/*
 * The window of `occurred_at` the handler applies events from: no older than `maxEventAge` (3
 * days by default), at most 5 minutes ahead of the clock. A signed delivery captured while it was
 * ignored (no entity claimed its service: its event id is not stored) cannot be sent again later,
 * once an entity claims the service, to record an incident.
 */
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import Knex from 'knex';
import { component } from '../../__testUtils__/entities';
import { recordingLogger } from '../../__testUtils__/recordingLogger';
import { StewardshipDatabase } from '../../database/StewardshipDatabase';
import { readPagerDutySettings } from './PagerDutySettings';
import {
  PagerDutyEventOutsideWindowError,
  PagerDutyWebhookHandler,
} from './PagerDutyWebhookHandler';

const OCCURRED_AT = '2026-09-10T10:00:00Z';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function delivery(eventType = 'incident.triggered', occurredAt = OCCURRED_AT) {
  return {
    event: {
      id: 'EVCAPTURED',
      event_type: eventType,
      occurred_at: occurredAt,
      agent: { summary: 'Jane Doe' },
      data: {
        id: 'PINC1',
        title: 'Checkout down',
        created_at: OCCURRED_AT,
        service: { id: 'PSVC1' },
        urgency: 'high',
      },
    },
  };
}

describe('PagerDutyWebhookHandler, the age of an event', () => {
  let knex: ReturnType<typeof Knex>;
  let db: StewardshipDatabase;
  /** What the catalog holds; a test changes it between deliveries. */
  let entities: Entity[];
  /** The handler's clock, in ms after OCCURRED_AT. */
  let elapsed: number;
  const { logger, lines } = recordingLogger();
  const catalog = {
    getEntities: async () => ({ items: entities }),
  } as unknown as CatalogService;

  const handler = (pagerduty: JsonObject = {}) =>
    new PagerDutyWebhookHandler({
      store: db.incidents,
      catalog,
      auth: mockServices.auth(),
      logger,
      auditor: mockServices.auditor.mock(),
      settings: readPagerDutySettings(
        new ConfigReader({
          stewardship: {
            incidents: { pagerduty: { webhookSecrets: ['s'], ...pagerduty } },
          },
        }),
      ),
      now: () => new Date(Date.parse(OCCURRED_AT) + elapsed),
    });
  const incidents = async () =>
    Number((await knex('incidents').count({ n: '*' }))[0].n);

  beforeEach(async () => {
    knex = Knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    db = await StewardshipDatabase.forTest(knex);
    entities = [];
    elapsed = MINUTE;
    lines.length = 0;
  });

  afterEach(() => knex.destroy());

  it('refuses a delivery ignored when it came, sent again once its service is claimed and it is over 3 days old', async () => {
    const pagerDuty = handler();
    expect((await pagerDuty.handle(delivery())).outcome).toBe('ignored');

    entities = [
      component('checkout', {
        annotations: { 'pagerduty.com/service-id': 'PSVC1' },
      }),
    ];
    elapsed = 3 * DAY + MINUTE;
    const replay = pagerDuty.handle(delivery());
    await expect(replay).rejects.toThrow(PagerDutyEventOutsideWindowError);
    await expect(replay).rejects.toThrow(
      `event.occurred_at (${OCCURRED_AT}) is more than 3 days ago (stewardship.incidents.pagerduty.maxEventAge), so the event is not applied`,
    );
    // By name an InputError, as the audit event records it.
    await expect(replay).rejects.toMatchObject({ name: 'InputError' });
    expect(await incidents()).toBe(0);
    expect(lines).toContainEqual({
      level: 'warn',
      message: `PagerDuty event EVCAPTURED (incident.triggered) not applied: event.occurred_at (${OCCURRED_AT}) is more than 3 days ago (stewardship.incidents.pagerduty.maxEventAge)`,
    });

    // Within the window it is applied: PagerDuty's own retries come up to 48 hours late.
    elapsed = 3 * DAY - MINUTE;
    expect((await pagerDuty.handle(delivery())).outcome).toBe('created');
    expect(await incidents()).toBe(1);
  });

  it('takes the window from maxEventAge', async () => {
    entities = [
      component('checkout', {
        annotations: { 'pagerduty.com/service-id': 'PSVC1' },
      }),
    ];
    const pagerDuty = handler({ maxEventAge: '90m' });
    elapsed = 91 * MINUTE;
    await expect(pagerDuty.handle(delivery())).rejects.toThrow(
      'is more than 90 minutes ago (stewardship.incidents.pagerduty.maxEventAge)',
    );
    elapsed = 89 * MINUTE;
    expect((await pagerDuty.handle(delivery())).outcome).toBe('created');
  });

  it('refuses an event more than 5 minutes ahead of the clock', async () => {
    entities = [
      component('checkout', {
        annotations: { 'pagerduty.com/service-id': 'PSVC1' },
      }),
    ];
    const pagerDuty = handler();
    elapsed = -6 * MINUTE;
    await expect(pagerDuty.handle(delivery())).rejects.toThrow(
      `event.occurred_at (${OCCURRED_AT}) is in the future, more than 5 minutes ahead of this server's clock, so the event is not applied`,
    );
    elapsed = -4 * MINUTE;
    expect((await pagerDuty.handle(delivery())).outcome).toBe('created');
  });

  it.each([
    [
      '2016-12-31T23:59:60Z',
      'is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)',
    ],
    ['1969-12-31T23:59:59Z', 'is not a date-time from 1970 on'],
  ])(
    'refuses an occurred_at of %s as no moment from 1970 on, storing nothing',
    async (occurredAt, problem) => {
      entities = [
        component('checkout', {
          annotations: { 'pagerduty.com/service-id': 'PSVC1' },
        }),
      ];
      const refused = handler().handle(
        delivery('incident.triggered', occurredAt),
      );
      await expect(refused).rejects.toThrow(
        `event.occurred_at "${occurredAt}" ${problem}`,
      );
      await expect(refused).rejects.toMatchObject({ name: 'InputError' });
      expect(await incidents()).toBe(0);
    },
  );

  it('ignores an event type it does not use whatever its age', async () => {
    elapsed = 30 * DAY;
    expect(await handler().handle(delivery('service.updated'))).toEqual({
      outcome: 'ignored',
      reason: 'event type service.updated is not used',
    });
  });
});
