import {
  EXHAUSTION_WINDOW,
  NoDataReason,
  SloDefinition,
  SloEvaluationSummary,
} from '@stewardship/backstage-plugin-stewardship-common';
import { EntitySlo } from '../../api';
import {
  formatCount,
  formatCounts,
  formatDuration,
  formatInstant,
  formatPercent,
  formatPercents,
} from '../formatSlo';
import { SloDisplayStatus } from './SloStatusLabel';

/** The status a row shows: the evaluation's, or `stale` when there is none. */
export function displayStatus(item: EntitySlo): SloDisplayStatus {
  return item.evaluation?.status ?? 'stale';
}

const NO_DATA_REASONS: Record<NoDataReason, string> = {
  'source-error': 'The metric source failed',
  'no-series':
    'A query matched no series: the SLI is broken (wrong selector, or the metric is gone)',
  'no-traffic': 'No traffic in the SLO window',
  excluded: 'No counted time in the SLO window',
  'slices-too-short':
    "The slices are too short for the metric's scrape interval",
  'too-few-events': 'Too few events in the SLO window to judge',
  'unknown-source': 'The metric source is not configured',
};

/** Why an evaluation has no numbers, in words. */
export function noDataReasonText(reason: NoDataReason | undefined): string {
  return reason ? NO_DATA_REASONS[reason] ?? `No data (${reason})` : 'No data';
}

/**
 * The evaluation's own reason, to show after {@link noDataReasonText}, or undefined when it only
 * repeats it (the engine's `no-series` reason is the first words of that text).
 */
export function noDataDetail(
  noDataReason: NoDataReason | undefined,
  reason: string | undefined,
): string | undefined {
  if (!reason) return undefined;
  const said = noDataReasonText(noDataReason).toLocaleLowerCase('en-US');
  return said.includes(reason.toLocaleLowerCase('en-US')) ? undefined : reason;
}

/**
 * True when an evaluation's own reason already says the metric source failed, as the backend
 * writes it: the evaluator's `Metric source "<name>" failed: …` and `… did not answer within …`,
 * the engine's `the metric source returned impossible counts …`.
 */
function saysTheSourceFailed(reason: string): boolean {
  return /^(the )?metric source\b/i.test(reason);
}

/**
 * Why an evaluation has no numbers, with its own reason said once: `No traffic in the SLO
 * window`, `The metric source failed: HTTP 503`, or the reason alone when it already says the
 * source failed (`Metric source "prom" failed: connect ECONNREFUSED`, not after "The metric
 * source failed"). `join` puts the two together when both are said (`why: detail` by default).
 */
export function noDataText(
  noDataReason: NoDataReason | undefined,
  reason: string | undefined,
  join: (why: string, detail: string) => string = (why, detail) =>
    `${why}: ${detail}`,
): string {
  const why = noDataReasonText(noDataReason);
  const detail = noDataDetail(noDataReason, reason);
  if (!detail) return why;
  if (noDataReason === 'source-error' && saysTheSourceFailed(detail)) {
    return detail.charAt(0).toLocaleUpperCase('en-US') + detail.slice(1);
  }
  return join(why, detail);
}

/**
 * What a `source-error` reason says beyond naming its source: the evaluator's `Metric source
 * "<name>" failed: <what>` or `Metric source "<name>" <what>` without that lead-in (the line it is
 * shown in names the source); any other sentence whole, and `no reason recorded` without one.
 */
export function sourceErrorDetail(
  source: string,
  reason: string | undefined,
): string {
  if (!reason) return 'no reason recorded';
  const leadIn = [
    `Metric source "${source}" failed: `,
    `Metric source "${source}" `,
  ].find(start => reason.startsWith(start));
  return leadIn ? reason.slice(leadIn.length) : reason;
}

/**
 * `stale: last evaluated 3 hours ago` relative to the moment shown, or `stale: never evaluated`.
 * The age is the evaluation's own moment (`at`) to the moment shown, as the backend judges
 * staleness: when it ran (`evaluatedAt`) may be much later, for history stored after the fact.
 * Shown live (not as of a past moment), an evaluation of an earlier version of the SLO says so:
 * a fresh one is stale only for that, and its figures are against the old objective.
 */
