/*
 * Evaluates live SLOs and stores their snapshots, for the scheduled tasks (all SLOs of one metric
 * source per run) and the on-demand route (one SLO).
 *
 * A run is all or nothing: its snapshots are written together, in one transaction, after the last
 * SLO is evaluated. An aborted run (the scheduler's timeout, a replica shutting down) sends no
 * further query and writes nothing; a crashed one writes nothing either. The next tick, on this
 * replica or another, evaluates afresh. Concurrency is bounded per metric source so that none is
 * flooded; the evaluator's own per-query timeout bounds each SLO.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SLO_STATUSES,
  SloDefinition,
  SloEvaluation,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import pLimit from 'p-limit';
import { SloStore } from '../database/SloStore';
import { SloEvaluator } from './SloEvaluator';
import { SloStatusListener } from './SloStatusNotifier';

/** What one run did. */
export interface SloEvaluationRunSummary {
  evaluated: number;
  byStatus: Record<SloStatus, number>;
  durationMs: number;
}

/** Options of {@link SloEvaluationRunner.evaluateAll}. */
export interface SloEvaluationRunOptions {
  /** Evaluates only the live SLOs of these metric sources (or of all others); all by default. */
  metricSources?: { in: readonly string[] } | { notIn: readonly string[] };
  /**
   * The run's abort signal (the scheduler's): once it aborts, no further query is sent, nothing
   * is stored and the run rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export class SloEvaluationRunner {
  constructor(
    private readonly store: SloStore,
    private readonly evaluator: SloEvaluator,
    private readonly options: {
      concurrencyPerSource: number;
      /** Told, after a run is stored, about each snapshot it stored, with the one it replaced. */
      statusListener?: SloStatusListener;
      logger?: LoggerService;
    },
  ) {}

  /**
   * Evaluates one SLO as of `at` and stores the snapshot. `latest`: the snapshot is the SLO's
   * newest ("evaluate now", not a backfill), so the status listener hears of it, after the
   * snapshot is stored and without the caller waiting for it.
   */
  async evaluateAndStore(
    slo: SloDefinition,
    at: Date,
    options: { latest?: boolean } = {},
  ): Promise<SloEvaluation> {
    const evaluation = await this.evaluator.evaluate(slo, at);
    const listener = options.latest ? this.options.statusListener : undefined;
    const previous = listener
      ? (await this.store.latestSnapshots([slo.id], at)).get(slo.id)
      : undefined;
    await this.store.saveSnapshot(evaluation);
    if (listener) {
      listener
        .snapshotsStored([{ slo, previous, current: evaluation }])
        .catch(error =>
          this.options.logger?.warn(
            `SLO status listener failed: ${describe(error)}`,
          ),
        );
    }
    return evaluation;
  }

  /**
   * Evaluates the live SLOs as of `at`, then stores every snapshot in one transaction. The
   * evaluator turns source problems into `no-data`, so one SLO's broken source does not stop
   * the others; a failure to store fails the run.
   */
  async evaluateAll(
    at: Date,
    logger: LoggerService,
    options: SloEvaluationRunOptions = {},
  ): Promise<SloEvaluationRunSummary> {
    const { metricSources, signal } = options;
    const started = Date.now();
    signal?.throwIfAborted();
    // Selected in the query: each source's task reads only its own SLOs.
    const { items: slos } = await this.store.listSlos({ metricSources });
    const limits = new Map<string, ReturnType<typeof pLimit>>();
    const limitFor = (source: string) => {
      if (!limits.has(source)) {
        limits.set(source, pLimit(this.options.concurrencyPerSource));
      }
      return limits.get(source)!;
    };

    const evaluations = await Promise.all(
      slos.map(slo =>
        limitFor(slo.metricSource)(() =>
          // Throws as soon as the signal aborts, also for SLOs still queued: none of them queries.
          this.evaluator.evaluate(slo, at, { signal }),
        ),
      ),
    ).catch(error => {
      if (signal?.aborted) {
        logger.warn(
          `SLO evaluation aborted (${describe(
            signal.reason,
          )}); no snapshot of this run is stored`,
        );
      }
      throw error;
    });
    signal?.throwIfAborted();
    const listener = this.options.statusListener;
    // The snapshots this run supersedes, read before it stores its own.
    const previous = listener
      ? await this.store.latestSnapshots(
          slos.map(slo => slo.id),
          at,
        )
      : undefined;
    await this.store.saveSnapshots(evaluations);
    if (listener && previous) {
      await listener
        .snapshotsStored(
          evaluations.map((current, i) => ({
            slo: slos[i],
            previous: previous.get(slos[i].id),
            current,
          })),
          { signal },
        )
        .catch(error =>
          logger.warn(`SLO status listener failed: ${describe(error)}`),
        );
    }

    const byStatus = Object.fromEntries(
      SLO_STATUSES.map(status => [status, 0]),
    ) as Record<SloStatus, number>;
    for (const evaluation of evaluations) {
      byStatus[evaluation.status] += 1;
    }
    return {
      evaluated: evaluations.length,
      byStatus,
      durationMs: Date.now() - started,
    };
  }
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
