/*
 * Corrections and business hours, for any metric source: each count window (the SLO window, every
 * burn-rate window) is cut into the intervals the SLO counts (`countedIntervals` of the common
 * package), each interval is asked of the source as a window of its own, and the counts are summed
 * back per window. A source counts an interval exactly as it counts a whole window, so the figures
 * stay exact; excluded time contributes no events at all, good or bad.
 */
import {
  SloCorrectionSpec,
  TimeInterval,
  WeeklySchedule,
  countedIntervals,
} from '@stewardship/backstage-plugin-stewardship-common';
import { CountWindow } from '@stewardship/backstage-plugin-stewardship-node';

type QueryCounts = Record<string, number | null>;

/** The windows to ask the source for, and how to put their counts back together. */
export interface CountPlan {
  /** The windows to send: the original ones, or their counted intervals. */
  windows: CountWindow[];
  /** The counts per original window key, from the counts per sent window. */
  combine(counts: Record<string, QueryCounts>): Record<string, QueryCounts>;
  /** The queries per original window key, from the queries per sent window (in order, once each). */
  combineQueries(queries: Record<string, string[]>): Record<string, string[]>;
  /**
   * The counted intervals per original window key: one equal to the window when nothing is cut,
   * none for a window shorter than a second (counted as empty).
   */
  intervals: Record<string, TimeInterval[]>;
  /** Whether any window was cut (for the explanation). */
  cut: boolean;
}

const SEPARATOR = '~';

/**
 * Sources count whole seconds and refuse a shorter window; an interval that short (the first
 * 300 ms of business hours, a calendar month 200 ms old) has no events to count, so it is
 * counted as empty rather than asked.
 */
const MIN_INTERVAL_MS = 1000;

export function planCountWindows(
  windows: CountWindow[],
  queryNames: string[],
  options: {
    schedule?: WeeklySchedule;
    corrections?: ReadonlyArray<SloCorrectionSpec>;
  },
): CountPlan {
  const intervals: Record<string, TimeInterval[]> = {};
  const cuts = Boolean(options.schedule || options.corrections?.length);
  const tooShort = (w: CountWindow) =>
    w.end.getTime() - w.start.getTime() < MIN_INTERVAL_MS;
  if (!cuts && !windows.some(tooShort)) {
    for (const w of windows) {
      intervals[w.key] = [{ start: w.start.getTime(), end: w.end.getTime() }];
    }
    return {
      windows,
      combine: counts => counts,
      combineQueries: queries => queries,
      intervals,
      cut: false,
    };
  }
  const sent: CountWindow[] = [];
  const split = new Set<string>();
  let cut = false;
  for (const w of windows) {
    const counted = cuts
      ? countedIntervals(w, options)
      : [{ start: w.start.getTime(), end: w.end.getTime() }];
    const whole =
      counted.length === 1 &&
      counted[0].start === w.start.getTime() &&
      counted[0].end === w.end.getTime();
    cut ||= !whole;
    const parts = counted.filter(i => i.end - i.start >= MIN_INTERVAL_MS);
    intervals[w.key] = parts;
    if (whole && parts.length === 1) {
      sent.push(w);
      continue;
    }
    split.add(w.key);
    parts.forEach((part, index) =>
      sent.push({
        key: `${w.key}${SEPARATOR}${index}`,
        start: new Date(part.start),
        end: new Date(part.end),
      }),
    );
  }
  return {
    windows: sent,
    intervals,
    cut,
    combineQueries(queries) {
      const combined: Record<string, string[]> = {};
      for (const w of windows) {
        const sentKeys = split.has(w.key)
          ? intervals[w.key].map((_, index) => `${w.key}${SEPARATOR}${index}`)
          : [w.key];
        combined[w.key] = [
          ...new Set(sentKeys.flatMap(key => queries[key] ?? [])),
        ];
      }
      return combined;
    },
    combine(counts) {
      const combined: Record<string, QueryCounts> = {};
      for (const w of windows) {
        if (!split.has(w.key)) {
          combined[w.key] = counts[w.key];
          continue;
        }
        const parts = intervals[w.key].map(
          (_, index) => counts[`${w.key}${SEPARATOR}${index}`] ?? {},
        );
        combined[w.key] = Object.fromEntries(
          queryNames.map(name => {
            const values = parts.map(part => part[name] ?? null);
            // Nothing counted at all: zero events. No series in every interval: a broken SLI,
            // as for a whole window; no series in some only: no data then, zero events.
            if (values.length === 0) return [name, 0];
            if (values.every(v => v === null)) return [name, null];
            return [name, values.reduce<number>((sum, v) => sum + (v ?? 0), 0)];
          }),
        );
      }
      return combined;
    },
  };
}

/** Whether `(end − seconds, end]` lies inside one of the (sorted, disjoint) intervals. */
export function sliceIsCounted(
  intervals: TimeInterval[],
  endMs: number,
  sliceSeconds: number,
): boolean {
  const start = endMs - sliceSeconds * 1000;
  return intervals.some(i => i.start <= start && endMs <= i.end);
}
