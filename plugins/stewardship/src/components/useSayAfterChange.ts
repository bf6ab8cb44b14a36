import { useEffect, useRef, useState } from 'react';

/**
 * A sentence for a status line, with the count of times it was said: a change that reads as the
 * last one did (two empty lists) is a new sentence all the same, and
 * {@link ChangeAnnouncement} shows it as a new node so that screen readers say it again.
 */
export interface Said {
  text: string;
  n: number;
}

/**
 * What a status line says once the content a reader asked for is shown: `describe(value)` when
 * the first new `value` after a change of `key` (the filters chosen) arrives, `''` until a change
 * (with how many times it was said: {@link Said}).
 * A filtered page re-draws its figures and headings without a sound otherwise; saying so on the
 * first load would only repeat the page. A new value for the same key (another page of a list,
 * the same filters as of another moment) says nothing.
 *
 * `localKey` is the part of the filters the page applies to `value` itself, in the browser (the
 * SLO overview's status): a change of it alone shows at once without a new value, so it is said
 * at once; while a new value for `key` is awaited it waits with it, and `describe` then follows
 * both.
 */
export function useSayAfterChange<T>(
  key: string,
  value: T | undefined,
  describe: (value: T) => string,
  localKey = '',
): Said {
  const [said, setSaid] = useState<Said>({ text: '', n: 0 });
  const state = useRef<{
    key: string;
    localKey: string;
    waitingPast?: { value?: T };
  }>({ key, localKey });
  useEffect(() => {
    const say = (text: string) => setSaid(last => ({ text, n: last.n + 1 }));
    const current = state.current;
    const localChanged = localKey !== current.localKey;
    current.localKey = localKey;
    if (key !== current.key) {
      // The value shown now is the old filters': wait for the next one. What was said of the
      // old ones no longer holds (the new filters may never load: an error, a cleared scope), so
      // the status line is emptied rather than left to be found later by a reader.
      current.key = key;
      current.waitingPast = { value };
      setSaid(last => (last.text ? { text: '', n: last.n } : last));
      return;
    }
    if (value === undefined) return;
    if (current.waitingPast) {
      if (value !== current.waitingPast.value) {
        current.waitingPast = undefined;
        say(describe(value));
      }
    } else if (localChanged) {
      say(describe(value));
    }
  }, [key, value, describe, localKey]);
  return said;
}
