import { Entity } from '@backstage/catalog-model';
import { filterPredicateToFilterFunction } from '@backstage/filter-predicates';
import { isBacklogAvailable } from '../isBacklogAvailable';
import { isOwnershipAvailable } from '../isOwnershipAvailable';
import { isSlosAvailable } from '../isSlosAvailable';
import {
  BACKLOG_KINDS,
  OWNERSHIP_KINDS,
  SLO_KINDS,
  backlogFilter,
  kindFilter,
} from './entityFilters';

const entity = (
  kind: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', ...(annotations ? { annotations } : {}) },
});

// Every kind of the catalog's model, in the spellings the catalog returns, plus a custom one.
const KINDS = [
  'Component',
  'API',
  'System',
  'Domain',
  'Resource',
  'Group',
  'User',
  'Location',
  'Template',
  'Workflow',
];

describe('the new-frontend-system entity filters', () => {
  // The predicate objects must agree with the legacy functions the legacy app uses, kind by kind.
  it.each(KINDS)(
    'ownership filter agrees with isOwnershipAvailable for %s',
    kind => {
      const filter = filterPredicateToFilterFunction(
        kindFilter(OWNERSHIP_KINDS),
      );
      expect(filter(entity(kind))).toBe(isOwnershipAvailable(entity(kind)));
    },
  );

  it.each(KINDS)('SLO filter agrees with isSlosAvailable for %s', kind => {
    const filter = filterPredicateToFilterFunction(kindFilter(SLO_KINDS));
    expect(filter(entity(kind))).toBe(isSlosAvailable(entity(kind)));
  });

  // Both read the common package's SLO_KINDS: the list itself, by hand.
  it('SLO filter accepts exactly Component, API and System', () => {
    const filter = filterPredicateToFilterFunction(kindFilter(SLO_KINDS));
    expect(KINDS.filter(kind => filter(entity(kind)))).toEqual([
      'Component',
      'API',
      'System',
    ]);
  });

  it.each(KINDS)(
    'backlog filter agrees with isBacklogAvailable for %s',
    kind => {
      const filter = filterPredicateToFilterFunction(
        backlogFilter(BACKLOG_KINDS),
      );
      expect(filter(entity(kind))).toBe(isBacklogAvailable(entity(kind)));
    },
  );

  // A Group or Domain shows the Backlog tab only when it names a tracker; the narrowing
  // annotations (jira/component, jira/label) alone do not, nor does an empty value.
  it.each<[string, Record<string, string>]>([
    ['a Jira project', { 'jira/project-key': 'PAY' }],
    ['a JQL filter', { 'jira/all-issues-jql': 'project = PAY' }],
    ['a GitHub repository', { 'github.com/project-slug': 'acme/payments' }],
    ['only a Jira component', { 'jira/component': 'api' }],
    ['only a Jira label', { 'jira/label': 'checkout' }],
    ['an empty project key', { 'jira/project-key': '' }],
    ['no annotations', {}],
  ])(
    'backlog filter agrees with isBacklogAvailable for a Group with %s',
    (_, annotations) => {
      const filter = filterPredicateToFilterFunction(
        backlogFilter(BACKLOG_KINDS),
      );
      const group = entity('Group', annotations);
      expect(filter(group)).toBe(isBacklogAvailable(group));
    },
  );

  it('the backlog filter accepts a Group that names a Jira project', () => {
    const filter = filterPredicateToFilterFunction(
      backlogFilter(BACKLOG_KINDS),
    );
    expect(filter(entity('Group', { 'jira/project-key': 'PAY' }))).toBe(true);
    expect(filter(entity('Group', { 'jira/label': 'x' }))).toBe(false);
  });

  it('matches kinds case-insensitively, like the legacy functions', () => {
    const filter = filterPredicateToFilterFunction(kindFilter(['Component']));
    expect(filter(entity('component'))).toBe(true);
    expect(filter(entity('COMPONENT'))).toBe(true);
    expect(filter(entity('System'))).toBe(false);
  });
});
