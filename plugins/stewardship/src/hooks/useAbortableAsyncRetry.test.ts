import { renderHook, waitFor } from '@testing-library/react';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/** A read that never answers, recording each signal it was given. */
function neverAnswering() {
  const signals: AbortSignal[] = [];
  const read = jest.fn((signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<string>(() => {});
  });
  return { read, signals };
}

describe('useAbortableAsyncRetry', () => {
  it('aborts the read in flight when the inputs change, and keeps the newest', async () => {
    const { read, signals } = neverAnswering();
    const { rerender } = renderHook(
      ({ input }) => useAbortableAsyncRetry(signal => read(signal), [input]),
      { initialProps: { input: 'a' } },
    );
    await waitFor(() => expect(signals).toHaveLength(1));

    rerender({ input: 'b' });
    await waitFor(() => expect(signals).toHaveLength(2));

    expect(signals.map(s => s.aborted)).toEqual([true, false]);
  });

  it('aborts the read in flight when the component goes', async () => {
    const { read, signals } = neverAnswering();
    const { unmount } = renderHook(() =>
      useAbortableAsyncRetry(signal => read(signal), []),
    );
    await waitFor(() => expect(signals).toHaveLength(1));

    unmount();

    expect(signals[0].aborted).toBe(true);
  });

  it('shows the answer of the newest read, not the aborted one', async () => {
    const signals: AbortSignal[] = [];
    const { result, rerender } = renderHook(
      ({ input }) =>
        useAbortableAsyncRetry(
          signal =>
            new Promise<string>((resolve, reject) => {
              signals.push(signal);
              signal.addEventListener('abort', () =>
                reject(new DOMException('aborted', 'AbortError')),
              );
              if (input === 'b') resolve('answer b');
            }),
          [input],
        ),
      { initialProps: { input: 'a' } },
    );
    rerender({ input: 'b' });

    await waitFor(() => expect(result.current.value).toBe('answer b'));
    expect(result.current.error).toBeUndefined();
    // The first read was aborted (it rejected), and its AbortError was not shown.
    expect(signals[0].aborted).toBe(true);
  });
});
