import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * Whether a snapshot can no longer stand for its SLO as of `at`: it was taken for an earlier
 * version of the SLO, or it is older than `stalenessMs` (twice the evaluation cadence, see
 * SloSettings). The SLO tab, single-SLO status and the catalog-wide overview all use this one
 * rule; an SLO without any snapshot is stale too, which callers decide before asking.
 */
export function isSnapshotStale(
  snapshot: Pick<SloEvaluation, 'sloVersion' | 'at'>,
  at: Date,
  slo: SloDefinition,
  stalenessMs: number,
): boolean {
  return (
    snapshot.sloVersion !== slo.version ||
    at.getTime() - Date.parse(snapshot.at) > stalenessMs
  );
}
