import { Entity } from '@backstage/catalog-model';
import { BACKLOG_TRACKER_ANNOTATIONS } from './backlogAnnotations';

// The built-in backlog items (breached SLOs, open incident action items) belong to the kinds an SLO
// or an incident can belong to, so the tab is useful there even before a tracker is annotated:
// its empty state then names the annotations to add. Any other kind shows the tab only when it
// names a tracker.
const KINDS = ['component', 'api', 'system'];

/**
 * Whether to show the Backlog tab for an entity: true for Component, API and System (their SLOs
 * and incidents give built-in items, and the tab says which tracker annotation to add), and for
 * any entity with an annotation that selects a tracker's items: `jira/project-key`,
 * `jira/all-issues-jql` or `github.com/project-slug` (`jira/component` and `jira/label` only
 * narrow a project). For use with `EntitySwitch.Case` or `EntityLayout.Route`'s `if`.
 *
 * @public
 */
export function isBacklogAvailable(entity: Entity): boolean {
  if (isBacklogKind(entity.kind)) return true;
  const annotations = entity.metadata.annotations ?? {};
  return BACKLOG_TRACKER_ANNOTATIONS.some(
    ({ annotation, selects }) =>
      selects && Boolean(annotations[annotation]?.trim()),
  );
}

/**
 * Whether every entity of this kind (any case) has a Backlog tab, tracker or not: the kind part of
 * {@link isBacklogAvailable}, for where only a ref is at hand (the planning review's rows). An
 * entity of another kind has the tab only when an annotation names a tracker.
 */
export function isBacklogKind(kind: string): boolean {
  return KINDS.includes(kind.toLocaleLowerCase('en-US'));
}
