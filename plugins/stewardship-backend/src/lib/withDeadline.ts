/**
 * `promise`, or a rejection with the signal's reason once `signal` aborts, whichever comes first:
 * for a call that takes no signal of its own (the catalog client) or may ignore one (a metric
 * source); the call itself runs on, its answer unused.
 */
export function withDeadline<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
