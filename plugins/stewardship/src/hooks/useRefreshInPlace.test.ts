import { act, renderHook } from '@testing-library/react';
import { RetryableState, useRefreshInPlace } from './useRefreshInPlace';

/** Renders the hook over a read whose state the test sets, as react-use would give it. */
function setup(initial: Omit<RetryableState<object>, 'retry'>, view = 'a@now') {
  const retry = jest.fn();
  const hook = renderHook(
    ({ state, shown }) => useRefreshInPlace({ ...state, retry }, shown),
    { initialProps: { state: initial, shown: view } },
  );
  return { hook, retry };
}

describe('useRefreshInPlace', () => {
  const first = { figures: 1 };
  const second = { figures: 2 };

  it('reads again with the value kept and no loading, until the answer replaces it', () => {
    const { hook, retry } = setup({ value: first, loading: false });
    act(() => hook.result.current.refresh());
    expect(retry).toHaveBeenCalledTimes(1);
    // react-use keeps the last value while the read runs.
    hook.rerender({ state: { value: first, loading: true }, shown: 'a@now' });
    expect(hook.result.current).toMatchObject({ value: first, loading: false });
    hook.rerender({ state: { value: second, loading: false }, shown: 'a@now' });
    expect(hook.result.current).toMatchObject({
      value: second,
      loading: false,
    });
    // A read no one made quiet (Try again, a change) shows its progress again.
    hook.rerender({ state: { value: second, loading: true }, shown: 'a@now' });
    expect(hook.result.current.loading).toBe(true);
  });

  it('shows the loading of another view, never the last view’s figures as if current', () => {
    const { hook } = setup({ value: first, loading: false });
    act(() => hook.result.current.refresh());
    hook.rerender({ state: { value: first, loading: true }, shown: 'a@past' });
    expect(hook.result.current.loading).toBe(true);
  });

  it('keeps the figures when a quiet read fails, says why, and tries again at the next refresh', () => {
    const { hook, retry } = setup({ value: first, loading: false });
    act(() => hook.result.current.refresh());
    const error = new Error('502');
    // react-use drops the value with the error.
    hook.rerender({ state: { error, loading: false }, shown: 'a@now' });
    expect(hook.result.current).toMatchObject({
      value: first,
      loading: false,
      error: undefined,
      refreshError: error,
    });
    // The next signal reads again; while it runs the figures and the failure stay.
    act(() => hook.result.current.refresh());
    expect(retry).toHaveBeenCalledTimes(2);
    hook.rerender({ state: { error, loading: true }, shown: 'a@now' });
    expect(hook.result.current).toMatchObject({
      value: first,
      loading: false,
      error: undefined,
      refreshError: error,
    });
    // Its answer replaces both.
    hook.rerender({ state: { value: second, loading: false }, shown: 'a@now' });
    expect(hook.result.current).toMatchObject({
      value: second,
      loading: false,
      error: undefined,
      refreshError: undefined,
    });
  });

  it('shows the progress and the failure of a read someone asked for', () => {
    const { hook, retry } = setup({ value: first, loading: false });
    act(() => hook.result.current.refresh());
    const error = new Error('502');
    hook.rerender({ state: { error, loading: false }, shown: 'a@now' });
    act(() => hook.result.current.retry());
    expect(retry).toHaveBeenCalledTimes(2);
    hook.rerender({ state: { error, loading: true }, shown: 'a@now' });
    expect(hook.result.current).toMatchObject({
      value: undefined,
      loading: true,
    });
    hook.rerender({ state: { error, loading: false }, shown: 'a@now' });
    expect(hook.result.current).toMatchObject({
      value: undefined,
      error,
      refreshError: undefined,
    });
    // After an asked read's failure, a signal reads nothing: the error panel has Try again.
    act(() => hook.result.current.refresh());
    expect(retry).toHaveBeenCalledTimes(2);
  });

  it('never keeps one view’s figures for another after a quiet read failed', () => {
    const { hook } = setup({ value: first, loading: false });
    act(() => hook.result.current.refresh());
    const error = new Error('502');
    hook.rerender({ state: { error, loading: false }, shown: 'a@now' });
    hook.rerender({ state: { error, loading: true }, shown: 'b@now' });
    expect(hook.result.current).toMatchObject({
      value: undefined,
      loading: true,
      refreshError: undefined,
    });
  });

  it('does nothing before a first answer, after an error or while a read runs', () => {
    for (const state of [
      { loading: true },
      { loading: false, error: new Error('503') },
      { value: first, loading: true },
    ]) {
      const { hook, retry } = setup(state);
      act(() => hook.result.current.refresh());
      expect(retry).not.toHaveBeenCalled();
      expect(hook.result.current.loading).toBe(state.loading);
    }
  });
});
