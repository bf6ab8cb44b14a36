import { useCallback, useEffect, useRef, useState } from 'react';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';

/** What the last press of a copy button came to. */
export interface CopyOutcome {
  /**
   * Whether the text reached the clipboard: not when the copy failed, nor when it fell back to the
   * browser's prompt asking the user to copy the text (no copy of its own).
   */
  copied: boolean;
  /**
   * A new number for each copy. Key the status text by it: a new node in a live region is
   * announced again, the same words left in place are not.
   */
  count: number;
}

/**
 * Copies as react-use does (the browser's copy command, then its prompt), and says what each
 * press came to once it is known, rather than "Copied" whatever happened.
 *
 * `showFor` gives how long (ms) an outcome stays, by whether it copied; left out, or answering
 * `undefined`, it stays until the next copy. `onCopied` is told of each copy's outcome.
 */
export function useCopyWithStatus(
  options: {
    showFor?(copied: boolean): number | undefined;
    onCopied?(copied: boolean): void;
  } = {},
): [CopyOutcome | undefined, (text: string) => void] {
  const [copyState, copyToClipboard] = useCopyToClipboard();
  const [outcome, setOutcome] = useState<CopyOutcome>();
  const pressed = useRef(false);
  const count = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // The callbacks of the latest render, without a new copy's effect depending on them.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  // react-use keeps a new state per copy: what this press came to.
  useEffect(() => {
    if (!pressed.current) return;
    pressed.current = false;
    const copied = !copyState.error && copyState.noUserInteraction;
    count.current += 1;
    setOutcome({ copied, count: count.current });
    clearTimeout(timer.current);
    const ms = latest.current.showFor?.(copied);
    if (ms !== undefined) {
      timer.current = setTimeout(() => setOutcome(undefined), ms);
    }
    latest.current.onCopied?.(copied);
  }, [copyState]);
  const copy = useCallback(
    (text: string) => {
      pressed.current = true;
      copyToClipboard(text);
    },
    [copyToClipboard],
  );
  return [outcome, copy];
}
