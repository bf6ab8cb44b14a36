import { countsBadEvents } from './countsBadEvents';
import { formatNumber } from './formatNumber';
import { sloWindowAt } from './sloWindow';
import {
  EventCounts,
  NoDataReason,
  SloDefinition,
  SloEvaluation,
} from './types';
import { windowFormula } from './windowFormula';

/**
 * What {@link noDataEvaluation} needs.
 *
 * @public
 */
export interface NoDataEvaluationInput {
  /** The SLO evaluated. */
  slo: SloDefinition;
  /** The moment evaluated as of: the end of the SLO window. */
  at: Date;
  /** When the evaluation ran. */
  evaluatedAt: Date;
  /** Why there is nothing to judge. */
  reason: NoDataReason;
  /** A sentence saying what happened, e.g. the metric source's error. */
  message: string;
  /** The queries sent to the metric source, for the explanation. */
  queries: string[];
  /** The window counts behind the verdict, when there were some (no traffic, too few events). */
  counts?: EventCounts;
}

/**
 * A `no-data` evaluation: the window and the reason, no SLI, budget, burn rates or alerts. For when
 * the metric source failed or the counts cannot be judged.
 *
 * @throws Error when the SLO's time window is invalid.
 * @public
 */
export function noDataEvaluation(input: NoDataEvaluationInput): SloEvaluation {
  const { slo, at, counts } = input;
  const window = sloWindowAt(slo.timeWindow, at);
  const formulas = [windowFormula(slo.timeWindow, window)];
  if (counts && countsBadEvents(slo)) {
    // In the queries' terms: a bad/total SLI counted bad events; its good count is derived.
    formulas.push(
      `counts: bad = ${formatNumber(
        counts.total - counts.good,
      )}, total = ${formatNumber(
        counts.total,
      )}; good = total − bad = ${formatNumber(counts.good)}`,
    );
  } else if (counts) {
    formulas.push(
      `counts: good = ${formatNumber(counts.good)}, total = ${formatNumber(
        counts.total,
      )}`,
    );
  }
  formulas.push(`no data (${input.reason}): ${input.message}`);

  return {
    sloId: slo.id,
    sloVersion: slo.version,
    entityRef: slo.entityRef,
    at: at.toISOString(),
    evaluatedAt: input.evaluatedAt.toISOString(),
    status: 'no-data',
    noDataReason: input.reason,
    reason: input.message,
    window: {
      start: window.start.toISOString(),
      end: window.end.toISOString(),
    },
    ...(counts && { counts }),
    objective: slo.objective,
    burnRates: [],
    alerts: [],
    explanation: { queries: input.queries, formulas },
  };
}
