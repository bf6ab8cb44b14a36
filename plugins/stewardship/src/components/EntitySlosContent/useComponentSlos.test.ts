import { ResponseError } from '@backstage/errors';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, ReactNode } from 'react';
import { EntitySlos, StewardshipApi, stewardshipApiRef } from '../../api';
import { backendError } from '../../__testUtils__/backendError';
import { mockStewardshipApi } from '../../__testUtils__/renderWithApi';
import { allSloItems, entitySlos } from '../../__testUtils__/sloFixtures';
import {
  chunked,
  COMPONENT_SLOS_ONE_BY_ONE_CONCURRENCY,
  mapBounded,
  useComponentSlos,
} from './useComponentSlos';

function wrapperFor(api: StewardshipApi) {
  return ({ children }: { children: ReactNode }) =>
    createElement(TestApiProvider, {
      apis: [[stewardshipApiRef, api]],
      children,
    });
}

/** `component:default/c<i>` for i in [0, n). */
const components = (n: number) =>
  Array.from({ length: n }, (_, i) => `component:default/c${i}`);

/** What the backend answers for a ref here: a list naming the ref, with SLOs for every third. */
const listOf = (ref: string): EntitySlos =>
  entitySlos(
    Number(ref.replace(/\D/g, '')) % 3 === 0 ? allSloItems.slice(0, 1) : [],
    ref,
  );

/**
 * A backend whose batch reads wait until the test answers them: each call is recorded with its
 * refs, moment and signal, and answered by `answer` (or failed by `fail`).
 */
function heldBatches() {
  const calls: Array<{
    refs: string[];
    at?: string;
    signal?: AbortSignal;
    answer: (items?: Array<EntitySlos | null>) => void;
    fail: (error: Error) => void;
  }> = [];
  let inFlight = 0;
  let peak = 0;
  const api = mockStewardshipApi({
    getSlosByEntities: (refs, options) =>
      new Promise((resolve, reject) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        const done = () => {
          inFlight -= 1;
        };
        calls.push({
          refs: refs.map(String),
          at: options?.at?.toISOString(),
          signal: options?.signal,
          answer: items => {
            done();
            resolve({
              at: options?.at?.toISOString() ?? '2024-09-30T22:00:00.000Z',
              items: items ?? refs.map(ref => listOf(String(ref))),
            });
          },
          fail: error => {
            done();
            reject(error);
          },
        });
      }),
  });
  return { api, calls, peak: () => peak };
}

const FIRST_MOMENT = new Date('2024-09-30T22:00:00Z');

/** The hook over `refs` as of FIRST_MOMENT, its first read answered and shown. */
async function renderAnswered(refs: string[]) {
  const backend = heldBatches();
  const hook = renderHook(
    ({ at }: { at?: Date }) => useComponentSlos(refs, at),
    { wrapper: wrapperFor(backend.api), initialProps: { at: FIRST_MOMENT } },
  );
  await waitFor(() => expect(backend.calls).toHaveLength(1));
  act(() => backend.calls[0].answer());
  await waitFor(() => expect(hook.result.current.loading).toBe(false));
  return { ...hook, backend };
}

/**
 * Shows another moment (its read answered), then FIRST_MOMENT again: the same list and moment,
 * read anew. Resolves once that read has started; it is the last call, left for the test to answer.
 */
async function awayAndBack({
  result,
  rerender,
  backend,
}: Awaited<ReturnType<typeof renderAnswered>>) {
  const away = backend.calls.length;
  rerender({ at: new Date('2024-06-30T22:00:00Z') });
  await waitFor(() => expect(backend.calls).toHaveLength(away + 1));
  act(() => backend.calls[away].answer());
  await waitFor(() => expect(result.current.loading).toBe(false));
  rerender({ at: new Date(FIRST_MOMENT.getTime()) });
  await waitFor(() => expect(backend.calls).toHaveLength(away + 2));
  return backend.calls[away + 1];
}

describe('chunked', () => {
  it('cuts a list into consecutive chunks of at most the size, in order', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunked([], 100)).toEqual([]);
  });
});

