import { FilterPredicate } from '@backstage/filter-predicates';
import { z } from 'zod';

// The entity filters of the new-frontend-system extensions, as predicate objects (the string
// filters of the old `'kind:component'` form are deprecated). They say the same as the legacy
// `isOwnershipAvailable` / `isSlosAvailable` functions, which entityFilters.test.ts checks entity
// by entity. Predicate equality is case-insensitive, like the legacy functions' comparison.

/** Kinds that carry ownership roles (see `isOwnershipAvailable`). */
export const OWNERSHIP_KINDS = [
  'component',
  'api',
  'system',
  'domain',
  'resource',
];

/** Kinds an SLO can belong to (see `isSlosAvailable`). */
export const SLO_KINDS = ['component', 'api', 'system'];

/** An entity of one of the given kinds. */
export function kindFilter(kinds: readonly string[]): FilterPredicate {
  return { kind: { $in: [...kinds] } };
}

/**
 * The `kinds` option every Stewardship tab and card takes in app-config: the entity kinds that
 * show it, instead of the defaults above. An extension's own `filter` option (a whole predicate,
 * from the catalog's blueprints) still wins over `kinds` when both are set.
 */
export const kindsConfigSchema = {
  kinds: z.array(z.string().min(1)).min(1).optional(),
};
