import { FilterPredicate } from '@backstage/filter-predicates';
import { SLO_KINDS } from '@stewardship/backstage-plugin-stewardship-common';
import { z } from 'zod';
import { BACKLOG_TRACKER_ANNOTATIONS } from '../backlogAnnotations';

// The entity filters of the new-frontend-system extensions, as predicate objects (the string
// filters of the old `'kind:component'` form are deprecated). They say the same as the legacy
// `isOwnershipAvailable` / `isSlosAvailable` / `isBacklogAvailable` functions, which
// entityFilters.test.ts checks entity by entity. Predicate equality is case-insensitive, like the legacy functions' comparison.

/** Kinds that carry ownership roles (see `isOwnershipAvailable`). */
export const OWNERSHIP_KINDS = [
  'component',
  'api',
  'system',
  'domain',
  'resource',
];

/** Kinds an SLO can belong to (see `isSlosAvailable`): the common package's one list. */
export { SLO_KINDS };

/** Kinds whose SLOs and incidents give built-in backlog items (see `isBacklogAvailable`). */
export const BACKLOG_KINDS = ['component', 'api', 'system'];

/** An entity of one of the given kinds. */
export function kindFilter(kinds: readonly string[]): FilterPredicate {
  return { kind: { $in: [...kinds] } };
}

/**
 * An entity of one of the given kinds, or any entity with an annotation that selects a tracker's
 * items (`jira/project-key`, `jira/all-issues-jql`, `github.com/project-slug`), set to something
 * other than the empty string. (`isBacklogAvailable` also ignores a value of only spaces, which a
 * predicate cannot express; the tab then says the annotation selects nothing.)
 */
export function backlogFilter(kinds: readonly string[]): FilterPredicate {
  const selecting = BACKLOG_TRACKER_ANNOTATIONS.filter(a => a.selects).map(
    ({ annotation }): FilterPredicate => {
      // A computed key is typed `string`, which could start with `$`; this one never does.
      const path = `metadata.annotations.${annotation}`;
      const present = { [path]: { $exists: true } } as FilterPredicate;
      const empty = { [path]: '' } as FilterPredicate;
      return { $all: [present, { $not: empty }] };
    },
  );
  return { $any: [kindFilter(kinds), ...selecting] };
}

/**
 * The `kinds` option every Stewardship tab and card takes in app-config: the entity kinds that
 * show it, instead of the defaults above. An extension's own `filter` option (a whole predicate,
 * from the catalog's blueprints) still wins over `kinds` when both are set.
 */
export const kindsConfigSchema = {
  kinds: z.array(z.string().min(1)).min(1).optional(),
};
