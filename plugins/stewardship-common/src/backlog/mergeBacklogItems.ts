import { BacklogItem } from './types';

/**
 * Merges the items of several providers into one ranked list: every rank-1 item first, then every
 * rank-2 item, and so on, so one long tracker does not push the others out of the top N; equal
 * ranks keep the order of `lists` (built-in items first). Each list must already be in its
 * provider's order.
 *
 * @public
 */
export function mergeBacklogItems(
  lists: ReadonlyArray<ReadonlyArray<BacklogItem>>,
): BacklogItem[] {
  return lists
    .flatMap((items, listIndex) => items.map(item => ({ item, listIndex })))
    .sort((a, b) => a.item.rank - b.item.rank || a.listIndex - b.listIndex)
    .map(({ item }) => item);
}
