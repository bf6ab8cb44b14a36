import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { StewardshipApi, stewardshipApiRef } from '../api';
import { mockStewardshipApi, testEntity } from '../__testUtils__/renderWithApi';
import { allSloItems, entitySlos } from '../__testUtils__/sloFixtures';
import { useEntitySlos } from './useEntitySlos';

function wrapperFor(api: StewardshipApi) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[stewardshipApiRef, api]]}>
      <EntityProvider entity={testEntity}>{children}</EntityProvider>
    </TestApiProvider>
  );
}

describe('useEntitySlos', () => {
  it('loads the SLOs of the entity in context, now by default', async () => {
    const calls: Array<[string, Date | undefined]> = [];
    const body = entitySlos(allSloItems);
    const api = mockStewardshipApi({
      getEntitySlos: async (ref, options) => {
        calls.push([String(ref), options?.at]);
        return body;
      },
    });

    const { result } = renderHook(() => useEntitySlos(), {
      wrapper: wrapperFor(api),
    });

    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value).toBe(body);
    expect(result.current.error).toBeUndefined();
    expect(calls).toEqual([['component:default/payments-api', undefined]]);
  });

  it('asks again only when the instant changes, not for a new Date of the same instant', async () => {
    const calls: Array<string | undefined> = [];
    const api = mockStewardshipApi({
      getEntitySlos: async (_ref, options) => {
        calls.push(options?.at?.toISOString());
        return entitySlos([]);
      },
    });

    const { result, rerender } = renderHook(
      ({ at }: { at?: Date }) => useEntitySlos(at),
      {
        wrapper: wrapperFor(api),
        initialProps: { at: new Date('2024-09-30T22:00:00Z') },
      },
    );
    await waitFor(() => expect(result.current.loading).toBe(false));

    rerender({ at: new Date('2024-09-30T22:00:00Z') });
    rerender({ at: new Date('2024-06-30T22:00:00Z') });
    await waitFor(() => expect(calls).toHaveLength(2));
    await waitFor(() => expect(result.current.loading).toBe(false));

    expect(calls).toEqual([
      '2024-09-30T22:00:00.000Z',
      '2024-06-30T22:00:00.000Z',
    ]);
  });

  it('returns the error and retries on demand', async () => {
    let attempt = 0;
    const api = mockStewardshipApi({
      getEntitySlos: async () => {
        attempt += 1;
        if (attempt === 1) {
          throw new Error('backend unavailable');
        }
        return entitySlos(allSloItems);
      },
    });

    const { result } = renderHook(() => useEntitySlos(), {
      wrapper: wrapperFor(api),
    });

    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend unavailable'),
    );
    act(() => result.current.retry());
    await waitFor(() =>
      expect(result.current.value?.items).toHaveLength(allSloItems.length),
    );
    expect(result.current.error).toBeUndefined();
  });
});
