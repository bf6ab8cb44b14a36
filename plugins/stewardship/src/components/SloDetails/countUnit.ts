import {
  SloDefinition,
  SloEvaluationSummary,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * What an evaluation's good and total counts count: slices for an SLO budgeted by timeslices,
 * else events; `counts` for an evaluation of an earlier version of the SLO, whose budgeting
 * method may have been the other one (only today's definition is known here).
 */
export type CountUnit = 'events' | 'slices' | 'counts';

export function countUnitOf(
  slo: SloDefinition,
  evaluation?: Pick<SloEvaluationSummary, 'sloVersion'>,
): CountUnit {
  if (evaluation && evaluation.sloVersion !== slo.version) return 'counts';
  return slo.budgetingMethod === 'timeslices' ? 'slices' : 'events';
}

/** The unit as a column's or section's first word: `Slices`, `Events`, `Counts`. */
export function countUnitTitle(unit: CountUnit): string {
  return unit.charAt(0).toUpperCase() + unit.slice(1);
}
