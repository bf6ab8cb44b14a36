/*
 * listOpenActionItems, which the backlog's built-in action-item provider reads, on every test
 * database: only open items, only of the entity's incidents, oldest first, with the incident's
 * title and severity.
 */
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentRecord } from './IncidentStore';

const databases = createTestDatabases();

const record = (fields: Partial<IncidentRecord>): IncidentRecord => ({
  entityRef: 'component:default/checkout',
  affectedEntityRefs: [],
  title: 'Checkout returns 500s',
  severity: 'SEV2',
  status: 'resolved',
  statusChangedAt: '2026-09-10T11:00:00.000Z',
  detectedAt: '2026-09-10T10:05:00.000Z',
  resolvedAt: '2026-09-10T11:00:00.000Z',
  affectedSloIds: [],
  fireDrill: false,
  source: 'manual',
  ...fields,
});

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentStore.listOpenActionItems on %p',
  id => {
    let knex: Knex;
    let store: DatabaseIncidentStore;
    let clock = new Date('2026-09-10T12:00:00.000Z');

    beforeAll(async () => {
      knex = await databases.init(id);
      store = await DatabaseIncidentStore.forTest(knex, () => clock);
    });

    const addItem = async (
      incidentId: string,
      title: string,
      status: 'open' | 'done',
      at: string,
    ) => {
      clock = new Date(at);
      await store.addActionItem(
        incidentId,
        { title, status, ownerRef: 'group:default/team-a' },
        { at, type: 'action-item', actor: 'user:default/jane', message: title },
      );
    };

    it('lists the open items of the entity, oldest first, with their incident', async () => {
      const checkout = await store.createIncident(
        record({ title: 'Outage', severity: 'SEV1' }),
        'user:default/jane',
      );
      const other = await store.createIncident(
        record({ entityRef: 'component:default/cart' }),
        'user:default/jane',
      );
      await addItem(checkout.id, 'Second', 'open', '2026-09-11T00:00:00.000Z');
      await addItem(checkout.id, 'First', 'open', '2026-09-10T13:00:00.000Z');
      await addItem(
        checkout.id,
        'Finished',
        'done',
        '2026-09-10T12:30:00.000Z',
      );
      await addItem(other.id, 'Not ours', 'open', '2026-09-10T12:10:00.000Z');

      const items = await store.listOpenActionItems(
        'component:default/checkout',
      );
      expect(
        items.map(i => [
          i.title,
          i.status,
          i.incidentTitle,
          i.incidentSeverity,
        ]),
      ).toEqual([
        ['First', 'open', 'Outage', 'SEV1'],
        ['Second', 'open', 'Outage', 'SEV1'],
      ]);
      expect(items[0]).toMatchObject({
        incidentId: checkout.id,
        ownerRef: 'group:default/team-a',
        createdAt: '2026-09-10T13:00:00.000Z',
      });
      expect(await store.listOpenActionItems('component:default/none')).toEqual(
        [],
      );
    });
  },
);