describe('useComponentSlos', () => {
  it('reads 250 components in requests of 100, two at a time, each keeping its own answer', async () => {
    const refs = components(250);
    const backend = heldBatches();
    const at = new Date('2024-09-30T21:59:00Z');
    const { result } = renderHook(() => useComponentSlos(refs, at), {
      wrapper: wrapperFor(backend.api),
    });

    await waitFor(() => expect(backend.calls).toHaveLength(2));
    expect(backend.calls.map(c => c.refs)).toEqual([
      refs.slice(0, 100),
      refs.slice(100, 200),
    ]);
    // The third waits for one of the first two.
    await new Promise(r => setTimeout(r, 20));
    expect(backend.calls).toHaveLength(2);
    // c5 is not in the catalog (or hidden): null in its place.
    act(() =>
      backend.calls[0].answer(
        backend.calls[0].refs.map(ref =>
          ref === 'component:default/c5' ? null : listOf(ref),
        ),
      ),
    );
    await waitFor(() => expect(backend.calls).toHaveLength(3));
    expect(backend.calls[2].refs).toEqual(refs.slice(200));
    act(() => backend.calls[2].answer());
    act(() => backend.calls[1].answer());
    await waitFor(() => expect(result.current.loading).toBe(false));

    expect(backend.peak()).toBe(2);
    expect(backend.calls.map(c => c.at)).toEqual([
      '2024-09-30T21:59:00.000Z',
      '2024-09-30T21:59:00.000Z',
      '2024-09-30T21:59:00.000Z',
    ]);
    const value = result.current.value!;
    expect(value.map(c => c.entityRef)).toEqual(refs);
    expect(value.map(c => c.value?.entityRef)).toEqual(
      refs.map(ref => (ref === 'component:default/c5' ? undefined : ref)),
    );
    // An answer, not a failure: nothing to try again.
    expect(value[5]).toEqual({
      entityRef: 'component:default/c5',
      notReadable: true,
    });
    expect(value.filter(c => c.error || c.notReadable)).toHaveLength(1);
    expect(value[3].value!.items).toHaveLength(1);
    expect(value[4].value!.items).toHaveLength(0);
  });

  it('gives every component of a failed request its error; the others still show', async () => {
    const refs = components(150);
    const backend = heldBatches();
    const { result } = renderHook(() => useComponentSlos(refs), {
      wrapper: wrapperFor(backend.api),
    });
    await waitFor(() => expect(backend.calls).toHaveLength(2));
    expect(backend.calls[0].at).toBeUndefined();
    const failure = new Error('backend unavailable');
    act(() => backend.calls[0].fail(failure));
    act(() => backend.calls[1].answer());
    await waitFor(() => expect(result.current.loading).toBe(false));

    const value = result.current.value!;
    expect(result.current.error).toBeUndefined();
    expect(value.slice(0, 100).every(c => c.error === failure)).toBe(true);
    expect(value.slice(0, 100).some(c => c.value)).toBe(false);
    expect(value.slice(100).map(c => c.value?.entityRef)).toEqual(
      refs.slice(100),
    );
  });

  it('reads again only the components reload names, in one request, whatever their case', async () => {
    const refs = components(4);
    const backend = heldBatches();
    const { result } = renderHook(() => useComponentSlos(refs), {
      wrapper: wrapperFor(backend.api),
    });
    await waitFor(() => expect(backend.calls).toHaveLength(1));
    act(() => backend.calls[0].answer([null, ...refs.slice(1).map(listOf)]));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value![0].notReadable).toBe(true);

    act(() => {
      void result.current.reload([
        'Component:Default/C0',
        'component:default/c2',
        'component:default/elsewhere',
      ]);
    });
    await waitFor(() => expect(backend.calls).toHaveLength(2));
    expect(backend.calls[1].refs).toEqual([
      'component:default/c0',
      'component:default/c2',
    ]);
    const fresh = entitySlos(allSloItems.slice(0, 2), 'component:default/c2');
    act(() => backend.calls[1].answer([listOf('component:default/c0'), fresh]));
    await waitFor(() =>
      expect(result.current.value![0].value?.entityRef).toBe(
        'component:default/c0',
      ),
    );
    expect(result.current.value!.map(c => c.value?.items.length)).toEqual([
      1, 0, 2, 1,
    ]);
    expect(backend.calls).toHaveLength(2);
  });

  it('lets the latest reload of a component win, whatever order the answers come in', async () => {
    const refs = components(2);
    const { result, backend } = await renderAnswered(refs);

    act(() => {
      void result.current.reload(refs);
    });
    act(() => {
      void result.current.reload(['component:default/c1']);
    });
    await waitFor(() => expect(backend.calls).toHaveLength(3));
    expect(backend.calls.slice(1).map(c => c.refs)).toEqual([
      refs,
      ['component:default/c1'],
    ]);
    // The later reload answers first; the earlier one's c1 comes too late, its c0 does not.
    act(() =>
      backend.calls[2].answer([
        entitySlos(allSloItems.slice(0, 2), 'component:default/c1'),
      ]),
    );
    await waitFor(() =>
      expect(result.current.value![1].value?.items).toHaveLength(2),
    );
    act(() =>
      backend.calls[1].answer([
        entitySlos(allSloItems.slice(0, 4), 'component:default/c0'),
        entitySlos(allSloItems.slice(0, 3), 'component:default/c1'),
      ]),
    );
    await waitFor(() =>
      expect(result.current.value![0].value?.items).toHaveLength(4),
    );
    await act(() => new Promise(r => setTimeout(r, 20)));
    expect(result.current.value!.map(c => c.value?.items.length)).toEqual([
      4, 2,
    ]);
  });

  it('drops, and stops, a reload started for another moment than the one shown', async () => {
    const { result, rerender, backend } = await renderAnswered(components(2));
    act(() => {
      void result.current.reload(['component:default/c0']);
    });
    await waitFor(() => expect(backend.calls).toHaveLength(2));

    rerender({ at: new Date('2024-06-30T22:00:00Z') });
    await waitFor(() => expect(backend.calls).toHaveLength(3));
    expect(backend.calls[1].signal?.aborted).toBe(true);
    act(() => backend.calls[2].answer());
    await waitFor(() => expect(result.current.loading).toBe(false));
    // This moment's own reload of c0.
    act(() => {
      void result.current.reload(['component:default/c0']);
    });
    await waitFor(() => expect(backend.calls).toHaveLength(4));
    expect(backend.calls[3].at).toBe('2024-06-30T22:00:00.000Z');
    act(() =>
      backend.calls[3].answer([
        entitySlos(allSloItems.slice(0, 2), 'component:default/c0'),
      ]),
    );
    await waitFor(() =>
      expect(result.current.value![0].value?.items).toHaveLength(2),
    );
    // The earlier moment's reload answers anyway (a StewardshipApi may ignore its signal).
    await act(async () => {
      backend.calls[1].answer([entitySlos([], 'component:default/c0')]);
      await new Promise(r => setTimeout(r, 20));
    });
    expect(result.current.value!.map(c => c.value?.items.length)).toEqual([
      2, 0,
    ]);
  });

  it('lets a newer read of the whole list win over an older reload, whatever order they answer in', async () => {
    const refs = components(2);
    const hook = await renderAnswered(refs);
    const { result, backend } = hook;
    // A reload of c0 starts and waits (calls[1]).
    act(() => {
      void result.current.reload(['component:default/c0']);
    });
    await waitFor(() => expect(backend.calls).toHaveLength(2));

    // Another moment, then back: the whole list read anew after the reload.
    const reread = await awayAndBack(hook);
    expect(reread.refs).toEqual(refs);
    act(() =>
      reread.answer([
        entitySlos(allSloItems.slice(0, 3), 'component:default/c0'),
        entitySlos([], 'component:default/c1'),
      ]),
    );
    await waitFor(() =>
      expect(result.current.value![0].value?.items).toHaveLength(3),
    );
    // The older reload answers last (a StewardshipApi may ignore its signal): too late.
    await act(async () => {
      backend.calls[1].answer([entitySlos([], 'component:default/c0')]);
      await new Promise(r => setTimeout(r, 20));
    });
    expect(result.current.value!.map(c => c.value?.items.length)).toEqual([
      3, 0,
    ]);
  });

  it('shows a newer read of the whole list rather than what a reload before it read', async () => {
    const hook = await renderAnswered(components(2));
    const { result, backend } = hook;
    let reloaded = false;
    act(() => {
      void result.current
        .reload(['component:default/c0'])
        .then(() => (reloaded = true));
    });
    await waitFor(() => expect(backend.calls).toHaveLength(2));
    act(() =>
      backend.calls[1].answer([
        entitySlos(allSloItems.slice(0, 2), 'component:default/c0'),
      ]),
    );
    await waitFor(() =>
      expect(result.current.value![0].value?.items).toHaveLength(2),
    );
    // The promise reload gave says when its read is done.
    expect(reloaded).toBe(true);

    const reread = await awayAndBack(hook);
    act(() =>
      reread.answer([
        entitySlos(allSloItems.slice(0, 4), 'component:default/c0'),
        entitySlos([], 'component:default/c1'),
      ]),
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value!.map(c => c.value?.items.length)).toEqual([
      4, 0,
    ]);
  });

  it(`reads a backend without POST /slos/by-entities one component at a time, ${COMPONENT_SLOS_ONE_BY_ONE_CONCURRENCY} at a time`, async () => {
    const refs = components(150);
    const at = new Date('2024-09-30T21:59:00Z');
    const batches: string[][] = [];
    const singles: Array<{ ref: string; at?: string }> = [];
    let inFlight = 0;
    let peak = 0;
    const internal = new Error('connection reset');
    const api = mockStewardshipApi({
      // What an older backend answers for a route it does not have: a 404 without its error body.
      getSlosByEntities: async refsAsked => {
        batches.push(refsAsked.map(String));
        throw await ResponseError.fromResponse(
          new Response('', { status: 404, statusText: 'Not Found' }),
        );
      },
      getEntitySlos: async (ref, options) => {
        singles.push({ ref: String(ref), at: options?.at?.toISOString() });
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise(r => setTimeout(r, 0));
        inFlight -= 1;
        if (ref === 'component:default/c5') {
          // The backend's own 404: not in the catalog, or hidden.
          throw await backendError(
            404,
            'No entity component:default/c5 in the catalog',
          );
        }
        if (ref === 'component:default/c7') throw internal;
        return listOf(String(ref));
      },
    });
    const { result } = renderHook(() => useComponentSlos(refs, at), {
      wrapper: wrapperFor(api),
    });
    await waitFor(() => expect(result.current.loading).toBe(false), {
      timeout: 5000,
    });

    expect(batches).toEqual([refs.slice(0, 100), refs.slice(100)]);
    expect(singles.map(c => c.ref).sort()).toEqual([...refs].sort());
    expect(singles.every(c => c.at === '2024-09-30T21:59:00.000Z')).toBe(true);
    // Four at a time for the whole system, not four per batch.
    expect(peak).toBe(COMPONENT_SLOS_ONE_BY_ONE_CONCURRENCY);
    const value = result.current.value!;
    expect(value.map(c => c.entityRef)).toEqual(refs);
    expect(value[5]).toEqual({
      entityRef: 'component:default/c5',
      notReadable: true,
    });
    expect(value[7]).toEqual({
      entityRef: 'component:default/c7',
      error: internal,
    });
    expect(value.map(c => c.value?.entityRef)).toEqual(
      refs.map(ref =>
        ['component:default/c5', 'component:default/c7'].includes(ref)
          ? undefined
          : ref,
      ),
    );
  });

  it('stops the requests in flight when the moment changes and when the page goes', async () => {
    const refs = components(250);
    const backend = heldBatches();
    const { rerender, unmount } = renderHook(
      ({ at }: { at?: Date }) => useComponentSlos(refs, at),
      {
        wrapper: wrapperFor(backend.api),
        initialProps: { at: new Date('2024-09-30T22:00:00Z') },
      },
    );
    await waitFor(() => expect(backend.calls).toHaveLength(2));
    rerender({ at: new Date('2024-06-30T22:00:00Z') });
    await waitFor(() => expect(backend.calls).toHaveLength(4));
    expect(backend.calls.map(c => [c.at, c.signal?.aborted])).toEqual([
      ['2024-09-30T22:00:00.000Z', true],
      ['2024-09-30T22:00:00.000Z', true],
      ['2024-06-30T22:00:00.000Z', false],
      ['2024-06-30T22:00:00.000Z', false],
    ]);
    // The first moment's answers come too late: its third request is never sent.
    act(() => backend.calls[0].answer());
    await new Promise(r => setTimeout(r, 20));
    expect(backend.calls).toHaveLength(4);

    unmount();
    expect(backend.calls[2].signal?.aborted).toBe(true);
    expect(backend.calls[3].signal?.aborted).toBe(true);
  });
});

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const task = (n: number) =>
      new Promise<number>(resolve => {
        running += 1;
        peak = Math.max(peak, running);
        release.push(() => {
          running -= 1;
          resolve(n * 10);
        });
      });

    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const promise = mapBounded(items, 4, task);
    // Release tasks one at a time, newest first, so completion order differs from input order.
    while (release.length > 0 || running > 0) {
      await new Promise(r => setTimeout(r, 0));
      release.pop()?.();
    }

    await expect(promise).resolves.toEqual(items.map(n => n * 10));
    expect(peak).toBe(4);
  });

  it('starts no further task once its signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const release: Array<() => void> = [];
    const task = (n: number) =>
      new Promise<number>(resolve => {
        started.push(n);
        release.push(() => resolve(n));
      });
    const promise = mapBounded([1, 2, 3, 4, 5, 6], 2, task, controller.signal);
    await new Promise(r => setTimeout(r, 0));
    expect(started).toEqual([1, 2]);
    // The page goes: the two running finish, nothing else is asked.
    controller.abort();
    release.splice(0).forEach(done => done());
    await promise;
    expect(started).toEqual([1, 2]);
  });

  it('resolves to nothing for no items', async () => {
    await expect(mapBounded([], 4, async () => 1)).resolves.toEqual([]);
  });
});
