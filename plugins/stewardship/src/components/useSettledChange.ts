import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a select's choice must stay before the page reads for it. */
export const SETTLE_MS = 400;

/**
 * For a native select whose choice reloads the page's data (a filter, a scope): the select shows
 * each choice at once, but the choice is passed on only once it has stayed for `delayMs`, or when
 * the select loses focus. On a closed native select the arrow keys change the choice one option
 * at a time, each a `change` event: without this, arrowing past five options read the page five
 * times and said five results.
 *
 * A value changed from outside (a chip's delete, the URL) is shown as it comes, and drops a
 * choice still waiting.
 */
export function useSettledChange<T>(
  value: T,
  onChange: (value: T) => void,
  delayMs: number = SETTLE_MS,
): { shown: T; change: (value: T) => void; flush: () => void } {
  const [shown, setShown] = useState(value);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; value: T }>();
  const latestOnChange = useRef(onChange);
  latestOnChange.current = onChange;

  /** Drops the choice waiting, if any, and returns it. */
  const drop = useCallback(() => {
    const waiting = pending.current;
    if (waiting) clearTimeout(waiting.timer);
    pending.current = undefined;
    return waiting;
  }, []);

  // A value changed from outside (Back, a chip) wins over a choice still waiting: the choice is
  // dropped, or its timer would undo the change.
  useEffect(() => {
    drop();
    setShown(value);
  }, [value, drop]);

  const flush = useCallback(() => {
    const waiting = drop();
    if (waiting) latestOnChange.current(waiting.value);
  }, [drop]);

  const change = useCallback(
    (next: T) => {
      setShown(next);
      drop();
      pending.current = { value: next, timer: setTimeout(flush, delayMs) };
    },
    [delayMs, drop, flush],
  );

  // A choice made just before the select goes (another tab, another page) is dropped, not
  // applied to a page that is no longer there.
  useEffect(
    () => () => {
      drop();
    },
    [drop],
  );

  return { shown, change, flush };
}
