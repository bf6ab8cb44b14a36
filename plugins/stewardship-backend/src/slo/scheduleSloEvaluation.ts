/*
 * Scheduled SLO evaluation: one scheduler task per configured metric source, plus one small
 * housekeeping task. All run on `stewardship.slos.evaluation.schedule`.
 *
 * - `stewardship-slo-evaluation:<source>` evaluates the live SLOs of that source. A task per
 *   source, because a source that hangs until the timeout must not delay or starve the SLOs of
 *   the others: each has its own run, lock, timeout and error in the scheduler's task list.
 * - `stewardship-slo-housekeeping` prunes snapshots (and the backlog's stored reads, one row per
 *   entity, BacklogFiguresStore) past the retention and records `no-data`
 *   (`unknown-source`) for SLOs whose source has left the config; with `removedEntityRetention`
 *   set it also deletes the SLOs whose entity has been missing from the catalog for longer
 *   (removedEntitySlos.ts). It never queries a source, so it is kept apart from the source tasks
 *   rather than tied to one of them.
 *
 * Catalog: both kinds of run evaluate only the SLOs whose entity is in the catalog, read once per
 * run with the plugin's own credentials (SloEvaluationRunner). An SLO of an entity that left the
 * catalog is hidden from every read, so it is neither queried nor recorded while it is gone; when
 * the catalog cannot say, the run evaluates every SLO (and warns) rather than skip on an error.
 *
 * Replicas: tasks are global, so the scheduler runs each on one replica at a time (a row lock in
 * the shared database); every replica schedules the same ids, and a tick evaluates each SLO once.
 *
 * Abort: the scheduler aborts a run's signal at the task's timeout or when the backend shuts
 * down. The runner hands the signal down to every query, sends none after it aborts, and stores a
 * run's snapshots in one transaction at its end, so an aborted or crashed run leaves none behind.
 * Housekeeping prunes in batches and deletes SLOs one by one, stopping between two; an aborted run
 * logs what it deleted and recorded before it stopped, and the next run does the rest.
 */
import {
  AuditorService,
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SloStore } from '../database/SloStore';
import { BacklogFiguresStore } from '../database/BacklogFiguresStore';
import {
  SkippedSlos,
  SloEvaluationRunSummary,
  SloEvaluationRunner,
} from './SloEvaluationRunner';
import { SloSettings } from './SloSettings';
import { deleteSlosOfRemovedEntities } from './removedEntitySlos';
import { errorMessage } from '../lib/errorMessage';

/** The id of the task that evaluates the SLOs of one metric source. */
export function sloEvaluationTaskId(source: string): string {
  return `stewardship-slo-evaluation:${source}`;
}

/** The id of the task that prunes snapshots and records SLOs of unconfigured sources. */
export const SLO_HOUSEKEEPING_TASK_ID = 'stewardship-slo-housekeeping';

/** How many entity refs a run's log line names; the rest are counted. */
const NAMED_MISSING_ENTITIES = 5;

