/*
 * The planning review: per entity in a scope, what its stored data says about one period.
 * The definitions are in reviewFigures.ts and the common README ("Planning review").
 */
import type { BacklogProviderErrorKind } from '../backlog/types';
import type { IncidentSeverity } from '../incidents/types';
import type { OwnershipRole } from '../ownership/roles';
import type { OwnershipStatus } from '../ownership/types';
import type { ReleaseGateDecision } from '../releaseGate/releaseGate';
import type { SloStatus } from '../slo/types';

/**
 * What the stored snapshots of one SLO say over a period `[from, to]`, as the store aggregates
 * them (one grouped query for all SLOs) or {@link aggregateSloSnapshots} computes them.
 *
 * @public
 */
export interface SloPeriodAggregate {
  /** Snapshots in the period with a budget figure (no-data snapshots have none). */
  evaluated: number;
  /** Of those, the ones whose budget remaining was ≥ 0. */
  meeting: number;
  /** The highest 1 h burn rate among the snapshots in the period; absent when none had one. */
  worstBurnRate1h?: number;
}

/**
 * One SLO in the review.
 *
 * @public
 */
export interface ReviewSlo {
  /** The SLO's id. */
  id: string;
  /** The SLO's name. */
  name: string;
  /** Its objective (a fraction). */
  objective: number;
  /**
   * Snapshots in the period with a budget figure: from `startAt` (else the period's `from`) to
   * `endAt` (else its `to`).
   */
  evaluatedSnapshots: number;
  /** meeting ÷ evaluated snapshots, 0–1; absent when none was evaluated. */
  attainment?: number;
  /**
   * The moment its snapshots are counted from, when it is not the period's start: for a calendar
   * SLO in another zone and a period starting at a UTC midnight, that date's midnight in the
   * SLO's zone, so a UTC quarter counts the SLO's own quarter.
   */
  startAt?: string;
  /**
   * The moment the figures "at the end" describe, when it is not the period's end: for a calendar
   * SLO in another zone and a period ending at a UTC midnight, that date's midnight in the SLO's
   * zone (or now, if that is later), so a UTC quarter reads the SLO's own quarter end.
   */
  endAt?: string;
  /** Status of the latest snapshot at or before the end (`endAt` or the period's); absent when none. */
  statusAtEnd?: SloStatus;
  /** Budget remaining (a fraction, negative when overspent) of that snapshot, when known. */
  budgetRemainingAtEnd?: number;
  /** True when that snapshot's budget remaining is ≥ 0; absent without one. */
  metAtEnd?: boolean;
  /** The highest 1 h burn rate seen in the period (from `startAt` to `endAt`, as above). */
  worstBurnRate1h?: number;
}

/**
 * What one incident detected in the period cost one SLO's budget (stored impacts only).
 *
 * @public
 */
export interface ReviewBudgetCost {
  /** The entity the incident is recorded against. */
  entityRef: string;
  /** The incident's id. */
  incidentId: string;
  /** The incident's title. */
  incidentTitle: string;
  /** The SLO's id. */
  sloId: string;
  /** The SLO's name, when it still exists. */
  sloName?: string;
  /** Percentage of the SLO window's budget the incident consumed. */
  consumedPercent: number;
}

/**
 * Incidents detected in the period, of one severity.
 *
 * @public
 */
export interface ReviewSeverityFigures {
  /** The severity. */
  severity: IncidentSeverity;
  /** Incidents detected in the period (open ones included). */
  count: number;
  /** Median time to acknowledge in seconds; absent when none was acknowledged. */
  mttaMedianSeconds?: number;
  /** Median time to resolve in seconds; absent when none was resolved. */
  mttrMedianSeconds?: number;
}

/**
 * The incident part of a review row (fire drills are left out).
 *
 * @public
 */
export interface ReviewIncidentFigures {
  /** Incidents detected in the period, all severities. */
  count: number;
  /** Of those, the ones not resolved. */
  open: number;
  /** Median time to acknowledge over all severities, in seconds. */
  mttaMedianSeconds?: number;
  /** Median time to resolve over all severities, in seconds. */
  mttrMedianSeconds?: number;
  /** Only the severities with incidents, worst first. */
  bySeverity: ReviewSeverityFigures[];
  /** The stored budget costs of these incidents, largest first. */
  budgetCosts: ReviewBudgetCost[];
  /**
   * Of these incidents, the ones that affected an SLO but have no stored budget cost yet, so are
   * not among `budgetCosts`: a cost is stored once its incident is resolved (by whoever reads it
   * first, or by the scheduled backfill), whenever that is; an incident open at the period's end
   * but resolved since has its cost, one resolved in the period may still be waiting for it.
   */
  withoutStoredCost: number;
}

/**
 * The backlog part of a review row: the latest stored backlog figures.
 *
 * @public
 */
export interface ReviewBacklogFigures {
  /**
   * `stored`, or `not-read-yet` when no complete backlog read is stored for the entity (none was
   * made, or every one failed: see `lastReadFailed`).
   */
  status: 'stored' | 'not-read-yet';
  /** When the stored figures were computed (ISO 8601). */
  at?: string;
  /** N of the top N. */
  topN?: number;
  /** How many open items the top N holds: N, fewer when the backlog is shorter, 0 when empty. */
  topCount?: number;
  /** Mean age in days of the top N. */
  averageAgeDays?: number;
  /** Median age in days of the top N. */
  medianAgeDays?: number;
  /** Reliability items ÷ items among the top N, 0–1. */
  reliabilityShare?: number;
  /**
   * The latest backlog read, when it failed (a tracker that could not be read) after the stored
   * figures were computed, or when none are stored: the figures, if any, are older.
   */
  lastReadFailed?: BacklogReadFailure;
}

