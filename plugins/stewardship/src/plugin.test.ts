import { Entity } from '@backstage/catalog-model';
import { isOwnershipAvailable } from './isOwnershipAvailable';
import { stewardshipPlugin } from './plugin';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('stewardshipPlugin', () => {
  it('has the stewardship id and its route refs', () => {
    expect(stewardshipPlugin.getId()).toBe('stewardship');
    expect(Object.keys(stewardshipPlugin.routes)).toEqual([
      'root',
      'entityOwnership',
      'entitySlos',
      'entityBacklog',
    ]);
  });

  it('registers the stewardship API client', () => {
    const ids = [...stewardshipPlugin.getApis()].map(f => f.api.id);
    expect(ids).toEqual(['plugin.stewardship.api']);
  });
});

describe('isOwnershipAvailable', () => {
  it.each(['Component', 'API', 'System', 'Domain', 'Resource'])(
    'is true for %s',
    kind => {
      expect(isOwnershipAvailable(entity(kind))).toBe(true);
    },
  );

  it.each(['User', 'Group', 'Location', 'Template'])(
    'is false for %s',
    kind => {
      expect(isOwnershipAvailable(entity(kind))).toBe(false);
    },
  );
});
