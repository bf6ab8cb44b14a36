import { Entity } from '@backstage/catalog-model';
import { isBacklogAvailable } from './isBacklogAvailable';

const entity = (
  kind: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', ...(annotations && { annotations }) },
});

describe('isBacklogAvailable', () => {
  it.each(['Component', 'API', 'System', 'component'])(
    'is true for %s, even without a tracker annotation',
    kind => {
      expect(isBacklogAvailable(entity(kind))).toBe(true);
    },
  );

  it.each(['Domain', 'Resource', 'Group', 'User'])(
    'is false for %s without a tracker annotation',
    kind => {
      expect(isBacklogAvailable(entity(kind))).toBe(false);
    },
  );

  it.each([
    ['jira/project-key', 'PAY'],
    ['jira/all-issues-jql', 'project = PAY'],
    ['github.com/project-slug', 'acme/payments'],
  ])('is true for a Resource with %s', (annotation, value) => {
    expect(
      isBacklogAvailable(entity('Resource', { [annotation]: value })),
    ).toBe(true);
  });

  it('is false for annotations that only narrow a project, or are blank', () => {
    expect(
      isBacklogAvailable(
        entity('Resource', { 'jira/component': 'api', 'jira/label': 'x' }),
      ),
    ).toBe(false);
    expect(
      isBacklogAvailable(entity('Resource', { 'jira/project-key': '  ' })),
    ).toBe(false);
  });
});
