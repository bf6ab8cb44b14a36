/*
 * The review as CSV (one row per entity, figures as numbers), its SLOs as CSV (one row per SLO)
 * and as Markdown (a summary and tables, for a planning document).
 */
import {
  PlanningReview,
  ReviewSlo,
  toCsv,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  OBJECTIVES_DEFINITION,
  attainmentText,
  backlogText,
  burn,
  ceilingText,
  costText,
  duration,
  incidentsBySeverity,
  noSlosReason,
  NOT_APPLICABLE,
  objectivesCounts,
  objectivesText,
  uncountedCostsNote,
  ownershipGaps,
  ownershipSummaryText,
  percent,
  releaseGateText,
} from './reviewFormat';

const CSV_COLUMNS = [
  'entity',
  'objectives',
  'slos',
  'lowest_budget_remaining',
  'worst_burn_rate_1h',
  'incidents',
  'incidents_by_severity',
  'mtta_median_seconds',
  'mttr_median_seconds',
  'largest_budget_cost_percent',
  'backlog_average_age_days',
  'backlog_reliability_share',
  'ownership_gaps',
  'above_dependency_ceiling',
  'release_gate',
  // Appended (not beside the other backlog columns) so that readers by position keep working.
  'backlog_top_items',
  // The backlog in words, as the table writes it: what to do when it was never read.
  'backlog',
  // Why `objectives` and `release_gate` read `n/a` (a kind that cannot have SLOs), in words.
  'not_applicable',
  // Calendar SLOs in another zone, counted over their own month or quarter: over which.
  'slos_counted_by_own_calendar',
];

/** The SLOs of a row counted over their own calendar's month or quarter, with that range. */
function ownCalendarSlos(row: PlanningReview['rows'][number]) {
  return row.slos
    .filter(slo => slo.startAt || slo.endAt)
    .map(
      slo =>
        `${slo.name}: from ${slo.startAt ?? 'the period start'} to ${
          slo.endAt ?? 'the period end'
        }`,
    );
}

/**
 * The review as CSV (RFC 4180, as the backend's exports): one line per entity, fractions as
 * fractions, durations in seconds; an empty cell where there is no figure.
 */
export function reviewCsv(review: PlanningReview): string {
  const lines: Array<Array<string | number>> = [CSV_COLUMNS];
  for (const row of review.rows) {
    // A kind without SLOs: `n/a` in the coded columns (objectives, gate), so a filter or script
    // keyed on their codes keeps working, nothing for the ceiling, and why in the last column.
    const reason = noSlosReason(row);
    const notApplicable = reason ? NOT_APPLICABLE : undefined;
    lines.push(
      [
        row.entityRef,
        notApplicable ?? row.objectives,
        row.slos.length,
        row.lowestBudgetRemaining,
        row.worstBurnRate1h,
        row.incidents.count,
        incidentsBySeverity(row),
        row.incidents.mttaMedianSeconds,
        row.incidents.mttrMedianSeconds,
        row.incidents.budgetCosts[0]?.consumedPercent,
        row.backlog.averageAgeDays,
        row.backlog.reliabilityShare,
        ownershipGaps(row),
        reason ? '' : row.aboveDependencyCeiling.join('; '),
        notApplicable ?? row.releaseGate,
        row.backlog.topCount,
        backlogText(row),
        reason,
        ownCalendarSlos(row).join('; '),
      ].map(cell => cell ?? ''),
    );
  }
  return toCsv(lines);
}

const SLOS_CSV_COLUMNS = [
  'entity',
  'slo',
  'objective',
  'attainment',
  'evaluated_snapshots',
  'budget_remaining_at_end',
  'met_at_end',
  'status_at_end',
  'worst_burn_rate_1h',
  // The range the SLO was counted over: the period's, or its own calendar's in another zone.
  'from',
  'to',
  'slo_id',
];

/**
 * The review's SLOs as CSV, as the page's SLOs table lists them (one line per SLO, entity by
 * entity), with the same rules as {@link reviewCsv}: fractions as fractions, an empty cell where
 * there is no figure. An entity without SLOs has no line.
 */
/**
 * Where an SLO's figures start: its range's start, or where the kept snapshots start when the
 * backend has pruned those before (`snapshotsKeptFrom`, later than the period's start).
 */
function countedFrom(start: string, snapshotsKeptFrom: string | undefined) {
  return snapshotsKeptFrom && Date.parse(snapshotsKeptFrom) > Date.parse(start)
    ? snapshotsKeptFrom
    : start;
}

export function reviewSlosCsv(review: PlanningReview): string {
  const lines: Array<Array<string | number>> = [SLOS_CSV_COLUMNS];
  for (const row of review.rows) {
    for (const slo of row.slos) {
      lines.push(
        [
          row.entityRef,
          slo.name,
          slo.objective,
          slo.attainment,
          slo.evaluatedSnapshots,
          slo.budgetRemainingAtEnd,
          slo.metAtEnd === undefined ? undefined : String(slo.metAtEnd),
          slo.statusAtEnd,
          slo.worstBurnRate1h,
          countedFrom(slo.startAt ?? review.from, review.snapshotsKeptFrom),
          slo.endAt ?? review.to,
          slo.id,
        ].map(cell => cell ?? ''),
      );
    }
  }
  return toCsv(lines);
}

