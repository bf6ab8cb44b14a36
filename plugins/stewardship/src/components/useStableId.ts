import { useState } from 'react';

/** Ids handed out, across the page: each one is new. */
let ids = 0;

/**
 * An id for this component's life, `${prefix}-N`, unique on the page: for an element another one
 * points at (`aria-labelledby`, `clip-path`) when a page may draw the component more than once.
 * Not React's useId: the plugin supports React 16 and 17.
 */
export function useStableId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++ids}`);
  return id;
}
