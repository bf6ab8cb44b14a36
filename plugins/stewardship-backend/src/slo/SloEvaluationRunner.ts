/*
 * Evaluates every live SLO and stores a snapshot of each, for the scheduled task and the
 * on-demand route. Concurrency is bounded per metric source (one slow Prometheus must not
 * starve another, and none is flooded); the evaluator's own per-query timeout bounds each SLO.
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

/** What one run did. */
export interface SloEvaluationRunSummary {
  evaluated: number;
  byStatus: Record<SloStatus, number>;
  durationMs: number;
}

export class SloEvaluationRunner {
  constructor(
    private readonly store: SloStore,
    private readonly evaluator: SloEvaluator,
    private readonly options: { concurrencyPerSource: number },
  ) {}

  /** Evaluates one SLO as of `at` and stores the snapshot. */
  async evaluateAndStore(slo: SloDefinition, at: Date): Promise<SloEvaluation> {
    const evaluation = await this.evaluator.evaluate(slo, at);
    await this.store.saveSnapshot(evaluation);
    return evaluation;
  }

  /** Evaluates every live SLO as of `at`; a failure of one SLO is logged and the rest go on. */
  async evaluateAll(
    at: Date,
    logger: LoggerService,
  ): Promise<SloEvaluationRunSummary> {
    const started = Date.now();
    const { items } = await this.store.listSlos();
    const limits = new Map<string, ReturnType<typeof pLimit>>();
    const limitFor = (source: string) => {
      if (!limits.has(source)) {
        limits.set(source, pLimit(this.options.concurrencyPerSource));
      }
      return limits.get(source)!;
    };

    const byStatus = Object.fromEntries(
      SLO_STATUSES.map(status => [status, 0]),
    ) as Record<SloStatus, number>;
    let evaluated = 0;
    await Promise.all(
      items.map(slo =>
        limitFor(slo.metricSource)(async () => {
          try {
            const evaluation = await this.evaluateAndStore(slo, at);
            byStatus[evaluation.status] += 1;
            evaluated += 1;
          } catch (error) {
            // Only a store failure lands here: the evaluator turns source problems into no-data.
            logger.error(
              `Could not evaluate SLO ${slo.id} (${slo.entityRef} ${slo.name}): ${error}`,
            );
          }
        }),
      ),
    );
    return { evaluated, byStatus, durationMs: Date.now() - started };
  }
}
