import { useCallback, useRef, useState } from 'react';
import { Said } from './useSayAfterChange';

/**
 * A card's status line, for {@link ChangeAnnouncement}: `say(text)` says it (again, as a new
 * sentence, when it reads as the last one), `clear()` empties it.
 */
export function useSaid() {
  const [said, setSaid] = useState<Said>({ text: '', n: 0 });
  const say = useCallback(
    (text: string) => setSaid(last => ({ text, n: last.n + 1 })),
    [],
  );
  const clear = useCallback(
    () => setSaid(last => (last.text ? { text: '', n: last.n } : last)),
    [],
  );
  return { said, say, clear };
}

/**
 * Says what a dialog saved once it has left the page (`exited`, its `onExited`), as the SLO tab
 * does for "SLO … created.": until then MUI hides the page from screen readers (aria-hidden),
 * and a status line changed there is not announced. `later(text)` on save; a dialog cancelled
 * says nothing.
 */
export function useSayAfterDialog(say: (text: string) => void) {
  const pending = useRef<string>();
  const later = useCallback((text: string) => {
    pending.current = text;
  }, []);
  const exited = useCallback(() => {
    if (pending.current !== undefined) say(pending.current);
    pending.current = undefined;
  }, [say]);
  return { later, exited };
}
