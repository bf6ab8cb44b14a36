/**
 * The first `count` of `items` in the order `compare` gives, as `[...items].sort(compare)
 * .slice(0, count)` would give them, without sorting all of them when few are wanted.
 *
 * A page of a long list (the scorecard's 20 worst of thousands of failing entities) needs only
 * its first entries in order: each item is compared with the last of those kept so far, and
 * only one that beats it is inserted (binary search). Ordering n items fully takes about
 * n·log2(n) comparisons; this about n while `count` is small. `compare` must be a total order
 * (no two items equal), so the answer does not depend on the order `items` came in.
 */
export function firstInOrder<T>(
  items: readonly T[],
  count: number,
  compare: (a: T, b: T) => number,
): T[] {
  if (count <= 0) return [];
  // Keeping many costs an insertion each: past a few dozen, sorting everything is no slower.
  if (count > 64 || count * 8 >= items.length) {
    return [...items].sort(compare).slice(0, count);
  }
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count && compare(item, kept[count - 1]) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(item, kept[middle]) < 0) high = middle;
      else low = middle + 1;
    }
    kept.splice(low, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}
