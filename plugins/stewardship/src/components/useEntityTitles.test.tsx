import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  EntityPresentationApi,
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { PropsWithChildren } from 'react';
import { fullEntityRef, useEntityTitles } from './useEntityTitles';

/** A presentation API that knows two titles and fails for one ref, as a catalog would. */
const presentation: EntityPresentationApi = {
  forEntity: (ref: any, context) => {
    const titles: Record<string, string> = {
      'group:default/team-a': 'Payments Team',
    };
    const short = defaultEntityPresentation(ref, context).primaryTitle;
    return {
      snapshot: { entityRef: ref, primaryTitle: short },
      promise:
        ref === 'group:default/broken'
          ? Promise.reject(new Error('catalog down'))
          : Promise.resolve({
              entityRef: ref,
              primaryTitle: titles[ref] ?? short,
            }),
    };
  },
};

const refs = [
  'group:default/team-a',
  'group:default/team-b',
  'group:default/broken',
  'user:default/jane',
];

describe('useEntityTitles', () => {
  it('labels refs with their catalog title and the short ref, or the short ref alone', async () => {
    const wrapper = ({ children }: PropsWithChildren<{}>) => (
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useEntityTitles(refs, 'group'), {
      wrapper,
    });
    // At once: the short refs, as the catalog writes them.
    expect(result.current('group:default/team-a')).toBe('team-a');
    await waitFor(() =>
      expect(result.current('group:default/team-a')).toBe(
        'Payments Team (team-a)',
      ),
    );
    // No title of its own, or no answer: the short ref alone.
    expect(result.current('group:default/team-b')).toBe('team-b');
    expect(result.current('group:default/broken')).toBe('broken');
    expect(result.current('user:default/jane')).toBe('user:jane');
  });

  it('uses the short refs when the app has no presentation API', () => {
    const { result } = renderHook(() => useEntityTitles(refs, 'group'), {
      wrapper: ({ children }: PropsWithChildren<{}>) => (
        <TestApiProvider apis={[]}>{children}</TestApiProvider>
      ),
    });
    expect(result.current('group:default/team-a')).toBe('team-a');
    expect(result.current('user:default/jane')).toBe('user:jane');
  });

  it('presents short refs and refs in any case as their full ref', async () => {
    const wrapper = ({ children }: PropsWithChildren<{}>) => (
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(
      () => useEntityTitles(['team-a', 'Group:Default/Team-A'], 'group'),
      { wrapper },
    );
    // A link's `owner=commerce` is the group commerce, not `unknown:commerce`.
    expect(result.current('commerce')).toBe('commerce');
    await waitFor(() =>
      expect(result.current('team-a')).toBe('Payments Team (team-a)'),
    );
    expect(result.current('Group:Default/Team-A')).toBe(
      'Payments Team (team-a)',
    );
  });
});

describe('fullEntityRef', () => {
  it('completes short refs with the default kind and namespace, in lower case', () => {
    expect(fullEntityRef('commerce', 'group')).toBe('group:default/commerce');
    expect(fullEntityRef('Payments', 'domain')).toBe('domain:default/payments');
    expect(fullEntityRef('System:Default/Billing', 'group')).toBe(
      'system:default/billing',
    );
    expect(fullEntityRef('user:ops/jane', 'group')).toBe('user:ops/jane');
  });

  it('returns a value that is no ref as it is', () => {
    expect(fullEntityRef('a:b:c/d/e', 'group')).toBe('a:b:c/d/e');
  });
});
