/*
 * The signal that tells open SLO tabs to read again: a real runner and store (every test
 * database), an evaluator that answers healthy, and a signals service that records what it is
 * asked to publish (and what was stored at that moment). One broadcast per run that stored
 * snapshots, after they are stored; none for a backfill, an empty or an aborted run; a failed
 * publish or a failing listener beside it never fails the run nor silences the other.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { checkoutSloSpec as spec } from '../__testUtils__/sloSpecs';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluationSignaller } from './SloEvaluationSignaller';
import { SloEvaluator } from './SloEvaluator';
import { SloStatusListener } from './SloStatusNotifier';

const databases = createTestDatabases();

const t0 = Date.parse('2026-11-30T10:00:00Z');
const runAt = (i: number) => new Date(t0 + i * 5 * 60_000);

/** Everything published, each with the number of snapshots stored when it was. */
function recordingSignals(db: StewardshipDatabase, slos: () => string[]) {
  const published: { signal: unknown; storedThen: number }[] = [];
  return {
    published,
    failing: false,
    async publish(signal: unknown) {
      if (this.failing) throw new Error('the signals backend is gone');
      const latest = await db.slos.latestSnapshots(slos(), new Date(t0 + 1e9));
      published.push({ signal, storedThen: latest.size });
    },
  };
}

function runnerWith(db: StewardshipDatabase, listeners: SloStatusListener[]) {
  const evaluator = {
    evaluate: async (slo: SloDefinition, at: Date, options?: any) => {
      options?.signal?.throwIfAborted();
      return storedEvaluation(slo, at, { remaining: 0.5 });
    },
  } as unknown as SloEvaluator;
  const logger = mockServices.logger.mock();
  const runner = new SloEvaluationRunner(db.slos, evaluator, {
    concurrencyPerSource: 2,
    statusListeners: listeners,
    logger,
  });
  return { runner, logger };
}

describe.each(databases.eachSupportedId())(
  'SLO evaluation signal on %p',
  id => {
    it('publishes one broadcast per scheduled run, after its snapshots are stored', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const slos = await db.slos.createSlos(
        [spec('a'), spec('b'), spec('c')],
        'test',
      );
      const signals = recordingSignals(db, () => slos.map(slo => slo.id));
      const { runner } = runnerWith(db, [new SloEvaluationSignaller(signals)]);

      await runner.evaluateAll(runAt(0), mockServices.logger.mock());
      await runner.evaluateAll(runAt(1), mockServices.logger.mock());

      expect(signals.published).toEqual([
        {
          signal: {
            recipients: { type: 'broadcast' },
            channel: 'stewardship:slos',
            message: { type: 'slos-evaluated' },
          },
          // The tabs that read on hearing it find the run's snapshots.
          storedThen: 3,
        },
        expect.objectContaining({ storedThen: 3 }),
      ]);
    });

    it('publishes for "evaluate now", not for a backfill, an empty run or an aborted one', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const signals = recordingSignals(db, () => []);
      const { runner } = runnerWith(db, [new SloEvaluationSignaller(signals)]);

      // No SLOs yet: nothing stored, nothing to tell.
      await runner.evaluateAll(runAt(0), mockServices.logger.mock());
      expect(signals.published).toHaveLength(0);

      const [slo] = await db.slos.createSlos([spec('on-demand')], 'test');
      const aborted = new AbortController();
      aborted.abort(new Error('the task timed out'));
      await expect(
        runner.evaluateAll(runAt(1), mockServices.logger.mock(), {
          signal: aborted.signal,
        }),
      ).rejects.toThrow('the task timed out');
      // A backfill of an earlier moment is not the SLO's newest snapshot.
      await runner.evaluateAndStore(slo, runAt(-10));
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(signals.published).toHaveLength(0);

      await runner.evaluateAndStore(slo, runAt(2), { latest: true });
      // Told without the caller waiting for it.
      await waitFor(() => signals.published.length > 0);
      expect(signals.published).toHaveLength(1);
    });

    it('keeps the run when publishing fails, and a failing listener does not silence the signal', async () => {
      const db = await StewardshipDatabase.forTest(await databases.init(id));
      const [slo] = await db.slos.createSlos([spec('a')], 'test');
      const signals = recordingSignals(db, () => [slo.id]);
      const failingListener: SloStatusListener = {
        snapshotsStored: async () => {
          throw new Error('503 from the notifications backend');
        },
      };
      const { runner, logger } = runnerWith(db, [
        failingListener,
        new SloEvaluationSignaller(signals),
      ]);

      const summary = await runner.evaluateAll(runAt(0), logger);
      expect(summary.evaluated).toBe(1);
      expect(signals.published).toHaveLength(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'SLO status listener failed: 503 from the notifications backend',
      );

      signals.failing = true;
      await runner.evaluateAll(runAt(1), logger);
      expect(logger.warn).toHaveBeenCalledWith(
        'SLO status listener failed: the signals backend is gone',
      );
      // Stored all the same.
      const latest = await db.slos.latestSnapshots([slo.id], runAt(2));
      expect(latest.get(slo.id)?.at).toBe(runAt(1).toISOString());
    });
  },
);

async function waitFor(condition: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
