import {
  ErrorBudgetPolicy,
  ReleaseGateInput,
  ReleaseGateOverride,
  countsForGate,
  snapshotTooOldFrom,
} from '@stewardship/backstage-plugin-stewardship-common';
import { earliestMoment } from '../lib/earliestMoment';

/**
 * Until when a gate of now stays true by time alone: the earliest moment a counted SLO's latest
 * evaluation, current now, grows too old (it then counts as without data), or the override in
 * force ends. Only new evaluations, overrides or SLO changes move it otherwise, and each of
 * those signals or is made on the page. Undefined when time alone changes nothing: every counted
 * SLO stale or never evaluated, and no override.
 */
export function gateValidUntil(
  inputs: readonly ReleaseGateInput[],
  policy: ErrorBudgetPolicy,
  stalenessMs: number,
  override: Pick<ReleaseGateOverride, 'expiresAt'> | undefined,
): string | undefined {
  const moments = inputs
    .filter(input => countsForGate(policy, input.slo))
    .flatMap(({ evaluation, stale }) =>
      evaluation && !stale
        ? [snapshotTooOldFrom(evaluation.at, stalenessMs).getTime()]
        : [],
    );
  if (override) moments.push(Date.parse(override.expiresAt));
  return earliestMoment(moments);
}