/** An SLO's status at the end; the SLOs table's words when it has none in the period. */
const NO_STATUS_AT_END = 'no evaluation in the period';

/** The budget left at the end and whether that met the objective, as the SLOs table writes it. */
const budgetAtEndText = (slo: ReviewSlo) => {
  if (slo.metAtEnd === undefined) return percent(slo.budgetRemainingAtEnd);
  return `${percent(slo.budgetRemainingAtEnd)} (${
    slo.metAtEnd ? 'met' : 'missed'
  })`;
};

/**
 * Text as Markdown shows it, not as Markdown reads it: incident titles and SLO names are typed by
 * users, and a pasted review must not turn one into link or image syntax or HTML (a renderer
 * that links bare URLs, as GitHub's does, still links one written in a title). Backslash escapes
 * the characters that start such markup (CommonMark escapes any ASCII punctuation), and a line
 * break would end the list item or table row.
 */
const mdText = (text: string) =>
  text.replace(/[\\`*_[\]<>!|~&]/g, '\\$&').replace(/\s*[\r\n]\s*/g, ' ');

/**
 * One table row per SLO with the SLOs table's columns and words (attainment with its count,
 * budget at the end with met or missed); the table's empty text when the scope has no SLO.
 */
function sloTableLines(review: PlanningReview): string[] {
  const slos = review.rows.flatMap(row =>
    row.slos.map(slo => ({ entityRef: row.entityRef, slo })),
  );
  if (slos.length === 0) return ['No SLOs in this scope.'];
  return [
    '| Entity | SLO | Objective | Attainment | Budget left at the end | Worst burn (1 h) | Status at the end |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...slos.map(
      ({ entityRef, slo }) =>
        `| ${[
          entityRef,
          slo.name,
          percent(slo.objective),
          attainmentText(slo),
          budgetAtEndText(slo),
          burn(slo.worstBurnRate1h),
          slo.statusAtEnd ?? NO_STATUS_AT_END,
        ]
          .map(mdText)
          .join(' | ')} |`,
    ),
  ];
}

/**
 * The review as Markdown: the period, the summary, one table row per entity and one per SLO.
 */
export function reviewMarkdown(review: PlanningReview): string {
  const { summary } = review;
  const counts = objectivesCounts(review);
  const lines = [
    `# Planning review: ${review.scope}`,
    '',
    `Period: ${review.from} to ${review.to}`,
    '',
    ...(review.snapshotsKeptFrom
      ? [
          `Evaluations before ${review.snapshotsKeptFrom} are pruned (the backend's snapshotRetention): the SLO figures count from then.`,
          '',
        ]
      : []),
    '## Summary',
    '',
    `- ${counts.met} of ${counts.entities} entities met their objectives (${
      counts.missed
    } missed, ${counts.noData} without data, ${counts.noSlos} without SLOs)${
      counts.notApplicable ? `; ${counts.notApplicable}` : ''
    }.`,
    `  ${OBJECTIVES_DEFINITION}`,
    `- Release gate at the end: ${counts.releaseGate.allow} allow, ${counts.releaseGate.warn} warn, ${counts.releaseGate.block} block.`,
    `- Ownership: ${ownershipSummaryText(review.rows)}.`,
    summary.largestBudgetCosts.length === 0
      ? '- Largest budget costs: none stored for incidents in the period.'
      : '- Largest budget costs:',
    ...summary.largestBudgetCosts.map(
      cost =>
        `  - ${costText({
          ...cost,
          incidentTitle: mdText(cost.incidentTitle),
          sloName:
            cost.sloName === undefined ? undefined : mdText(cost.sloName),
        })}`,
    ),
    `- ${uncountedCostsNote(review.rows)}`,
    '',
    '## Entities',
    '',
    '| Entity | Objectives | Lowest budget | Worst burn (1 h) | Incidents | MTTA | MTTR | Backlog | Ownership gaps | Dependency ceiling | Release gate |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...review.rows.map(
      row =>
        `| ${[
          row.entityRef,
          objectivesText(row),
          percent(row.lowestBudgetRemaining),
          burn(row.worstBurnRate1h),
          `${row.incidents.count} (${incidentsBySeverity(row)})`,
          duration(row.incidents.mttaMedianSeconds),
          duration(row.incidents.mttrMedianSeconds),
          backlogText(row),
          ownershipGaps(row),
          ceilingText(row),
          releaseGateText(row),
        ]
          .map(mdText)
          .join(' | ')} |`,
    ),
    '',
    '## SLOs',
    '',
    ...sloTableLines(review),
    '',
  ];
  const ownCalendar = review.rows.flatMap(row =>
    ownCalendarSlos(row).map(text => `- ${row.entityRef}, ${mdText(text)}`),
  );
  if (ownCalendar.length) {
    lines.push(
      'Calendar SLOs in another time zone are counted over their own month or quarter (their attainment, worst burn and budget at the end):',
      '',
      ...ownCalendar,
      '',
    );
  }
  return lines.join('\n');
}
