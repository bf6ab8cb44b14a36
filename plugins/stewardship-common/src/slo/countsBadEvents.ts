import { SloDefinition } from './types';

/**
 * Whether the SLO's queries count bad events (its good count is derived: good = total − bad), so
 * its explanation states counts in the queries' terms. Per slice with timeslices, where the
 * queries' counts only decide each slice and the evaluation counts good and total slices.
 *
 * @internal
 */
export function countsBadEvents(slo: SloDefinition): boolean {
  return (
    slo.budgetingMethod !== 'timeslices' &&
    slo.sli.type === 'ratio' &&
    slo.sli.bad !== undefined
  );
}
