import { NoDataReason, SloStatus } from './types';

/**
 * What the catalog-wide SLO overview can be filtered by status: an evaluated status, or `stale`
 * (never evaluated, or the latest snapshot is older than the evaluation cadence allows or is of
 * an earlier version of the SLO).
 *
 * @public
 */
export type SloOverviewStatus = SloStatus | 'stale';

/**
 * Every value of {@link SloOverviewStatus}, worst first.
 *
 * @public
 */
export const SLO_OVERVIEW_STATUSES: readonly SloOverviewStatus[] = [
  'exhausted',
  'at-risk',
  'no-data',
  'stale',
  'healthy',
];

/**
 * The no-data reasons that mean the SLI itself is broken, not that the service was quiet: the
 * source failed or is not configured, a query matched no series, or the slices are too short for
 * the metric's scrape interval (nothing can be judged until the SLO is changed). `no-traffic`,
 * `too-few-events` and `excluded` are not broken SLIs.
 *
 * @public
 */
export const BROKEN_SLI_REASONS: readonly NoDataReason[] = [
  'source-error',
  'unknown-source',
  'no-series',
  'slices-too-short',
];

/**
 * Filters of `GET /slos/overview`. Refs are full (`group:default/team-a`) or a bare name of the
 * kind the filter is about.
 *
 * @public
 */
export interface SloOverviewFilter {
  /** The owning group or user (`spec.owner` of the SLO's entity). */
  owner?: string;
  /** The system of the SLO's entity (`spec.system`; a system's own SLOs belong to it). */
  system?: string;
  /** Only SLOs in this status; `stale` matches every stale SLO whatever its last status. */
  status?: SloOverviewStatus;
}

/**
 * One SLO in the catalog-wide overview.
 *
 * @public
 */
export interface SloOverviewItem {
  /** The SLO's id. */
  sloId: string;
  /** The SLO's name, unique per entity. */
  name: string;
  /** The SLO's entity, lower-case `kind:namespace/name`. */
  entityRef: string;
  /** The entity's `metadata.title`, when it has one. */
  entityTitle?: string;
  /** The entity's owner (`spec.owner` as a full ref), when it names one. */
  owner?: string;
  /** The entity's system as a full ref; a system's own ref for a system's SLO. */
  system?: string;
  /** The latest snapshot's status; absent when the SLO was never evaluated. */
  status?: SloStatus;
  /** True when never evaluated, or the latest snapshot is too old or of an earlier version. */
  stale: boolean;
  /**
   * Why a stale SLO is stale: `never-evaluated` (no snapshot), `earlier-version` (the latest
   * snapshot was taken before the SLO's last change, however recent it is; said too when it is
   * also too old, which its `evaluatedAt` shows) or `too-old` (older than `stalenessSeconds`).
   * Absent when not stale, and from a backend older than the field.
   */
  staleReason?: 'never-evaluated' | 'earlier-version' | 'too-old';
  /** True when the latest snapshot is `no-data` for one of {@link BROKEN_SLI_REASONS}. */
  brokenSli: boolean;
  /** For `no-data`: why. */
  noDataReason?: NoDataReason;
  /** The latest snapshot's explanation of its status, e.g. the source's error. */
  reason?: string;
  /** Error budget remaining as a fraction (negative when overspent); absent without data. */
  budgetRemaining?: number;
  /** The SLI over the window as a fraction; absent without data. */
  sli?: number;
  /** The objective as a fraction. */
  objective: number;
  /** The metric source the SLO reads: a name under `stewardship.metricSources`. */
  metricSource: string;
  /** ISO time the latest snapshot was evaluated as of; absent when never evaluated. */
  evaluatedAt?: string;
}

/**
 * An entity in scope (a Component, API or System the caller can see) without any SLO.
 *
 * @public
 */
export interface SloUncoveredEntity {
  /** Lower-case `kind:namespace/name`. */
  entityRef: string;
  /** The entity's `metadata.title`, when it has one. */
  title?: string;
  /** The entity's owner as a full ref, when it names one. */
  owner?: string;
  /** The entity's system as a full ref (its own ref for a system). */
  system?: string;
}

/**
 * How far SLOs cover the entities in scope that match the owner and system filters, and the state
 * of those SLOs (the status filter narrows the SLO list only).
 *
 * @public
 */
export interface SloCoverage {
  /** Components, APIs and Systems the caller can see that match the owner and system filters. */
  entitiesInScope: number;
  /** Of those, how many have at least one SLO. */
  entitiesWithSlo: number;
  /** Those without any SLO, ordered by ref. */
  entitiesWithoutSlo: SloUncoveredEntity[];
  /** Of the SLOs matching the owner and system filters, those whose latest snapshot says their SLI is broken (see {@link BROKEN_SLI_REASONS}). */
  brokenSlis: number;
  /** Of the SLOs matching the owner and system filters, those whose evaluation is stale or missing. */
  staleEvaluations: number;
  /** SLOs the caller may see matching the owner and system filters (any kind), before the status filter. */
  slos: number;
}

/**
 * The body of `GET /slos/overview`: every SLO in scope with its latest stored status.
 *
 * @public
 */
export interface SloOverview {
  /** ISO time the statuses are as of: the request's `at`, else its moment. */
  at: string;
  /**
   * For the overview of now: the ISO time from which it may no longer hold though nothing new is
   * stored, the first moment an SLO current now (before the status filter) grows stale; a page
   * showing it reads it again then. Absent for a past moment and when every SLO is stale or never
   * evaluated.
   */
  validUntil?: string;
  /** A snapshot older than this many seconds is stale. */
  stalenessSeconds: number;
  /**
   * ISO time the catalog read behind the entities (titles, owners, systems, coverage) began: the
   * backend reuses one read for `stewardship.slos.overview.cacheTtl`. SLOs and statuses are read
   * for every request.
   */
  catalogReadAt: string;
  /** Whole seconds from `catalogReadAt` to the request's moment (not to an earlier `at`). */
  catalogAgeSeconds: number;
  /** The SLOs matching every filter, ordered by entity and name. */
  items: SloOverviewItem[];
  /** Coverage of the entities matching the owner and system filters. */
  coverage: SloCoverage;
  /** The owners and systems of every entity in scope, for filter pickers, sorted. */
  facets: { owners: string[]; systems: string[] };
}
