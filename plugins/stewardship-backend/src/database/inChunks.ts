/** Keeps each statement's bound parameters well under SQLite's and PostgreSQL's limits. */
export const BIND_CHUNK = 500;

/** `items` in slices of at most {@link BIND_CHUNK}, one statement each. */
export function inChunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += BIND_CHUNK) {
    result.push(items.slice(i, i + BIND_CHUNK));
  }
  return result;
}
