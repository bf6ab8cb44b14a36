import { OwnershipRole } from './roles';
import { OwnershipStatus, RoleEvaluation } from './types';

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
  kind?: string;
  type?: string;
  /** `spec.owner` ref, e.g. `group:default/payments`. */
  owner?: string;
  system?: string;
  domain?: string;
  /** Keep entities where some role (or `role`, when given) has this status. */
  status?: OwnershipStatus;
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
  /** Entities whose required roles are all `ok`. */
  compliant: number;
  /** Per role: how many entities have each status. */
  roles: Record<OwnershipRole, RoleStatusCounts>;
}

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
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
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
  entities: number;
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
  generatedAt: string;
  filter: ScorecardFilter;
  summary: CoverageSummary;
  groupBy?: ScorecardGroupBy;
  groups?: ScorecardGroup[];
  failing: {
    items: FailingEntity[];
    totalCount: number;
    offset: number;
    limit: number;
  };
  /** Daily snapshots of the whole catalog (unfiltered), oldest first. */
  trend: ScorecardTrendPoint[];
}
