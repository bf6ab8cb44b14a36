/*
 * SLO status notifications: a real runner and stores (every test database), an evaluator that
 * answers the statuses each test scripts, and a recording notification service. Owners get one
 * notification per change of the status they were last told of, all with the SLO's scope (so the
 * notifications backend keeps a single one, updated): none for runs that change nothing or for
 * no-data, one for a change through no-data or made by "evaluate now", and a failed or hung
 * sending is tried again by the next run. The expected titles and texts are written out by hand.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  SloDefinition,
  SloEvaluation,
  SloSpec,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import {
  SloStatusNotifier,
  sloNotificationDescription,
} from './SloStatusNotifier';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();

const spec = (name: string): SloSpec => ({
  entityRef: 'component:default/checkout',
  name,
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
});

/** A snapshot of `slo` with `status` and the reason the evaluator would give it. */
function evaluation(
  slo: SloDefinition,
  at: Date,
  status: SloStatus,
): SloEvaluation {
  const reasons: Record<SloStatus, string> = {
    healthy: '25 % of the error budget left and no alert policy fires.',
    'at-risk': 'Burning the error budget too fast: page-1h fires.',
    exhausted: 'The error budget is spent: 150 bad events against 100 allowed.',
    'no-data': 'Prometheus answered 503',
  };
  return storedEvaluation(slo, at, {
    status,
    reason: reasons[status],
    ...(status !== 'no-data' && {
      errorBudget: {
        remaining: status === 'exhausted' ? -0.5 : 0.25,
        consumed: status === 'exhausted' ? 1.5 : 0.75,
        allowedBad: 100,
        bad: status === 'exhausted' ? 150 : 75,
      },
    }),
    alerts: [
      {
        policy: {
          name: 'page-1h',
          severity: 'page',
          burnRate: 14.4,
          longWindow: '1h',
          shortWindow: '5m',
        },
        firing: status === 'at-risk',
        longBurnRate: status === 'at-risk' ? 20.5 : 3,
      },
    ],
  });
}

/** A notification service that records what it is asked to send (or fails, while `failing`). */
function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const service = {
    failing: false as boolean | 'hang',
    sent,
    send: async (options: NotificationSendOptions) => {
      if (service.failing === 'hang') return new Promise<void>(() => {});
      if (service.failing)
        throw new Error('503 from the notifications backend');
      sent.push(options);
      return undefined;
    },
  };
  return service;
}

/** A runner over `db` whose evaluator answers `statusOf(slo)` and whose notifier sends to `notifications`. */
function runnerFor(
  db: StewardshipDatabase,
  statusOf: (slo: SloDefinition) => SloStatus,
  notifications: ReturnType<typeof recordingNotifications>,
  options: { timeoutMs?: number } = {},
) {
  const notifierLogger = mockServices.logger.mock();
  const evaluator = {
    evaluate: async (slo: SloDefinition, at: Date) =>
      evaluation(slo, at, statusOf(slo)),
  } as unknown as SloEvaluator;
  const runner = new SloEvaluationRunner(db.slos, evaluator, {
    concurrencyPerSource: 2,
    statusListeners: [
      new SloStatusNotifier(
        notifications,
        db.sloStatusNotifications,
        notifierLogger,
        options,
      ),
    ],
  });
  return { runner, notifierLogger };
}

/**
 * A runner whose scheduled runs answer `scheduled` and can be held mid-evaluation (`hold`), while
 * "evaluate now" answers `onDemand` at once: for a run that overlaps another evaluation.
 */
function heldRunnerFor(
  db: StewardshipDatabase,
  notifications: ReturnType<typeof recordingNotifications>,
) {
  const statuses = {
    scheduled: 'healthy' as SloStatus,
    onDemand: 'healthy' as SloStatus,
  };
  let held: { evaluating: () => void; release: Promise<void> } | undefined;
  const evaluator = {
    evaluate: async (
      slo: SloDefinition,
      at: Date,
      options?: { signal?: AbortSignal },
    ) => {
      // Only scheduled runs pass options (their signal).
      if (!options) return evaluation(slo, at, statuses.onDemand);
      const status = statuses.scheduled;
      if (held) {
        held.evaluating();
        await held.release;
      }
      return evaluation(slo, at, status);
    },
  } as unknown as SloEvaluator;
  const runner = new SloEvaluationRunner(db.slos, evaluator, {
    concurrencyPerSource: 2,
    statusListeners: [
      new SloStatusNotifier(
        notifications,
        db.sloStatusNotifications,
        mockServices.logger.mock(),
      ),
    ],
  });
  /** Holds the next scheduled run's evaluations; resolves once it is evaluating. */
  const hold = async () => {
    let evaluating!: () => void;
    let release!: () => void;
    const started = new Promise<void>(resolve => {
      evaluating = resolve;
    });
    held = {
      evaluating,
      release: new Promise<void>(resolve => {
        release = resolve;
      }),
    };
    return {
      started,
      release: () => {
        held = undefined;
        release();
      },
    };
  };
  return { runner, statuses, hold };
}

