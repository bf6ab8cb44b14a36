import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, ReactNode } from 'react';
import {
  isSloCreateDeniedForAll,
  shownSloCreateDecisions,
  SloCreateDecision,
  useSloCreateDecisions,
} from './useSloCreateDenied';

/** A permission API whose answers wait until the test gives them, per entity. */
function heldPermissions() {
  const asked: string[] = [];
  const pending = new Map<
    string,
    {
      answer: (result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) => void;
      fail: (e: Error) => void;
    }
  >();
  const api = {
    authorize: request => {
      const ref = String((request as { resourceRef?: string }).resourceRef);
      asked.push(ref);
      return new Promise((resolve, reject) => {
        pending.set(ref, {
          answer: result => resolve({ result }),
          fail: reject,
        });
      });
    },
  } as PermissionApi;
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(TestApiProvider, {
      apis: [[permissionApiRef, api]],
      children,
    });
  return { asked, pending, wrapper };
}

describe('useSloCreateDecisions', () => {
  it('says all denied only for answers to the list shown, asking each entity once', async () => {
    const permissions = heldPermissions();
    const { result, rerender } = renderHook(
      ({ refs }: { refs: string[] }) =>
        isSloCreateDeniedForAll(useSloCreateDecisions(refs), refs),
      {
        wrapper: permissions.wrapper,
        initialProps: { refs: ['system:default/s', 'component:default/a'] },
      },
    );
    await waitFor(() => expect(permissions.asked).toHaveLength(2));
    expect(result.current).toBe(false);
    act(() =>
      permissions.pending.get('system:default/s')!.answer(AuthorizeResult.DENY),
    );
    // One answer of two: not yet.
    await act(() => new Promise(r => setTimeout(r, 10)));
    expect(result.current).toBe(false);
    act(() =>
      permissions.pending
        .get('component:default/a')!
        .answer(AuthorizeResult.DENY),
    );
    await waitFor(() => expect(result.current).toBe(true));

    // A new list: no answer for b yet, so not "all denied" (the last list's answer) meanwhile.
    rerender({
      refs: ['system:default/s', 'component:default/a', 'component:default/b'],
    });
    expect(result.current).toBe(false);
    await waitFor(() => expect(permissions.asked).toHaveLength(3));
    expect(permissions.asked[2]).toBe('component:default/b');
    await act(() => new Promise(r => setTimeout(r, 10)));
    expect(result.current).toBe(false);
    act(() =>
      permissions.pending
        .get('component:default/b')!
        .answer(AuthorizeResult.DENY),
    );
    await waitFor(() => expect(result.current).toBe(true));

    // Back to a list already answered: known at once, nothing asked again.
    rerender({ refs: ['system:default/s', 'component:default/a'] });
    expect(result.current).toBe(true);
    expect(permissions.asked).toEqual([
      'system:default/s',
      'component:default/a',
      'component:default/b',
    ]);
  });

  it('keeps each answer, and a failed check is no denial', async () => {
    const permissions = heldPermissions();
    const refs = [
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ];
    const { result } = renderHook(() => useSloCreateDecisions(refs), {
      wrapper: permissions.wrapper,
    });
    await waitFor(() => expect(permissions.asked).toHaveLength(3));
    expect([...result.current]).toEqual([]);
    act(() => {
      permissions.pending
        .get('component:default/a')!
        .answer(AuthorizeResult.ALLOW);
      permissions.pending
        .get('component:default/b')!
        .answer(AuthorizeResult.DENY);
      permissions.pending
        .get('component:default/c')!
        .fail(new Error('offline'));
    });
    await waitFor(() => expect(result.current.size).toBe(3));
    expect(Object.fromEntries(result.current)).toEqual({
      'component:default/a': 'allowed',
      'component:default/b': 'denied',
      'component:default/c': 'failed',
    });
    expect(
      isSloCreateDeniedForAll(result.current, [
        'component:default/b',
        'component:default/c',
      ]),
    ).toBe(false);
    expect(
      isSloCreateDeniedForAll(result.current, ['component:default/b']),
    ).toBe(true);
    expect(isSloCreateDeniedForAll(result.current, [])).toBe(false);
    expect(isSloCreateDeniedForAll(result.current, undefined)).toBe(false);
  });

  it('asks a failed check again on Try again (recheck), and only that one', async () => {
    const permissions = heldPermissions();
    const refs = ['component:default/a', 'component:default/b'];
    const { result, rerender } = renderHook(
      ({ recheck }: { recheck: number }) =>
        useSloCreateDecisions(refs, recheck),
      { wrapper: permissions.wrapper, initialProps: { recheck: 0 } },
    );
    await waitFor(() => expect(permissions.asked).toHaveLength(2));
    act(() => {
      permissions.pending
        .get('component:default/a')!
        .answer(AuthorizeResult.DENY);
      permissions.pending
        .get('component:default/b')!
        .fail(new Error('offline'));
    });
    await waitFor(() =>
      expect(result.current.get('component:default/b')).toBe('failed'),
    );
    // A render that changes nothing asks nothing.
    rerender({ recheck: 0 });
    expect(permissions.asked).toHaveLength(2);

    rerender({ recheck: 1 });
    await waitFor(() => expect(permissions.asked).toHaveLength(3));
    expect(permissions.asked[2]).toBe('component:default/b');
    act(() => {
      permissions.pending
        .get('component:default/b')!
        .answer(AuthorizeResult.ALLOW);
    });
    await waitFor(() =>
      expect(result.current.get('component:default/b')).toBe('allowed'),
    );
    expect(result.current.get('component:default/a')).toBe('denied');
  });
});

describe('shownSloCreateDecisions', () => {
  const system = 'system:default/s';
  const a = 'component:default/a';
  const b = 'component:default/b';
  const answers = (entries: Record<string, SloCreateDecision>) =>
    new Map(Object.entries(entries));

  it('shows no answer while the one notice may still come', () => {
    // The system denied, the components not yet known or not all answered.
    for (const [listed, given] of [
      [undefined, answers({ [system]: 'denied' })],
      [[system, a, b], answers({ [system]: 'denied', [a]: 'denied' })],
    ] as const) {
      const shown = shownSloCreateDecisions(given, listed ?? [system], listed);
      expect(shown.deniedForAll).toBe(false);
      expect(shown.decisions.size).toBe(0);
    }
  });

  it('shows every answer once any is not a denial, or all are', () => {
    const allowed = answers({ [system]: 'allowed' });
    expect(shownSloCreateDecisions(allowed, [system], undefined)).toEqual({
      decisions: allowed,
      deniedForAll: false,
    });
    const failed = answers({ [system]: 'denied', [b]: 'failed' });
    expect(
      shownSloCreateDecisions(failed, [system, a, b], [system, a, b]),
    ).toEqual({ decisions: failed, deniedForAll: false });
    const denied = answers({ [system]: 'denied', [a]: 'denied' });
    expect(shownSloCreateDecisions(denied, [system, a], [system, a])).toEqual({
      decisions: denied,
      deniedForAll: true,
    });
  });
});
