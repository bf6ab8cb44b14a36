import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';

/** The SLO an evaluation is of: its id, entity and objective (version 1 unless given). */
export type EvaluatedSlo = Pick<
  SloDefinition,
  'id' | 'entityRef' | 'objective'
> &
  Partial<Pick<SloDefinition, 'version'>>;

/**
 * An evaluation of `slo` as of `at` for tests that store snapshots: `healthy`, with a window
 * ending at `at` (and starting there unless `fields.window` says otherwise), no burn rates, alerts
 * or explanation. `remaining` (the budget left) gives it an `errorBudget` out of `allowedBad` bad
 * events (default 100); `fields` replace anything else.
 */
export function storedEvaluation(
  slo: EvaluatedSlo,
  at: number | Date,
  options: {
    remaining?: number;
    allowedBad?: number;
  } & Partial<SloEvaluation> = {},
): SloEvaluation {
  const { remaining, allowedBad = 100, ...fields } = options;
  const iso = new Date(at).toISOString();
  return {
    sloId: slo.id,
    sloVersion: slo.version ?? 1,
    entityRef: slo.entityRef,
    at: iso,
    evaluatedAt: iso,
    status: 'healthy',
    window: { start: iso, end: iso },
    objective: slo.objective,
    ...(remaining !== undefined && {
      errorBudget: {
        remaining,
        consumed: 1 - remaining,
        allowedBad,
        bad: allowedBad * (1 - remaining),
      },
    }),
    burnRates: [],
    alerts: [],
    explanation: { queries: [], formulas: [] },
    ...fields,
  };
}
