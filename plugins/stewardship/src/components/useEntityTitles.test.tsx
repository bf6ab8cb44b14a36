import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  EntityPresentationApi,
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { PropsWithChildren } from 'react';
import { useEntityTitles } from './useEntityTitles';

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
});