export function staleText(
  item: EntitySlo,
  asOf: string,
  options: { live?: boolean } = {},
): string {
  if (!item.evaluation) {
    return `stale: never evaluated as of ${formatInstant(asOf)}`;
  }
  const ageSeconds = (Date.parse(asOf) - Date.parse(item.evaluation.at)) / 1000;
  const age = `last evaluated ${formatDuration(ageSeconds)} ago`;
  const { sloVersion } = item.evaluation;
  if (
    options.live &&
    sloVersion !== undefined &&
    sloVersion < item.slo.version
  ) {
    return `stale: evaluated before the SLO was last changed (version ${sloVersion}, now ${item.slo.version}), ${age}; the next evaluation uses the change`;
  }
  return `stale: ${age}`;
}

/**
 * `99.95 % (objective 99.9 %)`; an SLI that differs from the objective never reads as it (0.999499
 * against 0.9995: `99.9499 % (objective 99.95 %)`, not 99.95 % twice beside an exhausted budget).
 */
export function sliText(evaluation: SloEvaluationSummary): string | undefined {
  if (evaluation.sli === undefined) {
    return undefined;
  }
  const [sli, objective] = formatPercents([
    evaluation.sli,
    evaluation.objective,
  ]);
  return `${sli} (objective ${objective})`;
}

/** What the budget counts: `bad requests`, `requests slower than 300 ms` or `bad slices`. */
export function badUnit(slo: SloDefinition): string {
  if (slo.budgetingMethod === 'timeslices') {
    return 'bad slices';
  }
  if (slo.sli.type === 'latency') {
    return `requests slower than ${formatCount(
      slo.sli.thresholdSeconds * 1000,
    )} ms`;
  }
  return 'bad requests';
}

/**
 * `9,989 of 17,278 allowed bad requests used`; counts that differ never read the same (bad 10 of
 * 9.96 allowed: `10 of 9.96`, not `10 of 10` beside an overspent budget).
 */
export function budgetEventsText(
  slo: SloDefinition,
  budget: NonNullable<SloEvaluationSummary['errorBudget']>,
): string {
  const [bad, allowed] = formatCounts([budget.bad, budget.allowedBad]);
  return `${bad} of ${allowed} allowed ${badUnit(slo)} used`;
}

/** `42.2 % left`, `−50 % left (overspent)`. */
export function budgetLeftText(
  budget: NonNullable<SloEvaluationSummary['errorBudget']>,
): string {
  const text = `${formatPercent(budget.remaining, 1)} left`;
  return budget.remaining < 0 ? `${text} (overspent)` : text;
}

/**
 * Time to exhaustion at the current (1 h) burn rate, in words. Absent from the evaluation either
 * because the budget does not run out at that rate (below 1, or a calendar budget that lasts the
 * period) or because the rate is unknown (no events in the last hour): said apart.
 */
export function exhaustionText(
  evaluation: Pick<SloEvaluationSummary, 'burnRates'> & {
    errorBudget: NonNullable<SloEvaluationSummary['errorBudget']>;
  },
): string {
  const budget = evaluation.errorBudget;
  if (budget.remaining <= 0 || budget.secondsToExhaustion === 0) {
    return 'already spent';
  }
  if (budget.secondsToExhaustion !== undefined) {
    return `${formatDuration(budget.secondsToExhaustion)} at the current burn`;
  }
  const burn = evaluation.burnRates.find(
    rate => rate.window === EXHAUSTION_WINDOW,
  );
  return burn?.burnRate === undefined
    ? `unknown: no events in the last ${EXHAUSTION_WINDOW}`
    : 'does not run out at the current burn';
}

/** `the whole window` or, for calendar SLOs, how much of the month or quarter has passed. */
export function windowText(
  slo: SloDefinition,
  evaluation: SloEvaluationSummary,
) {
  const range = `${formatInstant(evaluation.window.start)} – ${formatInstant(
    evaluation.window.end,
  )}`;
  if (slo.timeWindow.type === 'rolling') {
    return `rolling ${slo.timeWindow.duration}: ${range}`;
  }
  const elapsed = evaluation.errorBudget?.windowElapsed;
  return `calendar ${slo.timeWindow.unit} (${
    slo.timeWindow.timeZone
  }): ${range}${
    elapsed === undefined ? '' : `, ${formatPercent(elapsed, 1)} elapsed`
  }`;
}