/**
 * A backlog read that failed: when, and which providers could not be read, with the kind of
 * failure each gave. A failed read stores no figures (a partial answer would understate the
 * backlog), so this is what the review can say instead.
 *
 * @public
 */
export interface BacklogReadFailure {
  /** When the read was made (ISO 8601). */
  at: string;
  /** The providers that failed, e.g. `{ provider: 'jira', title: 'Jira', kind: 'unreachable' }`. */
  providers: Array<{
    /** The provider's id. */
    provider: string;
    /** Its name for people. */
    title: string;
    /** The kind of failure, when the provider said. */
    kind?: BacklogProviderErrorKind;
  }>;
}

/**
 * One ownership role of an entity that must have it and is not fully covered: its status is
 * neither `ok` nor `exempt` (missing, invalid, orphaned…: a problem on the scorecard too), or it is
 * `ok` but its holder has not confirmed it (no current attestation, where attestations are kept;
 * `attestation` is set, and the scorecard counts the role compliant and unconfirmed).
 *
 * @public
 */
export interface ReviewOwnershipGap {
  /** The role. */
  role: OwnershipRole;
  /** Its status. */
  status: OwnershipStatus;
  /** For an `ok` role: `none` (never confirmed) or `stale` (confirmation expired or outdated). */
  attestation?: 'none' | 'stale';
}

/**
 * The verdict of a review row on its SLOs ({@link ReviewRow.objectives}).
 *
 * @public
 */
export type ReviewObjectives =
  | 'met'
  | 'missed'
  | 'no-data'
  | 'no-slos'
  | 'not-applicable';

/**
 * One entity of the review.
 *
 * @public
 */
export interface ReviewRow {
  /** The entity's ref. */
  entityRef: string;
  /** Its catalog title, when set. */
  title?: string;
  /** Its SLOs, by name. */
  slos: ReviewSlo[];
  /**
   * `met` when every SLO with a snapshot at the period end has budget remaining ≥ 0 and at least
   * one has; `missed` when any has a negative budget; `no-data` when no SLO has one; `no-slos`
   * when it has none though its kind can have SLOs (a gap); `not-applicable` when it has none and
   * its kind cannot have SLOs ({@link SLO_KINDS}: a domain, a resource, a group… in a group's
   * review). An entity of such a kind that has SLOs anyway (the API accepts them on any entity)
   * is reviewed as any other.
   */
  objectives: ReviewObjectives;
  /** The lowest budget remaining at the period end among its SLOs. */
  lowestBudgetRemaining?: number;
  /** The highest 1 h burn rate of any of its SLOs in the period. */
  worstBurnRate1h?: number;
  /** Its incidents detected in the period. */
  incidents: ReviewIncidentFigures;
  /** Its latest stored backlog figures. */
  backlog: ReviewBacklogFigures;
  /**
   * Required roles that are neither `ok` nor `exempt`, and the `ok` ones not confirmed (with
   * `attestation`), in role order; absent when ownership was not evaluated.
   */
  ownershipGaps?: ReviewOwnershipGap[];
  /** Names of its availability SLOs whose objective is above the dependency ceiling. */
  aboveDependencyCeiling: string[];
  /** The dependency ceiling, when known. */
  dependencyCeiling?: number;
  /**
   * The release-gate decision of the policy from the snapshots at the period end; absent when
   * `objectives` is `not-applicable` (the policy's `noSlos` decision is for entities that could
   * have SLOs and have none, not for a kind that never has any).
   */
  releaseGate?: ReleaseGateDecision;
}

/**
 * The summary at the top of a review.
 *
 * @public
 */
export interface ReviewSummary {
  /** Entities in scope. */
  entities: number;
  /** Entities whose `objectives` is `met`. */
  met: number;
  /** Entities whose `objectives` is `missed`. */
  missed: number;
  /** Entities with SLOs but no snapshot at the period end. */
  noData: number;
  /** Entities without SLOs whose kind can have them (`objectives` is `no-slos`). */
  noSlos: number;
  /**
   * Entities whose kind cannot have SLOs and that have none (`objectives` is `not-applicable`):
   * in no other objectives count and no `releaseGate` count.
   */
  notApplicable: number;
  /** The three largest stored budget costs of incidents in the period, largest first. */
  largestBudgetCosts: ReviewBudgetCost[];
  /** Entities with at least one ownership gap (unconfirmed roles included). */
  entitiesWithOwnershipGaps: number;
  /** Ownership gaps over all entities, unconfirmed roles included ({@link ReviewOwnershipGap}). */
  ownershipGaps: number;
  /** Entities per release-gate decision, of the rows that have one (not the `not-applicable` ones). */
  releaseGate: Record<ReleaseGateDecision, number>;
}

/**
 * `GET review?scope=&from=&to=`.
 *
 * @public
 */
export interface PlanningReview {
  /** The scope entity's ref (a system, group or domain). */
  scope: string;
  /** Start of the period (ISO 8601, inclusive). */
  from: string;
  /** End of the period (ISO 8601, inclusive for snapshots, exclusive for incidents). */
  to: string;
  /**
   * Only when `from` is earlier: the moment from which stored snapshots are kept (ISO 8601; now
   * minus the backend's `snapshotRetention`). Older ones are pruned, so the SLO figures (attainment,
   * worst burn, the status and budget at the end) count only the snapshots from then.
   */
  snapshotsKeptFrom?: string;
  /** The summary. */
  summary: ReviewSummary;
  /** One row per entity in scope, by ref. */
  rows: ReviewRow[];
}
