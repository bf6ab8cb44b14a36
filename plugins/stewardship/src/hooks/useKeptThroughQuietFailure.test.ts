import { renderHook } from '@testing-library/react';
import { useKeptThroughQuietFailure } from './useKeptThroughQuietFailure';

type State = { value?: object; loading: boolean; error?: Error };

/** Renders the hook over a read whose state the test sets, as react-use would give it. */
function setup(initial: State) {
  const retry = jest.fn();
  return renderHook(
    ({ state, view, quiet }) =>
      useKeptThroughQuietFailure({ ...state, retry }, view, quiet),
    { initialProps: { state: initial, view: 'a@now', quiet: false } },
  );
}

describe('useKeptThroughQuietFailure', () => {
  const first = { incidents: 1 };
  const second = { incidents: 2 };
  const error = new Error('502');

  it('keeps the last answer when a read no one asked for fails, until the next answer', () => {
    const hook = setup({ value: first, loading: false });
    // A signal: a later period is read (react-use keeps the value while it runs).
    hook.rerender({
      state: { value: first, loading: true },
      view: 'a@now',
      quiet: true,
    });
    hook.rerender({
      state: { error, loading: false },
      view: 'a@now',
      quiet: true,
    });
    expect(hook.result.current).toMatchObject({
      value: first,
      loading: false,
      error: undefined,
      refreshError: error,
    });
    // The next signal's read runs: still kept.
    hook.rerender({
      state: { error, loading: true },
      view: 'a@now',
      quiet: true,
    });
    expect(hook.result.current).toMatchObject({
      value: first,
      loading: false,
      refreshError: error,
    });
    hook.rerender({
      state: { value: second, loading: false },
      view: 'a@now',
      quiet: true,
    });
    expect(hook.result.current).toMatchObject({
      value: second,
      error: undefined,
      refreshError: undefined,
    });
  });

  it('shows the failure of a read someone asked for', () => {
    const hook = setup({ value: first, loading: false });
    hook.rerender({
      state: { error, loading: false },
      view: 'a@now',
      quiet: false,
    });
    expect(hook.result.current).toMatchObject({
      value: undefined,
      error,
      refreshError: undefined,
    });
  });

  it('never keeps one view’s answer for another', () => {
    const hook = setup({ value: first, loading: false });
    // The first render for view b still holds a's answer (its read has not started).
    hook.rerender({
      state: { value: first, loading: false },
      view: 'b@now',
      quiet: true,
    });
    hook.rerender({
      state: { error, loading: false },
      view: 'b@now',
      quiet: true,
    });
    expect(hook.result.current).toMatchObject({ value: undefined, error });
  });

  it('shows the failure of a first read: there is nothing to keep', () => {
    const hook = setup({ loading: true });
    hook.rerender({
      state: { error, loading: false },
      view: 'a@now',
      quiet: true,
    });
    expect(hook.result.current).toMatchObject({ value: undefined, error });
  });
});
