import { DependencyList, useEffect, useRef } from 'react';
import useAsyncRetry, { AsyncStateRetry } from 'react-use/esm/useAsyncRetry';

/**
 * `useAsyncRetry` whose read gets an `AbortSignal`, aborted when a newer read starts (the inputs
 * changed; react-use ignores a retry while a read is in flight) and when the component goes.
 * react-use already drops such a read's answer; aborting it also frees the browser connection it
 * holds (six per origin over HTTP/1.1), so paging, as-of changes and leaving a tab do not queue
 * the next reads behind answers no one will see.
 */
export function useAbortableAsyncRetry<T>(
  read: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): AsyncStateRetry<T> {
  const running = useRef<AbortController>();
  useEffect(() => () => running.current?.abort(), []);
  return useAsyncRetry(() => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    return read(controller.signal);
    // The caller's deps decide when to read again, as with useAsyncRetry itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
