/*
 * The built-in provider of incident action items: which items it lists, in what order, with
 * which priority, and how it cuts at maxItems. Expected values are written out by hand from the
 * items below, not taken from the provider.
 */
import { OpenActionItem } from '../database/IncidentStore';
import { backlogReadRequest } from '../__testUtils__/backlogReadRequest';
import { ActionItemBacklogProvider } from './ActionItemBacklogProvider';

const ENTITY_REF = 'component:default/checkout';

function item(
  fields: Partial<OpenActionItem> & Pick<OpenActionItem, 'id' | 'createdAt'>,
): OpenActionItem {
  return {
    incidentId: 'incident-1',
    title: `Item ${fields.id}`,
    status: 'open',
    updatedAt: fields.createdAt,
    incidentTitle: 'Checkout down',
    incidentSeverity: 'SEV2',
    ...fields,
  };
}

const request = (maxItems?: number) => backlogReadRequest(ENTITY_REF, maxItems);

/** A provider over a store holding `items` (in the store's own order, oldest first). */
function providerOf(items: OpenActionItem[]) {
  const asked: string[] = [];
  const provider = new ActionItemBacklogProvider({
    listOpenActionItems: async entityRef => {
      asked.push(entityRef);
      return items;
    },
  });
  return { provider, asked };
}

describe('ActionItemBacklogProvider', () => {
  // Created oldest first, as the store lists them; due dates chosen so that the order by due
  // date (soonest first, none last, ties by creation) differs from the store's order.
  const stored = [
    item({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z' }), // no due date
    item({
      id: 'b',
      createdAt: '2026-01-02T00:00:00.000Z',
      dueDate: '2026-03-01',
    }),
    item({
      id: 'c',
      createdAt: '2026-01-03T00:00:00.000Z',
      dueDate: '2026-02-01',
    }),
    item({
      id: 'd',
      createdAt: '2026-01-04T00:00:00.000Z',
      dueDate: '2026-03-01',
    }),
    item({ id: 'e', createdAt: '2025-12-31T00:00:00.000Z' }), // no due date, oldest
  ];

  it('lists the entity’s open items by due date, soonest first and undated last, then oldest first', async () => {
    const { provider, asked } = providerOf(stored);
    const result = await provider.readItems(request());
    expect(asked).toEqual([ENTITY_REF]);
    // c (Feb 1); b and d (Mar 1, b created first); e and a undated (e created first).
    expect(result.items.map(i => i.id)).toEqual([
      'action-item:c',
      'action-item:b',
      'action-item:d',
      'action-item:e',
      'action-item:a',
    ]);
    expect(result.truncated).toBe(false);
  });

  it('cuts at maxItems after ordering and says so', async () => {
    const { provider } = providerOf(stored);
    const two = await provider.readItems(request(2));
    expect(two.items.map(i => i.id)).toEqual([
      'action-item:c',
      'action-item:b',
    ]);
    expect(two.truncated).toBe(true);

    const exactly = await provider.readItems(request(5));
    expect(exactly.items).toHaveLength(5);
    expect(exactly.truncated).toBe(false);
  });

  it.each([
    ['SEV1', 'High'],
    ['SEV2', 'High'],
    ['SEV3', 'Medium'],
    ['SEV4', 'Low'],
    ['SEV5', 'Low'],
  ] as const)(
    'gives an item of a %s incident the priority %s',
    async (incidentSeverity, priority) => {
      const { provider } = providerOf([
        item({
          id: 'x',
          createdAt: '2026-01-01T00:00:00.000Z',
          incidentSeverity,
        }),
      ]);
      const [only] = (await provider.readItems(request())).items;
      expect(only.priority).toBe(priority);
      expect(only.key).toBe(`${incidentSeverity} action`);
    },
  );

  it('describes an item as reliability work, with its incident, link and owner when it has them', async () => {
    const { provider } = providerOf([
      item({
        id: 'linked',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-05T00:00:00.000Z',
        title: 'Add a canary',
        link: 'https://tickets.example.com/OPS-1',
        ownerRef: 'group:default/payments',
      }),
      item({ id: 'bare', createdAt: '2026-01-02T00:00:00.000Z' }),
    ]);
    const [linked, bare] = (await provider.readItems(request())).items;
    expect(linked).toEqual({
      id: 'action-item:linked',
      key: 'SEV2 action',
      title: 'Add a canary (incident: Checkout down)',
      link: 'https://tickets.example.com/OPS-1',
      type: 'action-item',
      labels: ['incident'],
      priority: 'High',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-05T00:00:00.000Z',
      status: 'open',
      assignee: 'group:default/payments',
      reliability: true,
      reliabilityReason: 'built-in incident action item',
    });
    expect(bare).not.toHaveProperty('link');
    expect(bare).not.toHaveProperty('assignee');
  });

  it('lists nothing for an entity without open action items', async () => {
    const { provider } = providerOf([]);
    expect(await provider.readItems(request())).toEqual({
      items: [],
      truncated: false,
    });
  });
});
