/*
 * Asks each affected SLO's metric source what an incident cost the SLO's error budget: one
 * request per SLO with two count windows (the incident's span, and the SLO window ending with the
 * incident), the arithmetic in -common's incidentBudgetImpact. Like the SLO engine, a source that
 * is missing, down or slow becomes `no-data` with the reason, never a number.
 *
 * Counted as the engine counts: only the SLO's counted time (its business-hours schedule, less its
 * corrections), so an incident inside excluded time costs nothing. With `timeslices` budgeting the
 * units are slices: the bad slices that overlap the incident ÷ the bad slices the window allows
 * ((1 − objective) × the window's slices with traffic). An incident whose slices all lie in excluded
 * time costs nothing; one whose counted slices the source has no data for is `no-data`, not 0 %.
 */
import {
  EventCounts,
  Incident,
  IncidentBudgetImpact,
  SloDefinition,
  countGoodSlices,
  incidentBudgetImpact,
  parseDuration,
  sloWindowAt,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { withDeadline } from '../lib/withDeadline';
import { SloStore } from '../database/SloStore';
import { sliceGrid } from '../metricSources/sliceGrid';
import { planCountWindows, sliceIsCounted } from '../slo/countedWindows';
import { sliQueries } from '../slo/sliQueries';
import { countsFromBad } from '../slo/badEventCounts';
import { errorMessage } from '../lib/errorMessage';
import { timeslicesCostFormula } from './timeslicesCostFormula';

/** Good and total from a source's named counts (a bad query without series counts 0 bad). */
function eventCounts(
  counts: Record<string, number | null> | undefined,
): EventCounts | null {
  const total = counts?.total;
  if (total === null || total === undefined) return null;
  if (counts && 'bad' in counts) {
    return countsFromBad(counts.bad ?? 0, total).counts;
  }
  const good = counts?.good;
  return good === null || good === undefined ? null : { good, total };
}

/** Why an affected SLO's impact is withheld from a reader. */
export const HIDDEN_SLO_REASON =
  'its entity is not visible to you in the catalog';

/** Why a deleted SLO's impact has no figure (and a stored one is withheld). */
export const DELETED_SLO_REASON = 'the SLO no longer exists';

export class IncidentBudgetCalculator {
  constructor(
    private readonly deps: {
      sources: ReadonlyMap<string, MetricSource>;
      slos: Pick<SloStore, 'getSlo'>;
      /** Per SLO, for the source's answer. */
      queryTimeoutMs: number;
      now?: () => Date;
    },
  ) {}

  /**
   * What the incident cost each of its affected SLOs, as of its end (or now, while open). The
   * `hidden` ones (the reader cannot see their entity) are `no-data` without a name, their
   * source not asked. `slos` replaces the calculator's SLO reads for this call (a request that
   * has read them already). `takeRead` is asked before each source is (the reader's on-demand
   * allowance): a reason instead of undefined makes that SLO `no-data` with it, its source not
   * asked. `runRead` runs each source's read (the reader's lane of on-demand reads, where it
   * may wait its turn); its query timeout starts when the read does. `until` ends the incident
   * there if it ended later (a past "as of" moment): its cost up to that moment, against the SLO
   * window ending then.
   */
  async impacts(
    incident: Incident,
    options: {
      hidden?: ReadonlySet<string>;
      slos?: Pick<SloStore, 'getSlo'>;
      takeRead?: () => string | undefined;
      runRead?: <T>(read: () => Promise<T>) => Promise<T>;
      until?: Date;
    } = {},
  ): Promise<IncidentBudgetImpact[]> {
    const now = (this.deps.now ?? (() => new Date()))();
    const start = new Date(incident.startedAt ?? incident.detectedAt);
    const ended = incident.resolvedAt ? new Date(incident.resolvedAt) : now;
    const end = options.until && options.until < ended ? options.until : ended;
    const slos = options.slos ?? this.deps.slos;
    return Promise.all(
      incident.affectedSloIds.map(id =>
        this.impact(
          id,
          { start, end },
          now,
          slos,
          options.hidden?.has(id),
          options.takeRead,
          options.runRead,
        ),
      ),
    );
  }

  private async impact(
    sloId: string,
    incidentWindow: { start: Date; end: Date },
    now: Date,
    slos: Pick<SloStore, 'getSlo'>,
    hidden = false,
    takeRead?: () => string | undefined,
    runRead: <T>(read: () => Promise<T>) => Promise<T> = read => read(),
  ): Promise<IncidentBudgetImpact> {
    const noData = (reason: string, slo?: SloDefinition) => ({
      sloId,
      ...(slo && { sloName: slo.name }),
      status: 'no-data' as const,
      reason,
      incidentWindow: {
        start: incidentWindow.start.toISOString(),
        end: incidentWindow.end.toISOString(),
      },
      computedAt: now.toISOString(),
      stored: false,
    });
    if (hidden) return noData(HIDDEN_SLO_REASON);
    const slo = await slos.getSlo(sloId);
    if (!slo) return noData(DELETED_SLO_REASON);
    const source = this.deps.sources.get(slo.metricSource);
    if (!source) {
      return noData(
        `no metric source "${slo.metricSource}" is configured`,
        slo,
      );
    }
    const refused = takeRead?.();
    if (refused) return noData(refused, slo);
    return runRead(() => this.cost(slo, source, incidentWindow, now, noData));
  }

  /** What the incident cost the SLO, read from its metric source; `no-data` when the source fails. */
  private async cost(
    slo: SloDefinition,
    source: MetricSource,
    incidentWindow: { start: Date; end: Date },
    now: Date,
    noData: (reason: string, slo?: SloDefinition) => IncidentBudgetImpact,
  ): Promise<IncidentBudgetImpact> {
    const window = sloWindowAt(slo.timeWindow, incidentWindow.end);
    const sloWindow = { start: window.start, end: incidentWindow.end };
    // Only the incident's part inside that window is counted: its bad events are a share of
    // that window's budget, so those before it (in the month before, for a calendar SLO; longer
    // ago than the window, for a rolling one) are not this budget's to pay.
    const incidentCounted = {
      start:
        incidentWindow.start < sloWindow.start
          ? sloWindow.start
          : incidentWindow.start,
      end: incidentWindow.end,
    };
    const queries = sliQueries(slo.sli);
    const signal = AbortSignal.timeout(this.deps.queryTimeoutMs);
    const plan = planCountWindows(
      [
        { key: 'incident', ...incidentCounted },
        { key: 'slo', ...sloWindow },
      ],
      Object.keys(queries),
      { schedule: slo.schedule, corrections: slo.corrections },
    );
    try {
      if (slo.budgetingMethod === 'timeslices') {
        const sliceSeconds = parseDuration(slo.timeslice!.duration)!;
        // withDeadline: a module's source may ignore the signal, and a read that never ends
        // would hold the reader's lane (and this request) for good.
        const { slices } = await withDeadline(
          source.countEventsPerSlice({
            queries,
            ...sloWindow,
            sliceSeconds,
            signal,
          }),
          signal,
        );
        const counted = slices
          .map(slice => ({
            end: slice.end.getTime(),
            counts: eventCounts(slice.counts),
          }))
          .filter(
            slice =>
              !plan.cut ||
              sliceIsCounted(plan.intervals.slo, slice.end, sliceSeconds),
          );
        const goodSlices = (list: typeof counted) =>
          list.length === 0 || list.every(slice => slice.counts === null)
            ? null
            : countGoodSlices(
                list.map(slice => ({
                  good: slice.counts?.good ?? null,
                  total: slice.counts?.total ?? null,
                })),
                slo.timeslice!.target,
              );
        const overlapsIncident = (slice: { end: number }) =>
          slice.end > incidentCounted.start.getTime() &&
          slice.end - sliceSeconds * 1000 < incidentCounted.end.getTime();
        // Only when no counted slice of the grid the source counts on (sliceGrid) overlaps the
        // incident does it cost nothing: it lies in excluded time. Else slices the source left
        // out or gave no counts for are no data, not 0 bad slices.
        const grid = sliceGrid(
          slo.metricSource,
          sloWindow.start,
          sloWindow.end,
          sliceSeconds,
        );
        let incidentHasCountedSlice = false;
        for (let k = grid.count - 1; k >= 0; k--) {
          const end = grid.firstEndMs + k * grid.sliceMs;
          if (end <= incidentCounted.start.getTime()) break; // newest first
          if (
            overlapsIncident({ end }) &&
            (!plan.cut || sliceIsCounted(plan.intervals.slo, end, sliceSeconds))
          ) {
            incidentHasCountedSlice = true;
            break;
          }
        }
        const windowSlices = goodSlices(counted);
        const impact = incidentBudgetImpact({
          slo,
          incidentWindow: incidentCounted,
          sloWindow,
          incidentCounts: incidentHasCountedSlice
            ? goodSlices(counted.filter(overlapsIncident))
            : { good: 0, total: 0 },
          windowCounts: windowSlices,
          computedAt: now,
        });
        if (impact.status !== 'computed' || !windowSlices) return impact;
        // Its counts are slices: the formula says so, in place of -common's words for events.
        return {
          ...impact,
          formula: timeslicesCostFormula({
            badSlices: impact.badEvents!,
            objective: slo.objective,
            windowSlices: windowSlices.total,
            consumedPercent: impact.consumedPercent!,
            timeslice: slo.timeslice!,
          }),
        };
      }
      const counts = plan.combine(
        plan.windows.length === 0
          ? {}
          : (
              await withDeadline(
                source.countEvents({
                  queries,
                  windows: plan.windows,
                  signal,
                }),
                signal,
              )
            ).counts,
      );
      return incidentBudgetImpact({
        slo,
        incidentWindow: incidentCounted,
        sloWindow,
        incidentCounts: eventCounts(counts.incident),
        windowCounts: eventCounts(counts.slo),
        computedAt: now,
      });
    } catch (error) {
      return noData(
        `metric source "${slo.metricSource}" failed: ${errorMessage(error)}`,
        slo,
      );
    }
  }
}
