import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  EntityOwnership,
  OwnershipScorecard,
  ScorecardFilter,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * What to ask `GET /ownership/scorecard` for: the filters, an optional
 * grouping, and the page of failing entities.
 *
 * @public
 */
export interface OwnershipScorecardQuery extends ScorecardFilter {
  /** Adds coverage per owning group, system, domain or kind. */
  groupBy?: ScorecardGroupBy;
  /** Index of the first failing entity to return. */
  offset?: number;
  /** Page size of the failing entities. */
  limit?: number;
}

/**
 * Client for the Stewardship backend.
 *
 * @public
 */
export interface StewardshipApi {
  /** The three ownership roles of one entity, with their status. */
  getEntityOwnership(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityOwnership>;

  /** Coverage across the catalog, optional groups and a page of failing entities. */
  getOwnershipScorecard(
    query?: OwnershipScorecardQuery,
  ): Promise<OwnershipScorecard>;

  /** The failing entities matching the filters, as CSV text. */
  getOwnershipScorecardCsv(query?: ScorecardFilter): Promise<string>;
}

/**
 * Reference to the {@link StewardshipApi}.
 *
 * @public
 */
export const stewardshipApiRef = createApiRef<StewardshipApi>({
  id: 'plugin.stewardship.api',
});
