import { RefObject, useLayoutEffect, useRef, useState } from 'react';

/**
 * The width of an element in pixels, followed through a ResizeObserver so charts redraw when the
 * page is resized. Before the first layout (and in jsdom, which lays nothing out) it is `fallback`.
 */
export function useElementWidth<T extends HTMLElement>(
  fallback: number,
): [RefObject<T>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const measured = Math.floor(element.clientWidth);
      if (measured > 0) setWidth(measured);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
