/*
 * Evaluates live SLOs and stores their snapshots, for the scheduled tasks (all SLOs of one metric
 * source per run) and the on-demand route (one SLO).
 *
 * A run is all or nothing: its snapshots are written together, in one transaction, after the last
 * SLO is evaluated. An aborted run (the scheduler's timeout, a replica shutting down) sends no
 * further query and writes nothing; a crashed one writes nothing either. The next tick, on this
 * replica or another, evaluates afresh. Concurrency is bounded per metric source so that none is
 * flooded; the evaluator's own per-query timeout bounds each SLO.
 *
 * A scheduled run evaluates only the SLOs whose entity is in the catalog (one catalog read per
 * run, see entitiesInCatalog): the others are hidden from every read, so their snapshots would
 * serve nobody. It fails open: when the catalog cannot say, every SLO is evaluated as before.
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
import { normalizeEntityRef } from '../lib/entityRefs';
import { EntityCatalog, entitiesInCatalog } from './entitiesInCatalog';
import { SloEvaluator } from './SloEvaluator';
import { SloStatusListener, StoredSloStatus } from './SloStatusNotifier';
import { errorMessage } from '../lib/errorMessage';

/** What one run did. */
export interface SloEvaluationRunSummary {
  evaluated: number;
  byStatus: Record<SloStatus, number>;
  /** The SLOs not evaluated because their entity is not in the catalog. */
  notInCatalog: SkippedSlos;
  /**
   * The SLOs the run recorded as `no-data` because their source failed, and the reason of the
   * first (by entity and name); absent when none.
   */
  sourceErrors?: { count: number; firstReason: string };
  durationMs: number;
}

/** SLOs a run left out, and the refs of their entities (normalised, sorted, each once). */
export interface SkippedSlos {
  slos: number;
  entityRefs: string[];
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
  /**
   * Evaluates only the SLOs whose entity is in this catalog, read once for the run. When the read
   * fails or times out every SLO is evaluated and a warning logged; an abort of `signal` during
   * the read rejects the run. Without it every SLO is evaluated.
   */
  catalog?: EntityCatalog;
}

export class SloEvaluationRunner {
  constructor(
    private readonly store: SloStore,
    private readonly evaluator: SloEvaluator,
    private readonly options: {
      concurrencyPerSource: number;
      /**
       * Told, after a run is stored, about each snapshot it stored, with the one it replaced (of
       * the SLOs still live, with their definitions as they are then): the owners' notifications,
       * the signal that tells open tabs to read again. Each is told on its own: one that fails
       * does not keep the others from hearing.
       */
      statusListeners?: readonly SloStatusListener[];
      logger?: LoggerService;
    },
  ) {}

