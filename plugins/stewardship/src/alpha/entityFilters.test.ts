import { Entity } from '@backstage/catalog-model';
import { filterPredicateToFilterFunction } from '@backstage/filter-predicates';
import { isOwnershipAvailable } from '../isOwnershipAvailable';
import { isSlosAvailable } from '../isSlosAvailable';
import { OWNERSHIP_KINDS, SLO_KINDS, kindFilter } from './entityFilters';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
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

  it('matches kinds case-insensitively, like the legacy functions', () => {
    const filter = filterPredicateToFilterFunction(kindFilter(['Component']));
    expect(filter(entity('component'))).toBe(true);
    expect(filter(entity('COMPONENT'))).toBe(true);
    expect(filter(entity('System'))).toBe(false);
  });
});
