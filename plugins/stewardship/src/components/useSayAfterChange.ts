import { useEffect, useRef, useState } from 'react';

/**
 * What a status line says once the content a reader asked for is shown: `describe(value)` when
 * the first new `value` after a change of `key` (the filters chosen) arrives, `''` until a change.
 * A filtered page re-draws its figures and headings without a sound otherwise; saying so on the
 * first load would only repeat the page. A new value for the same key (another page of a list)
 * says nothing.
 */
export function useSayAfterChange<T>(
  key: string,
  value: T | undefined,
  describe: (value: T) => string,
): string {
  const [said, setSaid] = useState('');
  const state = useRef<{ key: string; waitingPast?: { value?: T } }>({ key });
  useEffect(() => {
    const current = state.current;
    if (key !== current.key) {
      // The value shown now is the old filters': wait for the next one.
      current.key = key;
      current.waitingPast = { value };
      return;
    }
    if (
      current.waitingPast &&
      value !== undefined &&
      value !== current.waitingPast.value
    ) {
      current.waitingPast = undefined;
      setSaid(describe(value));
    }
  }, [key, value, describe]);
  return said;
}