const t0 = Date.parse('2026-11-30T10:00:00Z');
const runAt = (i: number) => new Date(t0 + i * 5 * 60_000);

describe.each(databases.eachSupportedId())(
  'SLO status notifications on %p',
  id => {
    it('notifies each change of the told status once, in place per SLO, also through no-data', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [flappy, steady] = await db.slos.createSlos(
        [spec('flappy'), spec('steady')],
        'test',
      );
      const script: Record<string, SloStatus[]> = {
        [flappy.id]: [
          'healthy',
          'at-risk',
          'at-risk',
          'healthy',
          'at-risk',
          'no-data',
          'exhausted',
          'exhausted',
          'no-data',
          'healthy',
        ],
        [steady.id]: Array(10).fill('healthy'),
      };
      let run = 0;
      const notifications = recordingNotifications();
      const { runner } = runnerFor(
        db,
        slo => script[slo.id][run],
        notifications,
      );
      const logger = mockServices.logger.mock();
      const sentPerRun: number[] = [];
      for (run = 0; run < 10; run++) {
        const before = notifications.sent.length;
        await runner.evaluateAll(runAt(run), logger);
        sentPerRun.push(notifications.sent.length - before);
      }
      // 0: a new SLO starting healthy (not told); 1: healthy → at-risk; 3: → healthy; 4: →
      // at-risk; 5: no-data (not told); 6: exhausted, told against at-risk (what the owners
      // knew); 7: unchanged; 8: no-data; 9: healthy again, told against exhausted.
      expect(sentPerRun).toEqual([0, 1, 0, 1, 1, 0, 1, 0, 0, 1]);
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "flappy" is at-risk (was healthy)',
        'checkout: SLO "flappy" is healthy (was at-risk)',
        'checkout: SLO "flappy" is at-risk (was healthy)',
        'checkout: SLO "flappy" is exhausted (was at-risk)',
        'checkout: SLO "flappy" is healthy (was exhausted)',
      ]);
      expect(new Set(notifications.sent.map(s => s.payload.scope))).toEqual(
        new Set([`stewardship-slo:${flappy.id}`]),
      );
      expect(notifications.sent[0]).toEqual({
        recipients: { type: 'entity', entityRef: 'component:default/checkout' },
        payload: {
          title: 'checkout: SLO "flappy" is at-risk (was healthy)',
          description:
            'Burning the error budget too fast: page-1h fires. 25 % of the error budget is left. Burn rates: page-1h 20.5× over 1h (fires from 14.4×).',
          link: '/catalog/default/component/checkout/slos',
          severity: 'high',
          topic: 'stewardship-slo-status',
          scope: `stewardship-slo:${flappy.id}`,
        },
      });
      expect(notifications.sent.map(s => s.payload.severity)).toEqual([
        'high',
        'normal',
        'high',
        'critical',
        'normal',
      ]);
      expect(notifications.sent[3].payload.description).toBe(
        'The error budget is spent: 150 bad events against 100 allowed.',
      );
    });

    it('tells a new SLO that starts unhealthy, without a "was"', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('new')], 'test');
      const notifications = recordingNotifications();
      const { runner } = runnerFor(db, () => 'exhausted', notifications);
      await runner.evaluateAll(runAt(0), mockServices.logger.mock());
      await runner.evaluateAll(runAt(1), mockServices.logger.mock());
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "new" is exhausted',
      ]);
      expect(notifications.sent[0].payload.scope).toBe(
        `stewardship-slo:${slo.id}`,
      );
      expect(notifications.sent[0].payload.link).toBe(
        '/catalog/default/component/checkout/slos',
      );
    });

    it("links an SLO of a kind without the SLOs tab to its entity's page", async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      await db.slos.createSlos(
        [{ ...spec('storage'), entityRef: 'resource:default/orders-db' }],
        'test',
      );
      const notifications = recordingNotifications();
      const { runner } = runnerFor(db, () => 'exhausted', notifications);
      await runner.evaluateAll(runAt(0), mockServices.logger.mock());
      expect(notifications.sent.map(s => s.payload.link)).toEqual([
        '/catalog/default/resource/orders-db',
      ]);
    });

    it('starts an SLO evaluated before notifications were stored from its previous snapshot', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('older')], 'test');
      // Stored before this notifier kept told statuses (or by a backfill): exhausted.
      await db.slos.saveSnapshot(evaluation(slo, runAt(0), 'exhausted'));
      let status: SloStatus = 'exhausted';
      const notifications = recordingNotifications();
      const { runner } = runnerFor(db, () => status, notifications);
      await runner.evaluateAll(runAt(1), mockServices.logger.mock());
      expect(notifications.sent).toHaveLength(0);
      status = 'healthy';
      await runner.evaluateAll(runAt(2), mockServices.logger.mock());
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "older" is healthy (was exhausted)',
      ]);
    });

    it('tells a change that "evaluate now" stored, and none that a backfill stored', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('on-demand')], 'test');
      let status: SloStatus = 'healthy';
      const notifications = recordingNotifications();
      const { runner } = runnerFor(db, () => status, notifications);
      await runner.evaluateAll(runAt(0), mockServices.logger.mock());
      status = 'exhausted';
      // A backfill of an earlier moment: not the SLO's newest snapshot, nobody is told.
      await runner.evaluateAndStore(slo, new Date(t0 - 86_400_000));
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(notifications.sent).toHaveLength(0);

      await runner.evaluateAndStore(slo, runAt(1), { latest: true });
      await waitFor(() => notifications.sent.length > 0);
      // The next scheduled run sees no change: told once.
      await runner.evaluateAll(runAt(2), mockServices.logger.mock());
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "on-demand" is exhausted (was healthy)',
      ]);
    });

    it('tells no older status from a run that read its data before an "evaluate now" was told', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('overlap')], 'test');
      const notifications = recordingNotifications();
      const { runner, statuses, hold } = heldRunnerFor(db, notifications);
      const logger = mockServices.logger.mock();
      await runner.evaluateAll(runAt(0), logger);

      // The run as of 10:05 reads healthy, and is still at it when the owner's "evaluate now"
      // at 10:06 finds the budget spent and is told.
      const held = await hold();
      const run = runner.evaluateAll(runAt(1), logger);
      await held.started;
      statuses.onDemand = 'exhausted';
      await runner.evaluateAndStore(slo, new Date(t0 + 6 * 60_000), {
        latest: true,
      });
      await waitFor(() => notifications.sent.length > 0);
      held.release();
      await run;
      // The next run agrees with "evaluate now": nothing more to tell.
      statuses.scheduled = 'exhausted';
      await runner.evaluateAll(runAt(2), logger);

      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "overlap" is exhausted (was healthy)',
      ]);
      expect(
        (await db.sloStatusNotifications.toldStatuses([slo.id])).get(slo.id),
      ).toEqual({
        status: 'exhausted',
        toldAt: new Date('2026-11-30T10:06:00Z'),
      });
    });

    it('tells nobody of an SLO deleted or changed while a run evaluated it; the next run tells a moved one to its entity', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [doomed, moved] = await db.slos.createSlos(
        [spec('doomed'), spec('moved')],
        'test',
      );
      const notifications = recordingNotifications();
      const { runner, statuses, hold } = heldRunnerFor(db, notifications);
      const logger = mockServices.logger.mock();
      await runner.evaluateAll(runAt(0), logger);

      const held = await hold();
      statuses.scheduled = 'exhausted';
      const run = runner.evaluateAll(runAt(1), logger);
      await held.started;
      await db.slos.deleteSlo(doomed.id, 'user:default/owner');
      await db.slos.updateSlo(
        moved.id,
        {
          ...spec('availability'),
          entityRef: 'component:default/payments',
        },
        moved.version,
        'user:default/owner',
      );
      held.release();
      await run;
      // Its snapshot is of the version before the move (the tab shows it stale): not told.
      expect(notifications.sent).toEqual([]);

      await runner.evaluateAll(runAt(2), logger);
      expect(notifications.sent).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: 'component:default/payments',
          },
          payload: expect.objectContaining({
            title: 'payments: SLO "availability" is exhausted (was healthy)',
            link: '/catalog/default/component/payments/slos',
            scope: `stewardship-slo:${moved.id}`,
          }),
        },
      ]);
    });

    it('tells a new SLO whose first notification failed without a "was" on the next run', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      await db.slos.createSlos([spec('fresh')], 'test');
      const notifications = recordingNotifications();
      const { runner } = runnerFor(db, () => 'exhausted', notifications);
      const logger = mockServices.logger.mock();
      notifications.failing = true;
      await runner.evaluateAll(runAt(0), logger);
      notifications.failing = false;
      await runner.evaluateAll(runAt(1), logger);
      await runner.evaluateAll(runAt(2), logger);
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "fresh" is exhausted',
      ]);
    });

    it('keeps the run when sending fails, says so, and tells the change on the next run', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('a')], 'test');
      let status: SloStatus = 'healthy';
      const notifications = recordingNotifications();
      const { runner, notifierLogger } = runnerFor(
        db,
        () => status,
        notifications,
      );
      const logger = mockServices.logger.mock();
      await runner.evaluateAll(runAt(0), logger);
      status = 'exhausted';
      notifications.failing = true;
      const summary = await runner.evaluateAll(runAt(1), logger);
      expect(summary.byStatus.exhausted).toBe(1);
      const stored = await db.slos.latestSnapshots([slo.id], runAt(1));
      expect(stored.get(slo.id)?.status).toBe('exhausted');
      expect(notifierLogger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Could not notify the owners of component:default/checkout that SLO "a" is exhausted (tried again on the next run): Error: 503',
        ),
      );
      expect(notifications.sent).toHaveLength(0);

      notifications.failing = false;
      await runner.evaluateAll(runAt(2), logger);
      await runner.evaluateAll(runAt(3), logger);
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "a" is exhausted (was healthy)',
      ]);
    });

    it('gives up on a sending that hangs, ends the run, and tries again on the next', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      await db.slos.createSlos([spec('a')], 'test');
      let status: SloStatus = 'healthy';
      const notifications = recordingNotifications();
      const { runner, notifierLogger } = runnerFor(
        db,
        () => status,
        notifications,
        { timeoutMs: 100 },
      );
      const logger = mockServices.logger.mock();
      await runner.evaluateAll(runAt(0), logger);
      status = 'at-risk';
      notifications.failing = 'hang';
      await runner.evaluateAll(runAt(1), logger);
      expect(notifierLogger.warn).toHaveBeenCalledWith(
        expect.stringContaining('no answer within 0.1 s'),
      );
      notifications.failing = false;
      await runner.evaluateAll(runAt(2), logger);
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "a" is at-risk (was healthy)',
      ]);
    });

    it('starts no sending once the run is aborted; a later run tells what was left', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const slos = await db.slos.createSlos(
        ['a', 'b', 'c', 'd', 'e', 'f'].map(spec),
        'test',
      );
      const notifications = recordingNotifications();
      const notifier = new SloStatusNotifier(
        notifications,
        db.sloStatusNotifications,
        mockServices.logger.mock(),
      );
      const changes = slos.map(slo => ({
        slo,
        previous: evaluation(slo, runAt(0), 'healthy'),
        current: evaluation(slo, runAt(1), 'exhausted'),
      }));
      const aborted = new AbortController();
      aborted.abort(new Error('the task timed out'));
      await notifier.snapshotsStored(changes, { signal: aborted.signal });
      expect(notifications.sent).toHaveLength(0);
      await notifier.snapshotsStored(changes);
      expect(notifications.sent).toHaveLength(6);
    });

    it('tells a change once when two runs (two replicas) see it at the same time', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('a')], 'test');
      const notifications = recordingNotifications();
      const notifier = () =>
        new SloStatusNotifier(
          notifications,
          db.sloStatusNotifications,
          mockServices.logger.mock(),
        );
      const previous = evaluation(slo, runAt(0), 'healthy');
      await notifier().snapshotsStored([{ slo, current: previous }]);
      const change = {
        slo,
        previous,
        current: evaluation(slo, runAt(1), 'exhausted'),
      };
      await Promise.all([
        notifier().snapshotsStored([change]),
        notifier().snapshotsStored([change]),
        notifier().snapshotsStored([change]),
      ]);
      expect(notifications.sent.map(s => s.payload.title)).toEqual([
        'checkout: SLO "a" is exhausted (was healthy)',
      ]);
    });
  },
);

