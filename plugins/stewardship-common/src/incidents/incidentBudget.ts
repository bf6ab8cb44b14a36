/*
 * What an incident cost an SLO's error budget:
 *
 *   consumed = bad events during the incident ÷ bad events the SLO window allows
 *            = bad(start, end] ÷ ((1 − objective) × total(window start, end])
 *
 * where the incident runs from `startedAt` (or `detectedAt` when the onset is unknown) to
 * `resolvedAt` (or now, while it is open), and the SLO window is the SLO's own window ending when
 * the incident ends; an incident that began before that window (in the month before, for a
 * calendar SLO) is counted from the window's start. As a percentage: 100 % is the whole budget of
 * that window. No traffic in the
 * window, or a source without data, is `no-data` with the reason, never 0 %.
 *
 * Both counts pass the SLO engine's own check (`checkCounts`) first: good above total by no more
 * than Prometheus' extrapolation noise counts as good = total (so a cost is never negative), and
 * counts that are negative, not finite or far more good than total are `no-data` with the reason.
 */
import { checkCounts } from '../slo/checkCounts';
import { EventCounts } from '../slo/types';
import { formatNumber as n } from '../slo/formatNumber';

/**
 * What one incident cost one SLO's error budget.
 *
 * @public
 */
export interface IncidentBudgetImpact {
  /** The affected SLO. */
  sloId: string;
  /** Its name, when it still exists. */
  sloName?: string;
  /** `computed`, or `no-data` with the `reason`. */
  status: 'computed' | 'no-data';
  /** Why there is no figure. */
  reason?: string;
  /**
   * The incident's span counted: startedAt (or detectedAt) to resolvedAt (or now), from the SLO
   * window's start when it began before it; ISO 8601.
   */
  incidentWindow: { start: string; end: string };
  /** The SLO window ending when the incident ends, ISO 8601. */
  sloWindow?: { start: string; end: string };
  /** Bad events during the incident (bad slices overlapping it, for a timeslices SLO). */
  badEvents?: number;
  /** (1 − objective) × all events (or slices with traffic) in the SLO window's counted time. */
  allowedBadEvents?: number;
  /** badEvents ÷ allowedBadEvents × 100. */
  consumedPercent?: number;
  /** The formula with its numbers, to check by hand. */
  formula?: string;
  /** When it was computed (ISO 8601). */
  computedAt: string;
  /** Stored (the incident was resolved), or computed for this read only. */
  stored: boolean;
}

/**
 * The budget an incident consumed of one SLO, from the event counts of the incident's span and of
 * the SLO window ending with it (`null` counts: the source had no data).
 *
 * @public
 */
export function incidentBudgetImpact(input: {
  slo: { id: string; name: string; objective: number };
  incidentWindow: { start: Date; end: Date };
  sloWindow: { start: Date; end: Date };
  incidentCounts: EventCounts | null;
  windowCounts: EventCounts | null;
  computedAt: Date;
}): IncidentBudgetImpact {
  const { slo, incidentCounts, windowCounts } = input;
  const base = {
    sloId: slo.id,
    sloName: slo.name,
    incidentWindow: {
      start: input.incidentWindow.start.toISOString(),
      end: input.incidentWindow.end.toISOString(),
    },
    sloWindow: {
      start: input.sloWindow.start.toISOString(),
      end: input.sloWindow.end.toISOString(),
    },
    computedAt: input.computedAt.toISOString(),
    stored: false,
  };
  if (!incidentCounts || !windowCounts) {
    return {
      ...base,
      status: 'no-data',
      reason: 'the metric source returned no data for the SLI',
    };
  }
  const impossible = (of: string, problem: string): IncidentBudgetImpact => ({
    ...base,
    status: 'no-data',
    reason: `the metric source returned impossible counts for ${of}: ${problem}`,
  });
  const checkedIncident = checkCounts(incidentCounts);
  if ('problem' in checkedIncident) {
    return impossible('the incident', checkedIncident.problem);
  }
  const checkedWindow = checkCounts(windowCounts);
  if ('problem' in checkedWindow) {
    return impossible('the SLO window', checkedWindow.problem);
  }
  const window = checkedWindow.counts;
  const allowedBad = (1 - slo.objective) * window.total;
  if (!(allowedBad > 0)) {
    return {
      ...base,
      status: 'no-data',
      reason: 'no events in the SLO window, so no budget to spend',
    };
  }
  const incident = checkedIncident.counts;
  const bad = incident.total - incident.good;
  const consumedPercent = (bad / allowedBad) * 100;
  const clamped = checkedIncident.clamped
    ? `; good (${n(incidentCounts.good)}) exceeded total (${n(
        incident.total,
      )}) by extrapolation noise during the incident; counted as good = total`
    : '';
  return {
    ...base,
    status: 'computed',
    badEvents: bad,
    allowedBadEvents: allowedBad,
    consumedPercent,
    formula: `consumed = bad during the incident ÷ ((1 − objective) × total in the SLO window) = ${n(
      bad,
    )} ÷ ((1 − ${n(slo.objective)}) × ${n(window.total)}) = ${n(
      consumedPercent,
    )} %${clamped}`,
  };
}
