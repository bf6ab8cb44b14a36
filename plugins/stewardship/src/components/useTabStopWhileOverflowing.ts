import { useEffect, useState } from 'react';

/**
 * For a box that scrolls sideways only when its content is wider than it (a table in a narrow
 * card): a tab stop while its content overflows, so a keyboard can scroll it (WCAG 2.1.1; axe's
 * scrollable-region-focusable), and none while everything fits, where the stop would only be
 * one more Tab press that does nothing. Spread the result on the box:
 * `<div {...useTabStopWhileOverflowing()} />`.
 *
 * It watches the box and its children with a ResizeObserver (a window resized, rows added).
 * Where it cannot tell (no ResizeObserver, or a box not laid out, as in jsdom) the box stays a
 * tab stop, as a scroll box always was.
 */
export function useTabStopWhileOverflowing<T extends HTMLElement>(): {
  ref: (box: T | null) => void;
  tabIndex: 0 | undefined;
} {
  const [box, setBox] = useState<T | null>(null);
  const [overflows, setOverflows] = useState(true);
  useEffect(() => {
    if (!box || typeof ResizeObserver === 'undefined') return undefined;
    const measure = () =>
      setOverflows(
        box.clientWidth === 0 ||
          box.scrollWidth > box.clientWidth ||
          // Focused (a window widened under it): stays a stop until focus leaves, or the
          // browser would drop focus to the page.
          box.ownerDocument.activeElement === box,
      );
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of Array.from(box.children)) observer.observe(child);
    box.addEventListener('blur', measure);
    measure();
    return () => {
      observer.disconnect();
      box.removeEventListener('blur', measure);
    };
  }, [box]);
  return { ref: setBox, tabIndex: overflows ? 0 : undefined };
}
