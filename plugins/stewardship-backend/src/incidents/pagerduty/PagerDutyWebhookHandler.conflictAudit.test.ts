/*
 * A PagerDuty service several catalog entities claim is an audit event (high), naming the service
 * id and the claiming entities: failed when the incident is attached to none of them, succeeded
 * when the event changed an incident stored while one entity alone claimed the service; none for
 * a delivery that changed nothing. An auditor that fails fails no delivery and hides no error.
 */
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import Knex from 'knex';
import { component } from '../../__testUtils__/entities';
import { StewardshipDatabase } from '../../database/StewardshipDatabase';
import { readPagerDutySettings } from './PagerDutySettings';
import { PagerDutyWebhookHandler } from './PagerDutyWebhookHandler';

const claimant = (name: string) =>
  component(name, { annotations: { 'pagerduty.com/service-id': 'PSHARED' } });

function delivery(eventId: string, eventType: string, occurredAt: string) {
  return {
    event: {
      id: eventId,
      event_type: eventType,
      occurred_at: occurredAt,
      agent: { summary: 'Jane Doe' },
      data: {
        id: 'PINC1',
        title: 'Payments down',
        created_at: '2026-09-10T10:00:00Z',
        service: { id: 'PSHARED' },
        urgency: 'high',
      },
    },
  };
}

describe('PagerDutyWebhookHandler, a service several entities claim', () => {
  let knex: ReturnType<typeof Knex>;
  /** What the catalog holds; a test changes it between deliveries. */
  let entities: Entity[];
  const success = jest.fn();
  const fail = jest.fn();
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({ success, fail })),
  });
  let handler: PagerDutyWebhookHandler;

  beforeEach(async () => {
    jest.clearAllMocks();
    knex = Knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const db = await StewardshipDatabase.forTest(knex);
    const catalog = {
      // The filter is by the annotation; every entity here has it.
      getEntities: async () => ({ items: entities }),
    } as unknown as CatalogService;
    handler = new PagerDutyWebhookHandler({
      store: db.incidents,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      auditor,
      settings: readPagerDutySettings(
        new ConfigReader({
          stewardship: { incidents: { pagerduty: { webhookSecrets: ['s'] } } },
        }),
      ),
      now: () => new Date('2026-09-10T12:00:00Z'),
    });
  });

  afterEach(() => knex.destroy());

  it('records an incident attached to none of them as a failed high event naming them', async () => {
    entities = [claimant('payments'), claimant('aaa-copy')];
    const outcome = await handler.handle(
      delivery('EV1', 'incident.triggered', '2026-09-10T10:00:05Z'),
    );
    expect(outcome.outcome).toBe('ignored');

    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'incident-pagerduty-service-conflict',
      severityLevel: 'high',
      meta: {
        sender: 'pagerduty (signature verified)',
        pagerDutyEventId: 'EV1',
        eventType: 'incident.triggered',
        pagerDutyIncidentId: 'PINC1',
        serviceId: 'PSHARED',
        annotation: 'pagerduty.com/service-id',
        // Sorted, as full refs.
        claimingEntityRefs: [
          'component:default/aaa-copy',
          'component:default/payments',
        ],
        claimingEntityCount: 2,
      },
    });
    expect(success).not.toHaveBeenCalled();
    expect(fail).toHaveBeenCalledTimes(1);
    const [[{ error, meta }]] = fail.mock.calls;
    expect(meta).toEqual({ outcome: 'ignored' });
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      '2 catalog entities have pagerduty.com/service-id: PSHARED; ' +
        'PagerDuty incident PINC1 is attached to none of them',
    );
    expect(error.stack).toBeUndefined();
  });

  it('names at most 50 claimants, with how many there are', async () => {
    // 52 claimants: `c00` … `c51`; the first 50 by ref are `c00` … `c49`.
    entities = Array.from({ length: 52 }, (_, n) =>
      claimant(`c${String(n).padStart(2, '0')}`),
    );
    await handler.handle(
      delivery('EV2', 'incident.triggered', '2026-09-10T10:00:05Z'),
    );
    const [[event]] = (auditor.createEvent as jest.Mock).mock.calls;
    expect(event.meta.claimingEntityCount).toBe(52);
    expect(event.meta.claimingEntityRefs).toHaveLength(50);
    expect(event.meta.claimingEntityRefs[49]).toBe('component:default/c49');
  });

  it('records an event that changed an incident stored before the conflict as succeeded', async () => {
    entities = [claimant('payments')];
    const created = await handler.handle(
      delivery('EV3', 'incident.triggered', '2026-09-10T10:00:05Z'),
    );
    expect(created.outcome).toBe('created');
    // One entity alone: no conflict, no event from the handler.
    expect(auditor.createEvent).not.toHaveBeenCalled();

    entities = [claimant('payments'), claimant('aaa-copy')];
    const resolved = await handler.handle(
      delivery('EV4', 'incident.resolved', '2026-09-10T10:30:00Z'),
    );
    expect(resolved).toEqual({
      outcome: 'updated',
      incidentId: created.incidentId,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'incident-pagerduty-service-conflict',
        severityLevel: 'high',
        meta: expect.objectContaining({
          pagerDutyEventId: 'EV4',
          claimingEntityCount: 2,
        }),
      }),
    );
    expect(fail).not.toHaveBeenCalled();
    expect(success).toHaveBeenCalledWith({
      meta: { outcome: 'updated', incidentId: created.incidentId },
    });
  });

  it('records no further event for a redelivery or an event that changes nothing', async () => {
    entities = [claimant('payments')];
    await handler.handle(
      delivery('EV6', 'incident.triggered', '2026-09-10T10:00:05Z'),
    );
    entities = [claimant('payments'), claimant('aaa-copy')];
    const resolved = delivery(
      'EV7',
      'incident.resolved',
      '2026-09-10T10:30:00Z',
    );
    expect((await handler.handle(resolved)).outcome).toBe('updated');
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(success).toHaveBeenCalledTimes(1);

    // PagerDuty delivers EV7 again: a duplicate, no second high event.
    expect(await handler.handle(resolved)).toEqual({ outcome: 'duplicate' });
    // Another event that resolves the resolved incident: unchanged, no event either.
    const again = await handler.handle(
      delivery('EV8', 'incident.resolved', '2026-09-10T10:40:00Z'),
    );
    expect(again.outcome).toBe('unchanged');
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(success).toHaveBeenCalledTimes(1);
    expect(fail).not.toHaveBeenCalled();
  });

  it('records no conflict for an event type it does not use', async () => {
    entities = [claimant('payments'), claimant('aaa-copy')];
    await handler.handle(
      delivery('EV5', 'service.updated', '2026-09-10T10:00:05Z'),
    );
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });
});

