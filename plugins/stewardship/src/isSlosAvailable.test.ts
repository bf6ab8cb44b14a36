import { Entity } from '@backstage/catalog-model';
import { isSlosAvailable } from './isSlosAvailable';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('isSlosAvailable', () => {
  it.each(['Component', 'API', 'System', 'component', 'api'])(
    'is true for %s',
    kind => {
      expect(isSlosAvailable(entity(kind))).toBe(true);
    },
  );

  it.each(['Domain', 'Resource', 'User', 'Group', 'Location', 'Template'])(
    'is false for %s',
    kind => {
      expect(isSlosAvailable(entity(kind))).toBe(false);
    },
  );
});
