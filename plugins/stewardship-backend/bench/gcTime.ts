/*
 * Garbage collections of this process, recorded from the start, so a benchmark can say how much
 * of a timed request was collection (backend and client alike, as both run in this process).
 */
import { PerformanceObserver } from 'perf_hooks';

const collections: Array<{ start: number; ms: number }> = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    collections.push({ start: entry.startTime, ms: entry.duration });
  }
}).observe({ entryTypes: ['gc'] });

/** Milliseconds of garbage collection that began within [from, to) (`performance.now()` times). */
export function collectedBetween(from: number, to: number) {
  let ms = 0;
  for (let i = collections.length - 1; i >= 0; i--) {
    const c = collections[i];
    if (c.start < from) break;
    if (c.start < to) ms += c.ms;
  }
  return ms;
}
