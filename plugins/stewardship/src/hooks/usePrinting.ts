import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** The `print` media query; none where there is no `matchMedia` (jsdom). */
const printMedia = (): MediaQueryList | undefined =>
  typeof window.matchMedia === 'function'
    ? window.matchMedia('print')
    : undefined;

/**
 * Whether the page is being printed: from the browser's `beforeprint` to its `afterprint`, and
 * while the `print` media query matches (which also covers print emulation, as in the browser's
 * developer tools or a Playwright `emulateMedia`). For content that the screen shows in part
 * (a page of a table) but that a printout must show whole.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(
    () => printMedia()?.matches ?? false,
  );
  useEffect(() => {
    // The browser lays the page out for print as soon as the `beforeprint` listeners return; a
    // render React merely scheduled would come too late and the printout would show the screen's.
    const show = (next: boolean) => flushSync(() => setPrinting(next));
    const start = () => show(true);
    const end = () => show(false);
    const media = printMedia();
    const mediaChange = (event: MediaQueryListEvent) => show(event.matches);
    window.addEventListener('beforeprint', start);
    window.addEventListener('afterprint', end);
    media?.addEventListener('change', mediaChange);
    return () => {
      window.removeEventListener('beforeprint', start);
      window.removeEventListener('afterprint', end);
      media?.removeEventListener('change', mediaChange);
    };
  }, []);
  return printing;
}
