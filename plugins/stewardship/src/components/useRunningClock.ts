import { useEffect, useState } from 'react';

/** How often an open incident's "open for …" moves on. */
export const RUNNING_CLOCK_TICK_MS = 60_000;

/**
 * `from` moved on by the time spent since it was given, a tick at a time while `running`: an open
 * incident's "open for 2 hours" on a page left open keeps counting, without reading the list
 * again. The first render is `from` itself (tests and the list's own moment agree), and a new
 * `from` (the list read again) starts over from it; stopped, it is `from` again.
 */
export function useRunningClock(
  from: Date,
  running: boolean,
  tickMs: number = RUNNING_CLOCK_TICK_MS,
): Date {
  const start = from.getTime();
  const [elapsed, setElapsed] = useState({ start, ms: 0 });
  useEffect(() => {
    if (!running) return undefined;
    const given = Date.now();
    const timer = setInterval(
      () => setElapsed({ start, ms: Date.now() - given }),
      tickMs,
    );
    return () => clearInterval(timer);
  }, [start, running, tickMs]);
  // Time elapsed since an earlier `from` is not added to a new one; stopped, it is `from`.
  return new Date(
    start + (running && elapsed.start === start ? elapsed.ms : 0),
  );
}
