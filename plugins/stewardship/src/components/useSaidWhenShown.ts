import { RefObject, useEffect, useState } from 'react';

const HIDDEN = '[aria-hidden="true"]';

/**
 * A key for what a status line shows, that changes once when the line, hidden from screen readers
 * when it was given that content, is shown to them again: put on the content's node, it puts the
 * content in anew, and screen readers say it then.
 *
 * An MUI dialog hides the rest of the page from screen readers while it is open (`aria-hidden` on
 * the app's root), and a live region that changes there is not said; once the dialog has gone the
 * line is on the page, but nothing tells a screen-reader user it changed. A kept-current view
 * changes its lines by itself (a stored evaluation run's statuses, a read that failed) while
 * someone records an incident or grants an override in a dialog.
 *
 * `content` is what the line shows (nothing: no line); `region` the line or a node inside it.
 */
export function useSaidWhenShown(
  region: RefObject<Element>,
  content: unknown,
): number {
  const [key, setKey] = useState(0);
  useEffect(() => {
    const node = region.current;
    if (!content || !node?.closest(HIDDEN)) return undefined;
    // Hidden as it changed: wait for the page to be shown again. MUI takes `aria-hidden` off the
    // page's root as the dialog leaves; only that attribute is watched.
    const observer = new MutationObserver(() => {
      if (node.closest(HIDDEN)) return;
      observer.disconnect();
      setKey(previous => previous + 1);
    });
    observer.observe(node.ownerDocument.body, {
      attributes: true,
      attributeFilter: ['aria-hidden'],
      subtree: true,
    });
    return () => observer.disconnect();
  }, [region, content]);
  return key;
}
