import { isSnapshotTooOld } from '@stewardship/backstage-plugin-stewardship-common';
import { useMemo } from 'react';
import { EntitySlo } from '../../api';
import { useRunningClock } from '../useRunningClock';

/** SLOs as read: their moment, and the age past which a snapshot is stale (absent from older backends). */
interface SlosRead {
  items: EntitySlo[];
  asOf: string;
  stalenessSeconds?: number;
}

/** SLOs as shown: marked stale as of `asOf`. */
interface SlosShown {
  items: EntitySlo[];
  asOf: string;
}

/**
 * `items` as the backend would mark them at `now`: an SLO whose snapshot has grown older than
 * `stalenessSeconds` is stale, by the backend's own rule ({@link isSnapshotTooOld}). A snapshot
 * of an earlier SLO version, or none, was marked when read. Without `stalenessSeconds` (a backend
 * older than that field) the items are as read. The same array when nothing changed.
 */
export function markStaleAt(
  items: EntitySlo[],
  now: Date,
  stalenessSeconds: number | undefined,
): EntitySlo[] {
  if (stalenessSeconds === undefined) return items;
  let changed = false;
  const marked = items.map(item => {
    if (item.stale || !item.evaluation) return item;
    if (!isSnapshotTooOld(item.evaluation.at, now, stalenessSeconds * 1000)) {
      return item;
    }
    changed = true;
    return { ...item, stale: true };
  });
  return changed ? marked : items;
}

/**
 * SLOs read now, kept current on a page left open: every minute their moment moves on (so a
 * stale one's "last evaluated 3 hours ago" grows) and an SLO whose last evaluation grows older
 * than `stalenessSeconds` turns stale, as it would when read again. New evaluations come by
 * signal and are read again; this is for when none come (evaluation stopped, or the signal was
 * missed), which is when the page must not go on saying "healthy" as if current. Not `live` (a
 * past moment shown), the items and their moment are as read.
 *
 * @returns the items to show, and the moment (ISO) their staleness is measured to.
 */
export function useStaleOnPage(read: SlosRead, live: boolean): SlosShown;
export function useStaleOnPage(
  read: SlosRead | undefined,
  live: boolean,
): SlosShown | undefined;
export function useStaleOnPage(
  read: SlosRead | undefined,
  live: boolean,
): SlosShown | undefined {
  const { items, asOf, stalenessSeconds } = read ?? {};
  const running = live && items !== undefined && items.length > 0;
  const nowMs = useRunningClock(new Date(asOf ?? 0), running).getTime();
  return useMemo(() => {
    if (items === undefined || asOf === undefined) return undefined;
    if (!running) return { items, asOf };
    const now = new Date(nowMs);
    return {
      items: markStaleAt(items, now, stalenessSeconds),
      asOf: now.toISOString(),
    };
  }, [items, asOf, stalenessSeconds, running, nowMs]);
}
