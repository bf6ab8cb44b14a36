import { compareText } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * A `customSort` for a Backstage (material-table) column. material-table sorts descending by
 * swapping the rows and passing `'desc'` as a fourth argument (`customSort(b, a, 'row', 'desc')`),
 * which its own type leaves out; a function that takes it is still a valid `customSort`.
 */
export type ColumnSort<T> = (
  a: T,
  b: T,
  type?: 'row' | 'group',
  direction?: 'asc' | 'desc',
) => number;

/**
 * Orders rows by `value` with `compare`; a row without a value (`undefined` or `null`: no data,
 * none) sorts after every row with one, whichever way the column sorts, and two rows without
 * one are equal (they keep their order).
 */
export function missingLast<T, V>(
  value: (row: T) => V | undefined | null,
  compare: (a: V, b: V) => number,
): ColumnSort<T> {
  return (a, b, _type, direction) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || x === null || y === undefined || y === null) {
      const xMissing = x === undefined || x === null;
      const yMissing = y === undefined || y === null;
      if (xMissing && yMissing) return 0;
      // Descending, the rows come swapped and the result is taken as is: the missing one must
      // then compare as the smaller to end up last.
      const last = direction === 'desc' ? -1 : 1;
      return xMissing ? last : -last;
    }
    return compare(x, y);
  };
}

/** Numbers in numeric order, rows without a number last in both directions. */
export function byNumber<T>(
  value: (row: T) => number | undefined | null,
): ColumnSort<T> {
  return missingLast(value, (x, y) => x - y);
}

/**
 * Text as every Stewardship list orders it ({@link compareText}: the Unicode root collation,
 * not case-sensitive at the first level, numbers in numeric order), rows without text last in
 * both directions.
 */
export function byText<T>(
  value: (row: T) => string | undefined | null,
): ColumnSort<T> {
  return missingLast(value, compareText);
}

/** Which way a column sorts. */
export type SortDirection = 'asc' | 'desc';

/**
 * `rows` in the order a Backstage `Table` shows them when sorted by a column with `compare` as
 * its `customSort`: descending swaps the rows and passes `'desc'`, as material-table does, so a
 * list outside a table (the narrow layout's cards) orders them the same way. A new array; equal
 * rows keep their order.
 */
export function sortRows<T>(
  rows: readonly T[],
  compare: ColumnSort<T>,
  direction: SortDirection,
): T[] {
  return [...rows].sort((a, b) =>
    direction === 'desc' ? compare(b, a, 'row', 'desc') : compare(a, b, 'row'),
  );
}
