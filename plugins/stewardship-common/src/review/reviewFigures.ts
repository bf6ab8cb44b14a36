/*
 * What the planning review's figures mean. Period: [from, to].
 *
 * Per SLO, from its stored snapshots (never a metric-source query):
 *   a snapshot meets the objective when its budget remaining ≥ 0 (for an occurrences SLO that is
 *   SLI ≥ objective over its window; for a timeslices SLO, no more bad slices than allowed).
 *   attainment     = snapshots in [start, end] meeting the objective ÷ snapshots in [start, end]
 *                    with a budget figure (no-data snapshots count in neither); none: no
 *                    attainment. [start, end] is the period [from, to], but for a calendar SLO
 *                    in another zone a bound at a UTC midnight is that date's midnight in its
 *                    zone (reviewStartFor, reviewEndFor), so it counts its own month or quarter.
 *   at the end     = the latest snapshot at or before the SLO's end (it may be older than
 *                    `from`): its status and budget remaining; met at the end = budget
 *                    remaining ≥ 0. The end is `to`, except for a calendar SLO in another zone
 *                    when `to` is a UTC midnight: that date's midnight in its zone (reviewEndFor).
 *   worst burn     = the highest 1 h burn rate among the snapshots in [start, end].
 * Per entity:
 *   objectives     = `met` when every SLO with a budget figure at the end met it and at least one
 *                    had one; `missed` when any did not; `no-data` when none had one; `no-slos`
 *                    when it has none and its kind (read from its ref) can have SLOs (isSloKind);
 *                    `not-applicable` when it has none and its kind cannot (a domain, resource,
 *                    group…). One of another kind that has SLOs anyway is read as any other.
 *   incidents      = the incident figures (summarizeIncidents) of [from, to) without fire drills:
 *                    counts and median MTTA / MTTR, all severities and per severity.
 *   budget costs   = the stored budget impacts of those incidents (stored once an incident is
 *                    resolved, whenever that is: after `to` too); `withoutStoredCost` counts
 *                    those that affected an SLO and have none stored yet.
 *   backlog        = the latest stored backlog figures (top N average and median age,
 *                    reliability share), or `not-read-yet`; with the latest failed read
 *                    (`lastReadFailed`: when, which providers, what kind) when it is newer than
 *                    the figures or there are none.
 *   ownership gaps = required roles whose status is neither `ok` nor `exempt` (what the scorecard
 *                    counts as a problem: an exempt role is compliant there), and required `ok`
 *                    ones not confirmed by their holder (attestation `none` or `stale`, where
 *                    attestations are kept), told apart by `attestation` (the scorecard counts
 *                    them as compliant, "unconfirmed" beside it; its "unconfirmed" also counts
 *                    held roles that are not required, which the review leaves out).
 *   dependency ceiling warning = its availability SLOs whose objective is above the ceiling.
 *   release gate   = decideReleaseGate over the SLOs' snapshots at the end (as above), policy only
 *                    (overrides are a moment's exception, not a planning figure); none for a
 *                    `not-applicable` row (the policy's `noSlos` is for kinds that can have SLOs).
 * Summary: entities per objectives value (`notApplicable` apart) and per gate decision, of the
 * rows that have one.
 */
import {
  IncidentFigureInput,
  summarizeIncidents,
} from '../incidents/incidentFigures';
import { IncidentBudgetImpact } from '../incidents/incidentBudget';
import { BacklogFigures } from '../backlog/backlogFigures';
import { EntityDependencyCeiling } from '../slo/dependencyCeiling';
import { EntityOwnership } from '../ownership/types';
import { isRoleSatisfied } from '../ownership/exemptions';
import {
  ErrorBudgetPolicy,
  RELEASE_GATE_DECISIONS,
  ReleaseGateInput,
  decideReleaseGate,
} from '../releaseGate/releaseGate';
import type { SloHistoryPoint } from '../slo/types';
import { isSloKind } from '../slo/sloKinds';
import { compareText } from '../format/compareText';
import {
  BacklogReadFailure,
  PlanningReview,
  ReviewBudgetCost,
  ReviewOwnershipGap,
  ReviewIncidentFigures,
  ReviewObjectives,
  ReviewRow,
  ReviewSlo,
  ReviewSummary,
  SloPeriodAggregate,
} from './types';

