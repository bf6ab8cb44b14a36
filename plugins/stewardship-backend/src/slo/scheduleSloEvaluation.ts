/*
 * Scheduled SLO evaluation: one scheduler task per configured metric source, plus one small
 * housekeeping task. All run on `stewardship.slos.evaluation.schedule`.
 *
 * - `stewardship-slo-evaluation:<source>` evaluates the live SLOs of that source. A task per
 *   source, because a source that hangs until the timeout must not delay or starve the SLOs of
 *   the others: each has its own run, lock, timeout and error in the scheduler's task list.
 * - `stewardship-slo-housekeeping` prunes snapshots past the retention and records `no-data`
 *   (`unknown-source`) for SLOs whose source has left the config. It never queries a source, so
 *   it is kept apart from the source tasks rather than tied to one of them.
 *
 * Replicas: tasks are global, so the scheduler runs each on one replica at a time (a row lock in
 * the shared database); every replica schedules the same ids, and a tick evaluates each SLO once.
 *
 * Abort: the scheduler aborts a run's signal at the task's timeout or when the backend shuts
 * down. The runner hands the signal down to every query, sends none after it aborts, and stores a
 * run's snapshots in one transaction at its end, so an aborted or crashed run leaves none behind.
 */
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SloStore } from '../database/SloStore';
import {
  SloEvaluationRunSummary,
  SloEvaluationRunner,
} from './SloEvaluationRunner';
import { SloSettings } from './SloSettings';

/** The id of the task that evaluates the SLOs of one metric source. */
export function sloEvaluationTaskId(source: string): string {
  return `stewardship-slo-evaluation:${source}`;
}

/** The id of the task that prunes snapshots and records SLOs of unconfigured sources. */
export const SLO_HOUSEKEEPING_TASK_ID = 'stewardship-slo-housekeeping';

function describeRun(summary: SloEvaluationRunSummary): string {
  const statuses = Object.entries(summary.byStatus)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return `Evaluated ${summary.evaluated} SLOs in ${summary.durationMs} ms${
    statuses ? ` (${statuses})` : ''
  }`;
}

export async function scheduleSloEvaluation(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  runner: SloEvaluationRunner;
  store: SloStore;
  settings: SloSettings;
  /** The names of the configured metric sources (`stewardship.metricSources`). */
  sources: ReadonlyArray<string>;
}) {
  const { scheduler, logger, runner, store, settings, sources } = options;

  for (const source of sources) {
    await scheduler.scheduleTask({
      id: sloEvaluationTaskId(source),
      ...settings.schedule,
      fn: async (signal: AbortSignal) => {
        const taskLogger = logger.child({
          task: 'slo-evaluation',
          metricSource: source,
        });
        const summary = await runner.evaluateAll(new Date(), taskLogger, {
          metricSources: { in: [source] },
          signal,
        });
        taskLogger.info(`${describeRun(summary)} against source "${source}"`);
      },
    });
  }

  await scheduler.scheduleTask({
    id: SLO_HOUSEKEEPING_TASK_ID,
    ...settings.schedule,
    fn: async (signal: AbortSignal) => {
      const taskLogger = logger.child({ task: 'slo-housekeeping' });
      const now = new Date();
      const orphans = await runner.evaluateAll(now, taskLogger, {
        metricSources: { notIn: sources },
        signal,
      });
      signal.throwIfAborted();
      const pruned = await store.pruneSnapshots(
        new Date(now.getTime() - settings.snapshotRetentionMs),
        { signal },
      );
      taskLogger.info(
        `Pruned ${pruned} old snapshots; ${orphans.evaluated} SLOs of unconfigured metric sources recorded as no-data`,
      );
    },
  });
}
