import { formatDuration } from '@stewardship/backstage-plugin-stewardship-common';
import { OpenSloSlo } from './openSloTypes';
import { below, DocumentPath, SpecDraft } from './SpecDraft';

/** Turns a percentage into a fraction without floating-point noise (99.9 → 0.999). */
export function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/**
 * A `targetPercent` as our objective, a fraction below 1. Out of range, the problem is said in
 * percent, as written (the spec's own message would speak of fractions).
 */
function readTargetPercent(
  percent: number,
  at: DocumentPath,
  draft: SpecDraft,
): number | undefined {
  if (percent > 0 && percent < 100) {
    draft.from('objective', at);
    return percentToFraction(percent);
  }
  draft.problem(
    at,
    percent >= 100
      ? `targetPercent is a percentage below 100, e.g. 99.9 (got ${percent}; 100 leaves no error budget)`
      : `targetPercent is a percentage above 0, e.g. 99.9 (got ${percent})`,
    'objective',
  );
  return undefined;
}

/**
 * Converts an SLO's objective and budgeting method (`at` is the path of its `spec`).
 *
 * We store one objective per SLO, so a second objective is a problem rather than silently
 * dropped. `RatioTimeslices` is read as `Timeslices`: both judge each slice by its own good/total
 * ratio against `timeSliceTarget`, which is what our timeslices budgeting does.
 */
export function openSloObjective(
  spec: OpenSloSlo['spec'],
  at: DocumentPath,
  draft: SpecDraft,
): Record<string, unknown> {
  const { objectives } = spec;
  if (objectives.length > 1) {
    draft.problem(
      below(at, 'objectives', 1),
      'Stewardship stores one objective per SLO; write one SLO document per objective',
      'objective',
    );
  }
  const written = objectives[0];
  const here = below(at, 'objectives', 0);
  if (written.op !== undefined || written.value !== undefined) {
    draft.problem(
      here,
      'Threshold objectives (op, value) are not supported',
      'objective',
    );
  }
  if (written.indicator !== undefined || written.indicatorRef !== undefined) {
    draft.problem(
      here,
      'Composite objectives (an indicator per objective) are not supported',
      'sli',
    );
  }

  let objective: number | undefined;
  if (written.target !== undefined && written.targetPercent !== undefined) {
    draft.problem(
      below(here, 'targetPercent'),
      'Give target or targetPercent, not both',
      'objective',
    );
  } else if (written.target !== undefined) {
    objective = written.target;
    draft.from('objective', below(here, 'target'));
  } else if (written.targetPercent !== undefined) {
    objective = readTargetPercent(
      written.targetPercent,
      below(here, 'targetPercent'),
      draft,
    );
  } else {
    draft.problem(
      here,
      'Give target (e.g. 0.999) or targetPercent (e.g. 99.9)',
      'objective',
    );
  }

  draft.from('budgetingMethod', below(at, 'budgetingMethod'));
  if (spec.budgetingMethod === 'Occurrences') {
    return { objective, budgetingMethod: 'occurrences' };
  }
  const { timeSliceWindow, timeSliceTarget } = written;
  if (timeSliceWindow === undefined || timeSliceTarget === undefined) {
    draft.problem(
      here,
      `${spec.budgetingMethod} budgeting needs timeSliceWindow and timeSliceTarget`,
      'timeslice',
    );
    return { objective, budgetingMethod: 'timeslices' };
  }
  draft.from('timeslice', here);
  draft.from('timeslice.duration', below(here, 'timeSliceWindow'));
  draft.from('timeslice.target', below(here, 'timeSliceTarget'));
  // A bare number is seconds.
  const duration =
    typeof timeSliceWindow === 'number'
      ? formatDuration(timeSliceWindow)
      : timeSliceWindow;
  return {
    objective,
    budgetingMethod: 'timeslices',
    timeslice: { duration, target: timeSliceTarget },
  };
}
