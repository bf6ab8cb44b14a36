import { mockServices } from '@backstage/backend-test-utils';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import { ExternalEventOutcome, IncidentStore } from '../database/IncidentStore';
import { SignallingIncidentStore } from './SignallingIncidentStore';

const incident = { id: 'i1', version: 2 } as Incident;
const item = { id: 't1' } as NonNullable<Incident['actionItems']>[number];

/** A store whose writes succeed (or throw `failure`) and whose external events end in `outcome`. */
function fakeStore(
  outcome: ExternalEventOutcome,
  failure?: Error,
): IncidentStore {
  const write = async <T>(value: T) => {
    if (failure) throw failure;
    return value;
  };
  return {
    listOpenActionItems: async () => [],
    createIncident: () => write(incident),
    getIncident: async () => incident,
    listIncidentEntityRefs: async () => [],
    listIncidents: async () => ({ items: [incident], totalCount: 1 }),
    listResolvedWithoutBudgetImpact: async () => [],
    updateIncident: () => write(incident),
    saveBudgetImpact: async () => true,
    addActionItem: () => write(item),
    updateActionItem: (_incidentId, _itemId, change) => {
      // A change that writes (the test's answers something); see the no-op test below.
      change(item);
      return write(item);
    },
    applyExternalEvent: () => write(outcome),
  };
}

function setup(outcome: ExternalEventOutcome, failure?: Error) {
  const published: unknown[] = [];
  const store = new SignallingIncidentStore(
    fakeStore(outcome, failure),
    { publish: async signal => void published.push(signal) },
    mockServices.logger.mock(),
  );
  return { store, published };
}

const record = {} as Parameters<IncidentStore['createIncident']>[0];
const event = {} as Parameters<IncidentStore['applyExternalEvent']>[0];

describe('SignallingIncidentStore', () => {
  it('signals every write, to everyone, without naming the incident', async () => {
    const { store, published } = setup({ outcome: 'created', incident });
    expect(await store.createIncident(record, 'user:default/ada')).toBe(
      incident,
    );
    await store.updateIncident('i1', 1, record, []);
    await store.addActionItem('i1', {} as any, {} as any);
    await store.updateActionItem('i1', 't1', () => ({} as any));
    await store.applyExternalEvent(event, () => ({} as any));
    expect(published).toHaveLength(5);
    expect(published[0]).toEqual({
      recipients: { type: 'broadcast' },
      // The channel the frontend listens on (useIncidentsSignal), spelled out: a contract.
      channel: 'stewardship:incidents',
      message: { type: 'incidents-changed' },
    });
  });

  it('stays quiet for an action-item PATCH that sets what is stored', async () => {
    const { store, published } = setup({ outcome: 'created', incident });
    await store.updateActionItem('i1', 't1', () => undefined);
    expect(published).toEqual([]);
  });

  it('stays quiet for reads, duplicate and ignored events, and failed writes', async () => {
    const quiet = setup({ outcome: 'duplicate' });
    await quiet.store.getIncident('i1');
    await quiet.store.listIncidents({} as any);
    await quiet.store.saveBudgetImpact('i1', 2, []);
    await quiet.store.applyExternalEvent(event, () => ({} as any));
    expect(quiet.published).toEqual([]);

    const ignored = setup({ outcome: 'ignored' });
    await ignored.store.applyExternalEvent(event, () => ({} as any));
    expect(ignored.published).toEqual([]);

    const failing = setup({ outcome: 'created', incident }, new Error('stale'));
    await expect(
      failing.store.updateIncident('i1', 1, record, []),
    ).rejects.toThrow('stale');
    expect(failing.published).toEqual([]);
  });

  it('keeps a write that succeeded when the signal cannot be sent', async () => {
    const logger = mockServices.logger.mock();
    const store = new SignallingIncidentStore(
      fakeStore({ outcome: 'created', incident }),
      {
        publish: async () => {
          throw new Error('events bus down');
        },
      },
      logger,
    );
    expect(await store.createIncident(record, 'user:default/ada')).toBe(
      incident,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events bus down'),
    );
  });
});
