/*
 * Asks each affected SLO's metric source what an incident cost the SLO's error budget: one
 * request per SLO with two count windows (the incident's span, and the SLO window ending with the
 * incident), the arithmetic in -common's incidentBudgetImpact. Like the SLO engine, a source that
 * is missing, down or slow becomes `no-data` with the reason, never a number.
 */
import {
  EventCounts,
  Incident,
  IncidentBudgetImpact,
  SloDefinition,
  incidentBudgetImpact,
  sloWindowAt,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { SloStore } from '../database/SloStore';
import { sliQueries } from '../slo/sliQueries';

/** Good and total from a source's named counts (a bad query without series counts 0 bad). */
function eventCounts(
  counts: Record<string, number | null> | undefined,
): EventCounts | null {
  const total = counts?.total;
  if (total === null || total === undefined) return null;
  if (counts && 'bad' in counts) {
    return { good: total - (counts.bad ?? 0), total };
  }
  const good = counts?.good;
  return good === null || good === undefined ? null : { good, total };
}

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

  /** What the incident cost each of its affected SLOs, as of its end (or now, while open). */
  async impacts(incident: Incident): Promise<IncidentBudgetImpact[]> {
    const now = (this.deps.now ?? (() => new Date()))();
    const start = new Date(incident.startedAt ?? incident.detectedAt);
    const end = incident.resolvedAt ? new Date(incident.resolvedAt) : now;
    return Promise.all(
      incident.affectedSloIds.map(id => this.impact(id, { start, end }, now)),
    );
  }

  private async impact(
    sloId: string,
    incidentWindow: { start: Date; end: Date },
    now: Date,
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
    const slo = await this.deps.slos.getSlo(sloId);
    if (!slo) return noData('the SLO no longer exists');
    if (slo.budgetingMethod === 'timeslices') {
      return noData(
        'the SLO budgets by timeslices; incident costs are counted in events only',
        slo,
      );
    }
    const source = this.deps.sources.get(slo.metricSource);
    if (!source) {
      return noData(
        `no metric source "${slo.metricSource}" is configured`,
        slo,
      );
    }
    const window = sloWindowAt(slo.timeWindow, incidentWindow.end);
    const sloWindow = { start: window.start, end: incidentWindow.end };
    try {
      const { counts } = await source.countEvents({
        queries: sliQueries(slo.sli),
        windows: [
          { key: 'incident', ...incidentWindow },
          { key: 'slo', ...sloWindow },
        ],
        signal: AbortSignal.timeout(this.deps.queryTimeoutMs),
      });
      return incidentBudgetImpact({
        slo,
        incidentWindow,
        sloWindow,
        incidentCounts: eventCounts(counts.incident),
        windowCounts: eventCounts(counts.slo),
        computedAt: now,
      });
    } catch (error) {
      return noData(
        `metric source "${slo.metricSource}" failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
        slo,
      );
    }
  }
}