/** `1 SLO`, `2 SLOs`, `0 old snapshots`: a count with its noun in the right number. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `; 3 SLOs skipped: their entities are not in the catalog: a, b, c`, or nothing. */
function describeNotInCatalog({ slos, entityRefs }: SkippedSlos): string {
  if (slos === 0) return '';
  const more = entityRefs.length - NAMED_MISSING_ENTITIES;
  return `; ${slos === 1 ? '1 SLO' : `${slos} SLOs`} skipped: ${
    slos === 1 ? 'its entity is' : 'their entities are'
  } not in the catalog: ${entityRefs
    .slice(0, NAMED_MISSING_ENTITIES)
    .join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

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
  /** Where a run checks that its SLOs' entities still exist, with `auth`'s own credentials. */
  catalog: CatalogService;
  auth: AuthService;
  /** Records housekeeping's deletions of SLOs whose entity left the catalog, as the route does. */
  auditor: AuditorService;
  /** Housekeeping prunes its stored reads with the snapshot retention. */
  backlogFigures: Pick<BacklogFiguresStore, 'pruneBacklogReads'>;
}) {
  const { scheduler, logger, runner, store, settings, sources } = options;
  // The catalog read is bounded like a source's query, well within the run's timeout.
  const catalog = {
    catalog: options.catalog,
    auth: options.auth,
    timeoutMs: settings.queryTimeoutMs,
  };

  for (const source of sources) {
    await scheduler.scheduleTask({
      id: sloEvaluationTaskId(source),
      ...settings.schedule,
      fn: async (signal: AbortSignal) => {
        const taskLogger = logger.child({
          task: 'slo-evaluation',
          metricSource: source,
        });
        const at = new Date();
        const summary = await runner.evaluateAll(at, taskLogger, {
          metricSources: { in: [source] },
          signal,
          catalog,
        });
        const failed = summary.sourceErrors;
        const line = `${describeRun(
          summary,
        )} against source "${source}"${describeNotInCatalog(
          summary.notInCatalog,
        )}`;
        if (failed) {
          // One line per run, at warn: the no-data SLOs' own reasons are only in their snapshots.
          taskLogger.warn(
            `${line}; ${counted(
              failed.count,
              'SLO',
            )} no-data because the source failed, the first: ${
              failed.firstReason
            }`,
          );
        } else {
          taskLogger.info(line);
        }
      },
    });
  }

  await scheduler.scheduleTask({
    id: SLO_HOUSEKEEPING_TASK_ID,
    ...settings.schedule,
    fn: async (signal: AbortSignal) => {
      const taskLogger = logger.child({ task: 'slo-housekeeping' });
      const now = new Date();
      // What the run has done so far, for the log line of a run that is stopped (the prune
      // rejects with the signal's reason, so its own count never comes back then).
      let recordedNoData = 0;
      let prunedSoFar = 0;
      let deletedSlos = 0;
      try {
        const orphans = await runner.evaluateAll(now, taskLogger, {
          metricSources: { notIn: sources },
          signal,
          catalog,
        });
        recordedNoData = orphans.evaluated;
        // Before the prune: its work is bounded (one catalog read, a capped number of deletions),
        // so a prune that takes whole runs after a retention cut cannot starve it.
        const retention = settings.removedEntityRetention;
        if (retention) {
          await deleteSlosOfRemovedEntities({
            store,
            catalog,
            auditor: options.auditor,
            logger: taskLogger,
            retention,
            now,
            signal,
            onDeleted: () => {
              deletedSlos += 1;
            },
          });
        }
        signal.throwIfAborted();
        const before = new Date(now.getTime() - settings.snapshotRetentionMs);
        const pruned = await store.pruneSnapshots(before, {
          signal,
          onDeleted: count => {
            prunedSoFar += count;
          },
        });
        signal.throwIfAborted();
        const prunedBacklogReads =
          await options.backlogFigures.pruneBacklogReads(before);
        taskLogger.info(
          `Pruned ${counted(pruned, 'old snapshot')}${
            prunedBacklogReads > 0
              ? ` and ${counted(
                  prunedBacklogReads,
                  'stored backlog read',
                )} (backlog_figures, backlog_read_failures)`
              : ''
          }; ${counted(
            orphans.evaluated,
            'SLO',
          )} of unconfigured metric sources recorded as no-data${describeNotInCatalog(
            orphans.notInCatalog,
          )}`,
        );
      } catch (error) {
        if (signal.aborted) {
          taskLogger.warn(
            `SLO housekeeping stopped early (${errorMessage(
              signal.reason,
            )}): before the stop it deleted ${counted(
              prunedSoFar,
              'old snapshot',
            )} from slo_snapshots and recorded ${counted(
              recordedNoData,
              'SLO',
            )} of unconfigured metric sources as no-data${
              !settings.removedEntityRetention
                ? ''
                : ` and deleted ${counted(
                    deletedSlos,
                    'SLO',
                  )} whose entity left the catalog`
            }; the next run prunes the rest`,
          );
        }
        throw error;
      }
    },
  });
}
