/*
 * The budget-cost backfill over fakes: what it stores, what it leaves for later and how long
 * that waits, its bound per run, and an abort. The store's query is tested on both databases in
 * DatabaseIncidentStore.test.ts, the calculator against Prometheus in its own tests.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  Incident,
  IncidentBudgetImpact,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  INCIDENT_BUDGET_BACKFILL_TASK_ID,
  IncidentBudgetBackfill,
  scheduleIncidentBudgetBackfill,
} from './IncidentBudgetBackfill';

const HOUR = 60 * 60 * 1000;

const incident = (id: string, sloIds = ['slo-a']): Incident =>
  ({
    id,
    version: 3,
    status: 'resolved',
    affectedSloIds: sloIds,
    detectedAt: '2026-09-10T10:00:00.000Z',
    resolvedAt: '2026-09-10T11:00:00.000Z',
  } as Incident);

const impact = (
  sloId: string,
  status: 'computed' | 'no-data',
): IncidentBudgetImpact => ({
  sloId,
  status,
  incidentWindow: {
    start: '2026-09-10T10:00:00.000Z',
    end: '2026-09-10T11:00:00.000Z',
  },
  computedAt: '2026-09-10T12:00:00.000Z',
  stored: false,
});

/**
 * A store listing `incidents` (newest resolved first, as the database does) until their cost is
 * saved, a calculator answering `no-data` for the SLOs in `down`, and a clock at `now.ms`.
 */
function setup(incidents: Incident[], down = new Set<string>()) {
  const saved = new Map<string, IncidentBudgetImpact[]>();
  const asked: string[] = [];
  const now = { ms: Date.parse('2026-09-10T12:00:00.000Z') };
  const backfill = new IncidentBudgetBackfill({
    store: {
      async listResolvedWithoutBudgetImpact({ offset, limit }) {
        return incidents
          .filter(i => !saved.has(i.id))
          .slice(offset, offset + limit);
      },
      async saveBudgetImpact(id, version, impacts) {
        if (version !== 3) return false;
        saved.set(id, impacts);
        return true;
      },
    },
    budget: {
      async impacts(i) {
        asked.push(i.id);
        return i.affectedSloIds.map(sloId =>
          impact(sloId, down.has(sloId) ? 'no-data' : 'computed'),
        );
      },
    },
    slos: { getSlo: async () => undefined },
    now: () => new Date(now.ms),
    maxPerRun: 3,
  });
  const run = () => backfill.run(new AbortController().signal);
  return { backfill, saved, asked, now, run };
}