describe('sloNotificationDescription', () => {
  const slo = { id: 'x', entityRef: 'component:default/a', objective: 0.99 };
  it('is the reason alone for healthy and exhausted (it carries the budget)', () => {
    expect(
      sloNotificationDescription(
        storedEvaluation(slo, t0, {
          status: 'healthy',
          remaining: 0.87654,
          reason: '87.7 % of the error budget left and no alert policy fires.',
        }),
      ),
    ).toBe('87.7 % of the error budget left and no alert policy fires.');
    expect(
      sloNotificationDescription(
        storedEvaluation(slo, t0, {
          status: 'exhausted',
          remaining: -1,
          reason:
            'The error budget is spent: 2,000 bad events against 1,000 allowed.',
        }),
      ),
    ).toBe(
      'The error budget is spent: 2,000 bad events against 1,000 allowed.',
    );
  });
  it("adds the budget left and the firing policies' burn rates for at-risk", () => {
    const policy = (name: string, burnRate: number, longWindow: string) => ({
      name,
      severity: 'page' as const,
      burnRate,
      longWindow,
      shortWindow: '5m',
    });
    expect(
      sloNotificationDescription(
        storedEvaluation(slo, t0, {
          status: 'at-risk',
          remaining: 0.4321,
          reason: 'Burning the error budget too fast: page-1h, page-6h fire.',
          alerts: [
            {
              policy: policy('page-1h', 14.4, '1h'),
              firing: true,
              longBurnRate: 16.04,
            },
            {
              policy: policy('page-6h', 6, '6h'),
              firing: true,
              longBurnRate: 7.25,
            },
            {
              policy: policy('ticket-3d', 1, '3d'),
              firing: false,
              longBurnRate: 2,
            },
          ],
        }),
      ),
    ).toBe(
      'Burning the error budget too fast: page-1h, page-6h fire. 43.2 % of the error budget is left. Burn rates: page-1h 16× over 1h (fires from 14.4×), page-6h 7.25× over 6h (fires from 6×).',
    );
  });
});