/**
 * The per-SLO aggregate of the snapshots in `[from, to]` (the reference for the store's grouped
 * query; see the top of this file).
 *
 * @public
 */
export function aggregateSloSnapshots(
  points: ReadonlyArray<
    Pick<SloHistoryPoint, 'at' | 'budgetRemaining' | 'burnRate1h'>
  >,
  period: { from: Date; to: Date },
): SloPeriodAggregate {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const aggregate: SloPeriodAggregate = { evaluated: 0, meeting: 0 };
  for (const point of points) {
    const at = Date.parse(point.at);
    if (at < from || at > to) continue;
    if (point.budgetRemaining !== undefined) {
      aggregate.evaluated += 1;
      if (point.budgetRemaining >= 0) aggregate.meeting += 1;
    }
    if (
      point.burnRate1h !== undefined &&
      (aggregate.worstBurnRate1h === undefined ||
        point.burnRate1h > aggregate.worstBurnRate1h)
    ) {
      aggregate.worstBurnRate1h = point.burnRate1h;
    }
  }
  return aggregate;
}

/**
 * An incident as the review reads it: the figure fields, its id and title, and its stored budget
 * impacts.
 *
 * @public
 */
export type ReviewIncidentInput = IncidentFigureInput & {
  id: string;
  title: string;
  /** The SLOs whose budget it spent; with none it has no cost to store. */
  affectedSloIds?: string[];
  /** Its stored budget impacts; absent when none are stored (yet). */
  budgetImpacts?: IncidentBudgetImpact[];
};

/**
 * Everything stored about one entity that its review row reads.
 *
 * @public
 */
export interface ReviewEntityInput {
  /** The entity's full ref (`kind:namespace/name`); its kind says whether it can have SLOs. */
  entityRef: string;
  /** Its catalog title. */
  title?: string;
  /** Its SLOs with their period aggregate and latest snapshot at or before their end. */
  slos: Array<{
    /** The SLO (and, as the gate sees it, its snapshot and staleness at `end`). */
    gate: ReleaseGateInput;
    /** The moment its end figures describe ({@link reviewEndFor}); the period's `to` if absent. */
    end?: Date;
    /** The moment its aggregate counts from ({@link reviewStartFor}); the period's `from` if absent. */
    start?: Date;
    /** Its objective. */
    objective: number;
    /** Its snapshots in [start, end], aggregated. */
    aggregate: SloPeriodAggregate;
  }>;
  /** Its incidents (the period is applied here). */
  incidents: ReviewIncidentInput[];
  /** Its latest stored backlog figures, if any. */
  backlog?: BacklogFigures;
  /** Its latest stored failed backlog read, if any (shown when newer than `backlog`). */
  backlogReadFailure?: BacklogReadFailure;
  /** Its ownership, if evaluated. */
  ownership?: Pick<EntityOwnership, 'applies' | 'roles'>;
  /** Its dependency ceiling, if read. */
  dependencyCeiling?: Pick<EntityDependencyCeiling, 'ceiling' | 'objectives'>;
  /** The error-budget policy that applies to it. */
  policy: ErrorBudgetPolicy;
}

function reviewSlo(
  input: ReviewEntityInput['slos'][number],
  period: { from: Date; to: Date },
): ReviewSlo {
  const { from, to } = period;
  const { gate, objective, aggregate, start, end } = input;
  const remaining = gate.evaluation?.errorBudget?.remaining;
  return {
    id: gate.slo.id,
    name: gate.slo.name,
    objective,
    ...(start &&
      start.getTime() !== from.getTime() && { startAt: start.toISOString() }),
    ...(end && end.getTime() !== to.getTime() && { endAt: end.toISOString() }),
    evaluatedSnapshots: aggregate.evaluated,
    ...(aggregate.evaluated > 0 && {
      attainment: aggregate.meeting / aggregate.evaluated,
    }),
    ...(gate.evaluation && { statusAtEnd: gate.evaluation.status }),
    ...(remaining !== undefined && {
      budgetRemainingAtEnd: remaining,
      metAtEnd: remaining >= 0,
    }),
    ...(aggregate.worstBurnRate1h !== undefined && {
      worstBurnRate1h: aggregate.worstBurnRate1h,
    }),
  };
}