describe('IncidentBudgetBackfill', () => {
  it('stores the cost of each resolved incident computed in full, at most maxPerRun a run', async () => {
    const { saved, asked, run } = setup(
      ['i1', 'i2', 'i3', 'i4'].map(id => incident(id, ['slo-a', 'slo-b'])),
    );
    expect(await run()).toEqual({ stored: 3, notStored: 0 });
    expect(asked).toEqual(['i1', 'i2', 'i3']);
    expect(saved.get('i1')!.map(i => [i.sloId, i.status])).toEqual([
      ['slo-a', 'computed'],
      ['slo-b', 'computed'],
    ]);
    // The next run takes the rest.
    expect(await run()).toEqual({ stored: 1, notStored: 0 });
    expect([...saved.keys()]).toEqual(['i1', 'i2', 'i3', 'i4']);
    expect(await run()).toEqual({ stored: 0, notStored: 0 });
  });

  it('stores nothing of an incident one of whose SLOs has no data, and tries it after 1 h, 2 h, 4 h … at most a day', async () => {
    const down = new Set(['slo-down']);
    const { saved, asked, now, run } = setup(
      [incident('partial', ['slo-a', 'slo-down']), incident('whole')],
      down,
    );
    expect(await run()).toEqual({ stored: 1, notStored: 1 });
    expect([...saved.keys()]).toEqual(['whole']);

    // Waits between tries, doubling: 1, 2, 4, 8, 16 h, then a day, a day.
    const waits = [1, 2, 4, 8, 16, 24, 24].map(h => h * HOUR);
    for (const wait of waits) {
      asked.length = 0;
      now.ms += wait - 1;
      expect(await run()).toEqual({ stored: 0, notStored: 0 });
      now.ms += 1;
      expect(await run()).toEqual({ stored: 0, notStored: 1 });
      expect(asked).toEqual(['partial']);
    }

    // Once its source answers, the next due run stores it and it waits no more.
    down.clear();
    now.ms += 24 * HOUR;
    expect(await run()).toEqual({ stored: 1, notStored: 0 });
    expect(saved.has('partial')).toBe(true);
  });

  it('passes over incidents that wait to reach the due ones behind them', async () => {
    const down = new Set(['slo-down']);
    const { saved, run } = setup(
      [
        ...['d1', 'd2', 'd3'].map(id => incident(id, ['slo-down'])),
        incident('ok'),
      ],
      down,
    );
    expect(await run()).toEqual({ stored: 0, notStored: 3 });
    // The three wait for an hour: the fourth is no longer behind them.
    expect(await run()).toEqual({ stored: 1, notStored: 0 });
    expect([...saved.keys()]).toEqual(['ok']);
  });

  it('looks no further than the 2,000 newest incidents without a stored cost in a run', async () => {
    const listed: number[] = [];
    const backfill = new IncidentBudgetBackfill({
      store: {
        async listResolvedWithoutBudgetImpact({ offset, limit }) {
          listed.push(offset);
          return Array.from({ length: limit }, (_, i) =>
            incident(`i${offset + i}`),
          );
        },
        saveBudgetImpact: async () => true,
      },
      budget: { impacts: async () => [impact('slo-a', 'computed')] },
      slos: { getSlo: async () => undefined },
      maxPerRun: 5000,
    });
    expect(await backfill.run(new AbortController().signal)).toEqual({
      stored: 2000,
      notStored: 0,
    });
    expect(listed).toEqual(Array.from({ length: 10 }, (_, i) => i * 200));
  });

  it('stops between two incidents once aborted', async () => {
    const controller = new AbortController();
    const asked: string[] = [];
    const backfill = new IncidentBudgetBackfill({
      store: {
        listResolvedWithoutBudgetImpact: async ({ offset }) =>
          offset === 0 ? [incident('i1'), incident('i2')] : [],
        saveBudgetImpact: async () => true,
      },
      budget: {
        async impacts(i) {
          asked.push(i.id);
          controller.abort();
          return [impact('slo-a', 'computed')];
        },
      },
      slos: { getSlo: async () => undefined },
    });
    expect(await backfill.run(controller.signal)).toEqual({
      stored: 1,
      notStored: 0,
    });
    expect(asked).toEqual(['i1']);
  });

  it('is scheduled on the schedule given, and logs a run that did something', async () => {
    const tasks: Array<{
      id: string;
      frequency: unknown;
      fn: (signal: AbortSignal) => Promise<void>;
    }> = [];
    const logger = mockServices.logger.mock();
    const child = mockServices.logger.mock();
    logger.child.mockReturnValue(child);
    const results = [
      { stored: 0, notStored: 0 },
      { stored: 2, notStored: 1 },
    ];
    await scheduleIncidentBudgetBackfill({
      scheduler: {
        scheduleTask: async (task: (typeof tasks)[number]) => {
          tasks.push(task);
        },
      } as any,
      logger,
      backfill: { run: async () => results.shift()! },
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 4 } },
    });
    expect(tasks.map(t => [t.id, t.frequency])).toEqual([
      [INCIDENT_BUDGET_BACKFILL_TASK_ID, { minutes: 5 }],
    ]);
    await tasks[0].fn(new AbortController().signal);
    expect(child.info).not.toHaveBeenCalled();
    await tasks[0].fn(new AbortController().signal);
    expect(child.info).toHaveBeenCalledWith(
      'Stored the budget cost of 2 resolved incidents; 1 could not be computed in full (a metric source down, an SLO deleted) and is tried again later',
    );
  });
});
