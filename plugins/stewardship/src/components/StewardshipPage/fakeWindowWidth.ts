/**
 * For tests: a window `width` px wide, as `matchMedia` reports it (jsdom has none). Answers the
 * width queries Material UI's breakpoints make (`(max-width:599.95px)`, `(min-width:600px)`, both
 * joined with `and`) by comparing them with `width` itself; any other query (`print`) does not
 * match. Returns a function that takes the fake away again.
 */
export function fakeWindowWidth(width: number): () => void {
  const matches = (query: string) => {
    const conditions = query.split(/\s+and\s+/);
    return conditions.every(condition => {
      const found = /^\((min|max)-width:\s*([\d.]+)px\)$/.exec(
        condition.trim(),
      );
      if (!found) return false;
      const limit = Number(found[2]);
      return found[1] === 'min' ? width >= limit : width <= limit;
    });
  };
  window.matchMedia = (query: string) =>
    ({
      media: query,
      matches: matches(query),
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    } as MediaQueryList);
  return () => {
    delete (window as Partial<Window>).matchMedia;
  };
}
