import {
  countExcludingCorrections,
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';

type StoredEvaluation = Pick<
  SloEvaluation,
  'excludedCorrections' | 'evaluatedAt' | 'window'
>;

/**
 * `evaluation` as read from a snapshot, with the `excludedCorrections` every evaluation records
 * since 3 December 2026. One stored before recorded nothing; for it the count is made here as the
 * evaluator makes it (of the SLO's corrections then, those cutting the window), from the
 * corrections the SLO has now that existed when it ran: one deleted since is missed. Counted on
 * the server so that no client needs the time-zone arithmetic of weekly corrections.
 */
export function withRecordedExclusions<Evaluation extends StoredEvaluation>(
  slo: Pick<SloDefinition, 'corrections'>,
  evaluation: Evaluation,
): Evaluation {
  if (evaluation.excludedCorrections !== undefined) return evaluation;
  const ranAt = Date.parse(evaluation.evaluatedAt);
  const excluded = countExcludingCorrections(
    (slo.corrections ?? []).filter(c => Date.parse(c.createdAt) <= ranAt),
    Date.parse(evaluation.window.start),
    Date.parse(evaluation.window.end),
  );
  // Absent, as the evaluator leaves it, when nothing was excluded.
  return excluded > 0
    ? { ...evaluation, excludedCorrections: excluded }
    : evaluation;
}