  /**
   * Evaluates one SLO as of `at` and stores the snapshot. `latest`: the snapshot is the SLO's
   * newest ("evaluate now", not a backfill), so the status listener hears of it, after the
   * snapshot is stored and without the caller waiting for it. `expectedEntityRef`: the entity a
   * user's permission was checked on; when the SLO has moved since, ConflictError and nothing
   * stored (see {@link SloStore.saveSnapshot}).
   */
  async evaluateAndStore(
    slo: SloDefinition,
    at: Date,
    options: { latest?: boolean; expectedEntityRef?: string } = {},
  ): Promise<SloEvaluation> {
    const evaluation = await this.evaluator.evaluate(slo, at);
    const listeners = options.latest ? this.listeners : [];
    const previous =
      listeners.length > 0
        ? (await this.store.latestSnapshots([slo.id], at)).get(slo.id)
        : undefined;
    await this.store.saveSnapshot(evaluation, {
      expectedEntityRef: options.expectedEntityRef,
    });
    if (listeners.length > 0) {
      void this.tellListeners(
        listeners,
        [{ slo, previous, current: evaluation }],
        {
          logger: this.options.logger,
        },
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
    const { metricSources, signal, catalog } = options;
    const started = Date.now();
    signal?.throwIfAborted();
    // Selected in the query: each source's task reads only its own SLOs.
    const { items: listed } = await this.store.listSlos({ metricSources });
    const { slos, notInCatalog } = catalog
      ? await this.keepInCatalog(listed, catalog, logger, signal)
      : { slos: listed, notInCatalog: { slos: 0, entityRefs: [] } };
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
          `SLO evaluation aborted (${errorMessage(
            signal.reason,
          )}); no snapshot of this run is stored`,
        );
      }
      throw error;
    });
    signal?.throwIfAborted();
    const listeners = this.listeners;
    // The snapshots this run supersedes, read before it stores its own.
    const previous =
      listeners.length > 0
        ? await this.store.latestSnapshots(
            slos.map(slo => slo.id),
            at,
          )
        : undefined;
    await this.store.saveSnapshots(evaluations);
    if (previous) {
      await this.tellListeners(
        listeners,
        evaluations.map((current, i) => ({
          slo: slos[i],
          previous: previous.get(slos[i].id),
          current,
        })),
        { logger, signal },
      );
    }

    const byStatus = Object.fromEntries(
      SLO_STATUSES.map(status => [status, 0]),
    ) as Record<SloStatus, number>;
    for (const evaluation of evaluations) {
      byStatus[evaluation.status] += 1;
    }
    const sourceErrors = evaluations.filter(
      evaluation => evaluation.noDataReason === 'source-error',
    );
    return {
      evaluated: evaluations.length,
      byStatus,
      notInCatalog,
      ...(sourceErrors.length > 0 && {
        sourceErrors: {
          count: sourceErrors.length,
          firstReason: sourceErrors[0].reason ?? 'no reason recorded',
        },
      }),
      durationMs: Date.now() - started,
    };
  }

  private get listeners(): readonly SloStatusListener[] {
    return this.options.statusListeners ?? [];
  }

  /**
   * Tells the listeners of the stored snapshots whose SLO is, when they are stored, still the
   * version they evaluated (its definition read once for all of them): an SLO deleted while it
   * was evaluated is told to nobody, and one changed meanwhile (renamed, moved to another entity,
   * another objective or query) is not told this snapshot, which its tab already shows as stale
   * (of an earlier version), but by the next run, which evaluates the version it has now, under
   * its name and to its entity then. A failure (of the read or of a listener) is logged; it never
   * fails the evaluation, whose snapshots are stored, nor keeps the other listeners from hearing.
   */
  private async tellListeners(
    listeners: readonly SloStatusListener[],
    stored: StoredSloStatus[],
    options: { logger?: LoggerService; signal?: AbortSignal },
  ): Promise<void> {
    let current: StoredSloStatus[];
    try {
      const live = await this.store.getSlos(stored.map(({ slo }) => slo.id));
      current = stored.flatMap(item => {
        const slo = live.get(item.slo.id);
        return slo?.version === item.current.sloVersion
          ? [{ ...item, slo }]
          : [];
      });
    } catch (error) {
      options.logger?.warn(
        `SLO status listeners not told: ${errorMessage(error)}`,
      );
      return;
    }
    if (current.length === 0) return;
    await Promise.all(
      listeners.map(async listener => {
        try {
          await listener.snapshotsStored(current, { signal: options.signal });
        } catch (error) {
          options.logger?.warn(
            `SLO status listener failed: ${errorMessage(error)}`,
          );
        }
      }),
    );
  }

  /**
   * The SLOs whose entity is in the catalog, and what was left out. Fails open: when the catalog
   * cannot say (an error, no answer in time), all of them, with a warning. Nothing is kept
   * between runs, so an entity that comes back is evaluated on the next one.
   */
  private async keepInCatalog(
    slos: SloDefinition[],
    catalog: EntityCatalog,
    logger: LoggerService,
    signal: AbortSignal | undefined,
  ): Promise<{ slos: SloDefinition[]; notInCatalog: SkippedSlos }> {
    if (slos.length === 0) {
      return { slos, notInCatalog: { slos: 0, entityRefs: [] } };
    }
    let present: Set<string>;
    try {
      present = await entitiesInCatalog(
        catalog,
        slos.map(slo => slo.entityRef),
        signal,
      );
    } catch (error) {
      signal?.throwIfAborted();
      logger.warn(
        `Could not read which SLO entities are in the catalog (${errorMessage(
          error,
        )}); evaluating all ${slos.length} SLOs of this run`,
      );
      return { slos, notInCatalog: { slos: 0, entityRefs: [] } };
    }
    const kept: SloDefinition[] = [];
    const missing = new Set<string>();
    for (const slo of slos) {
      // Normalised by entitiesInCatalog already, so this cannot throw.
      const ref = normalizeEntityRef(slo.entityRef);
      if (present.has(ref)) kept.push(slo);
      else missing.add(ref);
    }
    return {
      slos: kept,
      notInCatalog: {
        slos: slos.length - kept.length,
        entityRefs: [...missing].sort(),
      },
    };
  }
}