describe('PagerDutyWebhookHandler, a conflict audit that fails', () => {
  let knex: ReturnType<typeof Knex>;
  let db: StewardshipDatabase;
  const logger = mockServices.logger.mock();
  const settings = readPagerDutySettings(
    new ConfigReader({
      stewardship: { incidents: { pagerduty: { webhookSecrets: ['s'] } } },
    }),
  );
  const catalog = {
    getEntities: async () => ({
      items: [claimant('payments'), claimant('aaa-copy')],
    }),
  } as unknown as CatalogService;

  beforeEach(async () => {
    jest.clearAllMocks();
    knex = Knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    db = await StewardshipDatabase.forTest(knex);
  });

  afterEach(() => knex.destroy());

  function handlerWith(
    auditor: ReturnType<typeof mockServices.auditor.mock>,
    store = db.incidents,
  ) {
    return new PagerDutyWebhookHandler({
      store,
      catalog,
      auth: mockServices.auth(),
      logger,
      auditor,
      settings,
      now: () => new Date('2026-09-10T12:00:00Z'),
    });
  }

  it('answers the delivery when the auditor cannot start the event, and warns', async () => {
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => {
        throw new Error('auditor down');
      }),
    });
    const outcome = await handlerWith(auditor).handle(
      delivery('EV1', 'incident.triggered', '2026-09-10T10:00:05Z'),
    );
    expect(outcome.outcome).toBe('ignored');
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not record the incident-pagerduty-service-conflict audit event of PagerDuty event EV1',
      ),
      expect.objectContaining({ message: 'auditor down' }),
    );
  });

  it('answers the delivery when the auditor cannot end the event', async () => {
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({
        success: jest.fn(),
        fail: jest.fn(async () => {
          throw new Error('auditor down at the end');
        }),
      })),
    });
    const outcome = await handlerWith(auditor).handle(
      delivery('EV2', 'incident.triggered', '2026-09-10T10:00:05Z'),
    );
    expect(outcome.outcome).toBe('ignored');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('PagerDuty event EV2'),
      expect.objectContaining({ message: 'auditor down at the end' }),
    );
  });

  it("rethrows the store's error, not the auditor's, when both fail", async () => {
    const storeError = new Error('database gone');
    const store = Object.create(db.incidents, {
      applyExternalEvent: {
        value: async () => {
          throw storeError;
        },
      },
    });
    const fail = jest.fn(async () => {
      throw new Error('auditor down too');
    });
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success: jest.fn(), fail })),
    });
    await expect(
      handlerWith(auditor, store).handle(
        delivery('EV3', 'incident.triggered', '2026-09-10T10:00:05Z'),
      ),
    ).rejects.toBe(storeError);
    // The store's failure was the conflict event's to record; the auditor's own is a warning.
    expect(fail).toHaveBeenCalledWith({ error: storeError });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('PagerDuty event EV3'),
      expect.objectContaining({ message: 'auditor down too' }),
    );
  });
});
