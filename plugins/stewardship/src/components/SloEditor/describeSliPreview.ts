import {
  SloEvaluation,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { budgetLeftText, noDataText } from '../EntitySlosContent/describeSlo';
import { scheduleText } from '../SloDetails/describeCounting';
import { formatCounts, formatInstant, formatPercents } from '../formatSlo';

/** What the SLI preview says, and how loud: `warning` when the SLI would not judge anything. */
export interface SliPreviewText {
  severity: 'success' | 'warning';
  text: string;
}

/**
 * The SLI preview of the editor in one sentence, from an evaluation of the unsaved SLO:
 * `Over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC the queries count 1,440,000 events, 1,425,600
 * of them good: SLI 99 % against the objective of 98 %; error budget 50 % left.`
 * With `timeslices` budgeting the counts are slices. A `no-data` evaluation says why. A
 * business-hours SLO counts only its schedule's hours, which the range then says: the window
 * alone would read as if every hour in it was counted.
 */
export function describeSliPreview(
  spec: Pick<SloSpec, 'budgetingMethod' | 'schedule'>,
  evaluation: SloEvaluation,
): SliPreviewText {
  const counted = spec.schedule
    ? ` (only ${scheduleText(spec.schedule)} counted)`
    : '';
  const range = `${formatInstant(evaluation.window.start)} – ${formatInstant(
    evaluation.window.end,
  )}${counted}`;
  if (
    evaluation.status === 'no-data' ||
    !evaluation.counts ||
    evaluation.sli === undefined
  ) {
    const why = noDataText(
      evaluation.noDataReason,
      evaluation.reason,
      (said, detail) => `${said} (${detail})`,
    );
    return {
      severity: 'warning',
      text: `No data over ${range}: ${why}. Check the queries and the metric source before saving.`,
    };
  }
  const unit = spec.budgetingMethod === 'timeslices' ? 'slices' : 'events';
  const budget = evaluation.errorBudget
    ? `; error budget ${budgetLeftText(evaluation.errorBudget)}`
    : '';
  // Each pair written together, so figures that differ never read the same.
  const [total, good] = formatCounts([
    evaluation.counts.total,
    evaluation.counts.good,
  ]);
  const [sli, objective] = formatPercents([
    evaluation.sli,
    evaluation.objective,
  ]);
  return {
    severity: 'success',
    text: `Over ${range} the queries count ${total} ${unit}, ${good} of them good: SLI ${sli} against the objective of ${objective}${budget}.`,
  };
}