/** Largest cost first; ties by entity, then incident, so the order is stable. */
const byCost = (a: ReviewBudgetCost, b: ReviewBudgetCost) =>
  b.consumedPercent - a.consumedPercent ||
  compareText(a.entityRef, b.entityRef) ||
  compareText(a.incidentId, b.incidentId);

function incidentFigures(
  entityRef: string,
  incidents: ReviewIncidentInput[],
  period: { from: Date; to: Date },
): ReviewIncidentFigures {
  const figures = summarizeIncidents(incidents, period).incidents;
  const from = period.from.getTime();
  const to = period.to.getTime();
  const budgetCosts: ReviewBudgetCost[] = [];
  let withoutStoredCost = 0;
  for (const incident of incidents) {
    const detected = Date.parse(incident.detectedAt);
    if (incident.fireDrill || detected < from || detected >= to) continue;
    if (incident.affectedSloIds?.length && !incident.budgetImpacts) {
      withoutStoredCost += 1;
    }
    for (const impact of incident.budgetImpacts ?? []) {
      if (impact.status !== 'computed' || impact.consumedPercent === undefined)
        continue;
      budgetCosts.push({
        entityRef,
        incidentId: incident.id,
        incidentTitle: incident.title,
        sloId: impact.sloId,
        ...(impact.sloName !== undefined && { sloName: impact.sloName }),
        consumedPercent: impact.consumedPercent,
      });
    }
  }
  budgetCosts.sort(byCost);
  return {
    count: figures.all.count,
    open: figures.all.open,
    ...(figures.all.mtta.medianSeconds !== undefined && {
      mttaMedianSeconds: figures.all.mtta.medianSeconds,
    }),
    ...(figures.all.mttr.medianSeconds !== undefined && {
      mttrMedianSeconds: figures.all.mttr.medianSeconds,
    }),
    bySeverity: figures.bySeverity
      .filter(group => group.count > 0)
      .map(group => ({
        severity: group.severity,
        count: group.count,
        ...(group.mtta.medianSeconds !== undefined && {
          mttaMedianSeconds: group.mtta.medianSeconds,
        }),
        ...(group.mttr.medianSeconds !== undefined && {
          mttrMedianSeconds: group.mttr.medianSeconds,
        }),
      })),
    budgetCosts,
    withoutStoredCost,
  };
}

const minOf = (values: Array<number | undefined>) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.min(...known) : undefined;
};
const maxOf = (values: Array<number | undefined>) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : undefined;
};

/** The kind of a full ref (`domain:default/platform` → `domain`); a ref without one has none. */
const kindOf = (entityRef: string) => {
  const colon = entityRef.indexOf(':');
  return colon === -1 ? '' : entityRef.slice(0, colon);
};

/**
 * One entity's review row (definitions at the top of this file).
 *
 * @public
 */
