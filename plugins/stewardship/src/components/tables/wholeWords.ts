import { TableColumn } from '@backstage/core-components';
import { CSSProperties } from 'react';

/**
 * Backstage's theme lets a table cell break a word anywhere (`word-break: break-word` on every
 * MuiTableCell), so a table squeezes its columns to a few letters rather than grow: at half a
 * laptop screen the scorecard showed "Compo|nen|t" and "Com|merc|e Tea|m". Cells with this style
 * wrap between words only; a table that needs more room than its card scrolls sideways instead,
 * as the catalog's own table does (Backstage's `Table` scrolls; our own tables sit in a scrolling
 * box). A column whose text holds long unbroken strings (annotation snippets, entity refs) sets
 * `wordBreak: 'break-word'` in its own `cellStyle`, which wins.
 */
export const WHOLE_WORDS: CSSProperties = {
  wordBreak: 'normal',
  overflowWrap: 'break-word',
};

/** Columns of a Backstage `Table` whose cells keep {@link WHOLE_WORDS} under their own style. */
export function wholeWords<T extends object>(
  columns: TableColumn<T>[],
): TableColumn<T>[] {
  return columns.map(column => {
    const own = column.cellStyle;
    return {
      ...column,
      cellStyle:
        typeof own === 'function'
          ? (data, row) => ({ ...WHOLE_WORDS, ...own(data, row) })
          : { ...WHOLE_WORDS, ...own },
    };
  });
}
