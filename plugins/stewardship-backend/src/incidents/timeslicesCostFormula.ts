import {
  formatNumber,
  TimesliceSpec,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * The formula of what an incident cost a `timeslices` SLO, with its numbers. -common's
 * incidentBudgetImpact does the arithmetic on whatever counts it is given and words them as
 * events, the unit of `occurrences` budgeting; here they are slices, and the reader checking the
 * figure by hand also needs what makes a slice bad (its ratio below the slice target; a slice
 * without traffic is not counted).
 */
export function timeslicesCostFormula(figures: {
  /** Bad slices overlapping the incident. */
  badSlices: number;
  objective: number;
  /** Slices with traffic in the SLO window's counted time. */
  windowSlices: number;
  consumedPercent: number;
  timeslice: TimesliceSpec;
}): string {
  const { badSlices, objective, windowSlices, consumedPercent, timeslice } =
    figures;
  return (
    `consumed = bad slices overlapping the incident ÷ ((1 − objective) × slices with traffic in the SLO window) = ` +
    `${formatNumber(badSlices)} ÷ ((1 − ${formatNumber(
      objective,
    )}) × ${formatNumber(windowSlices)}) = ${formatNumber(
      consumedPercent,
    )} %; ` +
    `counting ${
      timeslice.duration
    } slices, a slice is bad when its good / total < ${formatNumber(
      timeslice.target,
    )}`
  );
}
