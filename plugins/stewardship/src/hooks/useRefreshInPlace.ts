import { useCallback, useState } from 'react';

/** An async read's state, as `useAsyncRetry` (react-use) gives it. */
export interface RetryableState<T> {
  value?: T;
  loading: boolean;
  error?: Error;
  retry: () => void;
}

/** {@link RetryableState} with {@link useRefreshInPlace}'s `refresh`. */
export interface RefreshableState<T> extends RetryableState<T> {
  /**
   * Reads again while the value shown stays on screen: `loading` stays false until the answer
   * replaces it (an error replaces it too, as any read's would). Does nothing while a read runs,
   * after an error, or before the first answer: those show their own states.
   */
  refresh: () => void;
}

/**
 * Adds a quiet `refresh` to a read: for reads no one asked for (a signal that statuses moved on),
 * where a progress bar in place of the figures would take the reader's place, and the focus of a
 * control inside them, away every few minutes. `view` names what is shown (the entity, the
 * moment): a read for another view keeps its progress bar, never the last view's figures.
 *
 * react-use keeps the last value while a read runs, so the value shown is the one read before;
 * "refreshing" lasts until a new answer (a new object) replaces it, not while a loading flag is
 * set, which a quick answer may never show.
 */
export function useRefreshInPlace<T>(
  state: RetryableState<T>,
  view: string,
): RefreshableState<T> {
  const { value, loading, error, retry } = state;
  const [from, setFrom] = useState<{ value: T; view: string }>();
  const refreshing =
    from !== undefined && from.view === view && value === from.value;
  const refresh = useCallback(() => {
    if (loading || error || value === undefined) return;
    setFrom({ value, view });
    retry();
  }, [loading, error, value, view, retry]);
  return { value, loading: loading && !refreshing, error, retry, refresh };
}
