import { useRef } from 'react';
import { RetryableState } from './useRefreshInPlace';

/**
 * For a read that starts again when its inputs change (a later period end), not through
 * `retry`: when the read running now was asked by no one (`quiet`: a signal that something
 * changed) and fails, the last answer of the same `view` stays, with `refreshError` saying why,
 * rather than the error replacing it. A read someone asked for (after their own change, Show
 * more) shows its failure as before. The counterpart of `useRefreshInPlace` for such reads.
 */
export function useKeptThroughQuietFailure<T>(
  state: RetryableState<T>,
  view: string,
  quiet: boolean,
): RetryableState<T> & { refreshError?: Error } {
  // The last answer and its view: derived from the state rendered, written as it is rendered.
  // A new answer only: the first render for another view still holds the last view's answer
  // (react-use has not started the new read yet), which must not become that view's.
  const lastAnswer = useRef<{ view: string; value: T }>();
  if (
    state.value !== undefined &&
    !state.error &&
    state.value !== lastAnswer.current?.value
  ) {
    lastAnswer.current = { view, value: state.value };
  }
  const kept = lastAnswer.current;
  if (quiet && state.error && kept?.view === view) {
    return {
      value: kept.value,
      loading: false,
      error: undefined,
      refreshError: state.error,
      retry: state.retry,
    };
  }
  const { value, loading, error, retry } = state;
  return { value, loading, error, refreshError: undefined, retry };
}
