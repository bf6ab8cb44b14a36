/** The width the fake window has now, and who listens for its changes. */
const fake = {
  width: 0,
  /** Each listener, with the change event it is told of (its query's answer now). */
  listeners: new Map<
    (event: { matches: boolean; media: string }) => void,
    () => { matches: boolean; media: string }
  >(),
};

/**
 * For tests: a window `width` px wide, as `matchMedia` reports it (jsdom has none). Answers the
 * width queries Material UI's breakpoints make (`(max-width:599.95px)`, `(min-width:600px)`, both
 * joined with `and`) by comparing them with `width` itself; any other query (`print`) does not
 * match. Returns a function that takes the fake away again.
 */
export function fakeWindowWidth(width: number): () => void {
  fake.width = width;
  fake.listeners.clear();
  const matches = (query: string) => {
    const conditions = query.split(/\s+and\s+/);
    return conditions.every(condition => {
      const found = /^\((min|max)-width:\s*([\d.]+)px\)$/.exec(
        condition.trim(),
      );
      if (!found) return false;
      const limit = Number(found[2]);
      return found[1] === 'min' ? fake.width >= limit : fake.width <= limit;
    });
  };
  window.matchMedia = (query: string) =>
    ({
      media: query,
      // Read when asked, so a list answers for the width after a resize.
      get matches() {
        return matches(query);
      },
      onchange: null,
      addListener: (listener: (event: { matches: boolean }) => void) =>
        fake.listeners.set(listener, () => ({
          matches: matches(query),
          media: query,
        })),
      removeListener: (listener: (event: { matches: boolean }) => void) =>
        fake.listeners.delete(listener),
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    } as unknown as MediaQueryList);
  return () => {
    fake.listeners.clear();
    delete (window as Partial<Window>).matchMedia;
  };
}

/**
 * For tests: the window of {@link fakeWindowWidth} made `width` px wide; the media queries
 * listening (Material UI's `useMediaQuery`) hear of it. Call it inside `act`.
 */
export function resizeFakeWindow(width: number) {
  fake.width = width;
  [...fake.listeners].forEach(([listener, event]) => listener(event()));
}