export function reviewRow(
  input: ReviewEntityInput,
  period: { from: Date; to: Date },
): ReviewRow {
  const slos = input.slos
    .map(slo => reviewSlo(slo, period))
    .sort((a, b) => compareText(a.name, b.name));
  const withBudget = slos.filter(slo => slo.metAtEnd !== undefined);
  let objectives: ReviewObjectives = isSloKind(kindOf(input.entityRef))
    ? 'no-slos'
    : 'not-applicable';
  if (slos.length > 0) {
    if (withBudget.length === 0) objectives = 'no-data';
    else if (withBudget.every(slo => slo.metAtEnd)) objectives = 'met';
    else objectives = 'missed';
  }
  const lowestBudgetRemaining = minOf(slos.map(s => s.budgetRemainingAtEnd));
  const worstBurnRate1h = maxOf(slos.map(s => s.worstBurnRate1h));
  const backlog = input.backlog;
  // A failed read older than the stored figures was followed by a complete one: not said.
  const failure =
    input.backlogReadFailure &&
    (!backlog ||
      Date.parse(input.backlogReadFailure.at) > Date.parse(backlog.at))
      ? input.backlogReadFailure
      : undefined;
  const ceiling = input.dependencyCeiling;
  return {
    entityRef: input.entityRef,
    ...(input.title !== undefined && { title: input.title }),
    slos,
    objectives,
    ...(lowestBudgetRemaining !== undefined && { lowestBudgetRemaining }),
    ...(worstBurnRate1h !== undefined && { worstBurnRate1h }),
    incidents: incidentFigures(input.entityRef, input.incidents, period),
    backlog: backlog
      ? {
          status: 'stored',
          at: backlog.at,
          topN: backlog.top.n,
          topCount: backlog.top.count,
          ...(backlog.top.averageAgeDays !== undefined && {
            averageAgeDays: backlog.top.averageAgeDays,
          }),
          ...(backlog.top.medianAgeDays !== undefined && {
            medianAgeDays: backlog.top.medianAgeDays,
          }),
          ...(backlog.top.reliabilityShare !== undefined && {
            reliabilityShare: backlog.top.reliabilityShare,
          }),
          ...(failure && { lastReadFailed: failure }),
        }
      : {
          status: 'not-read-yet',
          ...(failure && { lastReadFailed: failure }),
        },
    ...(input.ownership && {
      ownershipGaps: input.ownership.applies
        ? input.ownership.roles.flatMap((role): ReviewOwnershipGap[] => {
            if (!role.required) return [];
            if (!isRoleSatisfied(role.status)) {
              return [{ role: role.role, status: role.status }];
            }
            // Exempt: nobody holds the role, so there is nothing to confirm.
            if (role.status !== 'ok') return [];
            const state = role.attestation?.state;
            return state === 'none' || state === 'stale'
              ? [{ role: role.role, status: role.status, attestation: state }]
              : [];
          })
        : [],
    }),
    aboveDependencyCeiling: (ceiling?.objectives ?? [])
      .filter(objective => objective.aboveCeiling)
      .map(objective => objective.name),
    ...(ceiling?.ceiling !== undefined && {
      dependencyCeiling: ceiling.ceiling,
    }),
    ...(objectives !== 'not-applicable' && {
      releaseGate: decideReleaseGate(
        input.slos.map(slo => slo.gate),
        input.policy,
      ).decision,
    }),
  };
}

/**
 * The summary of review rows: objectives met and missed, the three largest budget costs, the
 * ownership gaps and the gate decisions (of the rows that have one: not the `not-applicable`).
 *
 * @public
 */
export function summarizeReview(rows: readonly ReviewRow[]): ReviewSummary {
  const count = (objectives: ReviewObjectives) =>
    rows.filter(row => row.objectives === objectives).length;
  const releaseGate = Object.fromEntries(
    RELEASE_GATE_DECISIONS.map(decision => [
      decision,
      rows.filter(row => row.releaseGate === decision).length,
    ]),
  ) as ReviewSummary['releaseGate'];
  return {
    entities: rows.length,
    met: count('met'),
    missed: count('missed'),
    noData: count('no-data'),
    noSlos: count('no-slos'),
    notApplicable: count('not-applicable'),
    largestBudgetCosts: rows
      .flatMap(row => row.incidents.budgetCosts)
      .sort(byCost)
      .slice(0, 3),
    entitiesWithOwnershipGaps: rows.filter(
      row => (row.ownershipGaps?.length ?? 0) > 0,
    ).length,
    ownershipGaps: rows.reduce(
      (sum, row) => sum + (row.ownershipGaps?.length ?? 0),
      0,
    ),
    releaseGate,
  };
}

/**
 * The whole review of a scope's entities over a period, rows by entity ref.
 *
 * @public
 */
export function buildPlanningReview(
  scope: string,
  period: { from: Date; to: Date },
  entities: readonly ReviewEntityInput[],
): PlanningReview {
  const rows = entities
    .map(entity => reviewRow(entity, period))
    .sort((a, b) => compareText(a.entityRef, b.entityRef));
  return {
    scope,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    summary: summarizeReview(rows),
    rows,
  };
}
