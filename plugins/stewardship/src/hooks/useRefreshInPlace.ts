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
   * replaces it. Does nothing while a read runs, after an error of a read someone asked for, or
   * before the first answer: those show their own states.
   */
  refresh: () => void;
  /**
   * Why the last quiet read (`refresh`) failed, while the value read before it stays shown
   * (`error` stays undefined): figures true of their own moment, to be said to be those of the
   * last read. Gone with the next answer; a later `refresh` tries again.
   */
  refreshError?: Error;
}

/**
 * Adds a quiet `refresh` to a read: for reads no one asked for (a signal that statuses moved on),
 * where a progress bar in place of the figures would take the reader's place, and the focus of a
 * control inside them, away every few minutes. `view` names what is shown (the entity, the
 * moment): a read for another view keeps its progress bar, never the last view's figures.
 *
 * A quiet read that fails keeps the figures too, with `refreshError` saying why: a page left
 * open through a backend's restart (a rolling deploy) would otherwise trade them for an error no
 * one asked to see, and stop moving on until someone pressed Try again. `retry` (someone asked)
 * reads as before, its failure shown as `error`.
 *
 * react-use keeps the last value while a read runs, so the value shown is the one read before;
 * "refreshing" lasts until a new answer (a new object) replaces it, not while a loading flag is
 * set, which a quick answer may never show. A failed read leaves react-use with no value, hence
 * the value kept here.
 */
export function useRefreshInPlace<T>(
  state: RetryableState<T>,
  view: string,
): RefreshableState<T> {
  const { value, loading, error, retry } = state;
  // The value shown when a quiet read started, of which view.
  const [quiet, setQuiet] = useState<{ value: T; view: string }>();
  const mine = quiet !== undefined && quiet.view === view;
  // The quiet read failed (and, when a later one runs, its error stays until that one answers).
  const failedQuietly = mine && error !== undefined && value === undefined;
  const keptOnScreen = mine && (value === quiet.value || failedQuietly);
  const shown = keptOnScreen ? quiet.value : value;
  const refresh = useCallback(() => {
    if (loading || shown === undefined || (error && !failedQuietly)) return;
    setQuiet({ value: shown, view });
    retry();
  }, [loading, shown, error, failedQuietly, view, retry]);
  // Someone asked: their read shows its progress and its failure.
  const retryAsked = useCallback(() => {
    setQuiet(undefined);
    retry();
  }, [retry]);
  return keptOnScreen
    ? {
        value: shown,
        loading: false,
        error: undefined,
        refreshError: failedQuietly ? error : undefined,
        retry: retryAsked,
        refresh,
      }
    : {
        value,
        loading,
        error,
        refreshError: undefined,
        retry: retryAsked,
        refresh,
      };
}