describe('sloNotificationDescription figures', () => {
  const slo = { id: 'x', entityRef: 'component:default/a', objective: 0.99 };
  const ticket3d = {
    name: 'ticket-3d',
    severity: 'ticket' as const,
    // A 7d SLO's "10 % within 3d": 0.1 × 7d ÷ 3d.
    burnRate: 0.1 * (7 / 3),
    longWindow: '3d',
    shortWindow: '6h',
  };
  const atRisk = (remaining: number, longBurnRate: number) =>
    sloNotificationDescription(
      storedEvaluation(slo, t0, {
        status: 'at-risk',
        remaining,
        reason: 'Burning the error budget too fast: ticket-3d fires.',
        alerts: [{ policy: ticket3d, firing: true, longBurnRate }],
      }),
    );

  it('writes a firing rate above its threshold, with the digits it takes', () => {
    // To one decimal the rate read 0.2, below its threshold 0.23333333333333334.
    expect(atRisk(0.5, 0.24999)).toBe(
      'Burning the error budget too fast: ticket-3d fires. 50 % of the error budget is left. Burn rates: ticket-3d 0.25× over 3d (fires from 0.233×).',
    );
    // 0.2334 and 0.23333… read 0.233 to three digits: four tell them apart.
    expect(atRisk(0.5, 0.2334)).toContain(
      'ticket-3d 0.2334× over 3d (fires from 0.2333×)',
    );
  });

  it('writes the budget left as the SLOs tab does: never 0 % or 100 % unless exactly', () => {
    // 0.04 % and 99.96 %, not 0.0 % and 100.0 % (one decimal).
    expect(atRisk(0.0004, 0.3)).toContain(
      ' 0.04 % of the error budget is left.',
    );
    expect(atRisk(0.9996, 0.3)).toContain(
      ' 99.96 % of the error budget is left.',
    );
  });
});

async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  expect(condition()).toBe(true);
}
