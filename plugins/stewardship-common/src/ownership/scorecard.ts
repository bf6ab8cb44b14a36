import type { AttestationState } from './attestations';
import { OwnershipRole } from './roles';
import { EntityOwnership, OwnershipStatus, RoleEvaluation } from './types';

/**
 * What a scorecard can be grouped by.
 *
 * @public
 */
export type ScorecardGroupBy = 'owner' | 'system' | 'domain' | 'kind';

/**
 * All groupings, for validation and pickers.
 *
 * @public
 */
export const SCORECARD_GROUP_BYS: readonly ScorecardGroupBy[] = [
  'owner',
  'system',
  'domain',
  'kind',
];

/**
 * Filters accepted by the scorecard; every field narrows the entity set.
 *
 * @public
 */
export interface ScorecardFilter {
  /** Entity kind, case-insensitive, e.g. `component`. */
  kind?: string;
  /** `spec.type`, case-insensitive, e.g. `service`. */
  type?: string;
  /** `spec.owner` ref, e.g. `group:default/payments`. */
  owner?: string;
  /** System ref, e.g. `system:default/payments`. */
  system?: string;
  /** Domain ref, e.g. `domain:default/commerce`. */
  domain?: string;
  /** Keep entities where some role (or `role`, when given) has this status. */
  status?: OwnershipStatus;
  /** Narrows `status` to one role; alone, it keeps every entity. */
  role?: OwnershipRole;
}

/**
 * Counts of entities per status for one role.
 *
 * @public
 */
export type RoleStatusCounts = Record<OwnershipStatus, number>;

/**
 * Coverage figures for a set of entities.
 *
 * @public
 */
export interface CoverageSummary {
  /** Entities in scope (after filters). */
  entities: number;
  /** Entities whose required roles are all `ok` or exempt (`EntityOwnership.compliant`). */
  compliant: number;
  /** Per role: how many entities have each status. */
  roles: Record<OwnershipRole, RoleStatusCounts>;
  /**
   * Per role: of the entities where the role is `ok` (someone holds it who could confirm), how
   * many have a current, stale or no attestation (`stale` and `none` are the unattested roles).
   * Absent when the evaluations carry no attestations.
   */
  attestations?: Record<OwnershipRole, AttestationCounts>;
}

/**
 * Attestation states counted over one role.
 *
 * @public
 */
export type AttestationCounts = Record<AttestationState, number>;

/**
 * A row of a grouped scorecard.
 *
 * @public
 */
export interface ScorecardGroup extends CoverageSummary {
  /** The group key: an entity ref (owner, system, domain), a kind, or `none`. */
  key: string;
}

/**
 * An entity with at least one failing required role.
 *
 * @public
 */
export interface FailingEntity {
  /** Full ref, e.g. `component:default/cart`. */
  entityRef: string;
  /** Kind as written in the catalog, e.g. `Component`. */
  kind: string;
  /** `metadata.name`. */
  name: string;
  /** `metadata.title`, when set. */
  title?: string;
  /** `spec.owner` as a full ref, when set. */
  owner?: string;
  /** The entity's system ref, when it has one. */
  system?: string;
  /** The entity's domain ref (through its system for components), when it has one. */
  domain?: string;
  /** The required roles that are not `ok`. */
  problems: RoleEvaluation[];
}

/**
 * One day of scorecard history.
 *
 * @public
 */
export interface ScorecardTrendPoint {
  /** ISO date, `YYYY-MM-DD`. */
  day: string;
  /** Entities covered by the policy that day. */
  entities: number;
  /** Of those, entities whose required roles were all `ok`. */
  compliant: number;
  /** Per role: entities with the role `ok`. */
  roleOk: Record<OwnershipRole, number>;
}

/**
 * The response of `GET /ownership/scorecard`.
 *
 * @public
 */
export interface OwnershipScorecard {
  /** When the scorecard was computed (ISO timestamp). */
  generatedAt: string;
  /**
   * When the catalog read behind the figures began (ISO timestamp). The backend reuses one
   * evaluation of the catalog for a short while (`stewardship.ownership.cacheTtl`, 60 seconds
   * by default), so this can be earlier than `generatedAt`; catalog changes made after it may
   * not be counted yet. The trend comes from daily snapshots and is not covered by it.
   */
  evaluatedAt: string;
  /** Whole seconds from `evaluatedAt` to `generatedAt`: how old the figures are. */
  ageSeconds: number;
  /** The filters applied, with refs normalised to full refs. */
  filter: ScorecardFilter;
  /**
   * The kinds the ownership policy covers (`stewardship.ownership.appliesTo`), lower case, in
   * the order configured: the only kinds a `kind` filter can match. Absent from backends older
   * than this field.
   */
  coveredKinds?: string[];
  /** Coverage of every entity matching the filter. */
  summary: CoverageSummary;
  /** The grouping asked for, if any. */
  groupBy?: ScorecardGroupBy;
  /** Coverage per group, least covered first; present with `groupBy`. */
  groups?: ScorecardGroup[];
  /** Entities failing a required role, worst first, one page of them. */
  failing: {
    items: FailingEntity[];
    totalCount: number;
    offset: number;
    limit: number;
  };
  /** Daily snapshots of the whole catalog (unfiltered), oldest first. */
  trend: ScorecardTrendPoint[];
  /**
   * Set when the trend is withheld from this caller (then `trend` is empty): its daily snapshots
   * count the whole catalog, so it shows only to callers who may read all of it.
   */
  trendWithheld?: boolean;
  /**
   * Set when the permission policy denies this caller catalog reads: then nothing is counted
   * because the caller may read no entity, not because the catalog has none in scope.
   */
  catalogReadDenied?: boolean;
}

/**
 * The response of `GET /ownership/evaluations`: every entity the ownership policy covers
 * (`stewardship.ownership.appliesTo`; no entity outside it is listed), ordered by entity ref, one
 * page of them, from the same catalog evaluation as the scorecard.
 *
 * @public
 */
export interface OwnershipEvaluationPage {
  /** When the catalog read behind the page began (ISO timestamp); see OwnershipScorecard. */
  evaluatedAt: string;
  /** The entities' ownership, with exemptions and attestations applied as of the request. */
  items: EntityOwnership[];
  /** How many entities match in all, across pages. */
  totalCount: number;
  /** Position of the first item in the whole ordered list. */
  offset: number;
  /** The page size the request asked for (or its default). */
  limit: number;
}
