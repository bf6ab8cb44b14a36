import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SloStore } from '../database/SloStore';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloSettings } from './SloSettings';

/**
 * Evaluates every SLO on the scheduler's cadence and prunes old snapshots. The scheduler runs a
 * task on one replica at a time, so replicas sharing a database do not evaluate twice.
 */
export async function scheduleSloEvaluation(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  runner: SloEvaluationRunner;
  store: SloStore;
  settings: SloSettings;
}) {
  const { scheduler, logger, runner, store, settings } = options;
  await scheduler.scheduleTask({
    id: 'stewardship-slo-evaluation',
    ...settings.schedule,
    fn: async () => {
      const taskLogger = logger.child({ task: 'slo-evaluation' });
      const now = new Date();
      const summary = await runner.evaluateAll(now, taskLogger);
      const pruned = await store.pruneSnapshots(
        new Date(now.getTime() - settings.snapshotRetentionMs),
      );
      const statuses = Object.entries(summary.byStatus)
        .map(([status, count]) => `${count} ${status}`)
        .join(', ');
      taskLogger.info(
        `Evaluated ${summary.evaluated} SLOs in ${summary.durationMs} ms (${statuses}); pruned ${pruned} old snapshots`,
      );
    },
  });
}
