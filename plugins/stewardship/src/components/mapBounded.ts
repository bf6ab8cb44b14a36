/**
 * Runs `task` over `items` with at most `limit` running at once, keeping the input order in the
 * result. Once `signal` is aborted no further task starts (the caller aborts those running through
 * the same signal; the result is then incomplete, for a caller that no longer wants it).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}
