import { Table, TableProps } from '@backstage/core-components';
import TablePagination, {
  TablePaginationProps,
} from '@material-ui/core/TablePagination';
import { useLayoutEffect, useRef, useState } from 'react';
import { useStableId } from '../useStableId';
import { useFocusRingPaginationProps } from '../focusRing';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { Said } from '../useSayAfterChange';

/**
 * The table that holds the rows: material-table draws its paging controls in a second
 * `<table>` (a footer without a body), after the first by default.
 */
const rowsTable = (box: HTMLElement) =>
  Array.from(box.querySelectorAll('table')).find(
    table => table.tBodies.length > 0,
  );

/**
 * material-table's paging controls (MUI's `TablePagination`, given the same props) with a visible
 * keyboard focus on the "Rows per page" select and on the options of its menu, which MUI renders
 * outside the table (and outside the plugin's focus ring).
 */
function FocusRingPagination(props: TablePaginationProps) {
  const ring = useFocusRingPaginationProps();
  return (
    <TablePagination
      {...props}
      classes={{ ...props.classes, ...ring.classes }}
      SelectProps={{ ...props.SelectProps, ...ring.SelectProps }}
    />
  );
}

/**
 * `aria-sort` on the header of the sorted column, none on the others. Read from the sort label
 * material-table marks active (MUI's global class names, with a counter appended under a nested
 * theme: matched by prefix) and the direction its arrow is drawn in.
 */
function markSortedColumn(table: HTMLTableElement) {
  for (const header of Array.from(table.tHead?.rows[0]?.cells ?? [])) {
    const label = header.querySelector('[class*="MuiTableSortLabel-active"]');
    if (!label) {
      header.removeAttribute('aria-sort');
    } else {
      const descending = label.querySelector(
        '[class*="MuiTableSortLabel-iconDirectionDesc"]',
      );
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    }
  }
}

/** The text a screen reader reads of an element: none of what is inside `aria-hidden`. */
function spokenText(element: Element): string {
  let text = '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('[aria-hidden="true"]')) {
      text += node.textContent;
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** What a sort did, from the headers {@link markSortedColumn} marked: "Sorted by Age, descending." */
function describeSort(table: HTMLTableElement): string {
  const sorted = Array.from(table.tHead?.rows[0]?.cells ?? []).find(header =>
    header.hasAttribute('aria-sort'),
  );
  if (!sorted) return 'Sort removed: rows in their first order.';
  return `Sorted by ${spokenText(sorted)}, ${sorted.getAttribute(
    'aria-sort',
  )}.`;
}

/**
 * Backstage's `Table`, named by its title and with its sorted column said, as screen readers
 * and axe read a table. The title is a heading above the `<table>`, not its name (a list of the
 * page's tables read "table" three times), and the sort shows as an arrow only: no header had
 * `aria-sort`. Neither Backstage nor material-table sets an attribute on the `<table>` or its
 * `<th>`s, so this does after each render: `aria-labelledby` to the title, `aria-sort` on the
 * sorted column's header. A sort re-renders it (through `onOrderChange`); a new page leaves the
 * table and its headers in place, and their attributes with them. A sort is also said in a
 * polite status line ("Sorted by Age, descending."): the rows re-order without a sound, and
 * `aria-sort` is read only when a reader moves to the header. The same props as `Table`, and
 * `labelledBy` for a table without a title.
 */
export function AccessibleTable<T extends object>(
  props: TableProps<T> & {
    /**
     * The id of the element that names the table when it has no title (its toolbar hidden),
     * e.g. the heading of the card it is in.
     */
    labelledBy?: string;
  },
) {
  const { labelledBy, ...tableProps } = props;
  const { title, onOrderChange } = tableProps;
  const titleId = useStableId('stewardship-table-title');
  const box = useRef<HTMLDivElement>(null);
  const [sorts, setSorts] = useState(0);
  const [said, setSaid] = useState<Said>({ text: '', n: 0 });
  useLayoutEffect(() => {
    const table = box.current && rowsTable(box.current);
    if (!table) return;
    // The paging controls' tables are layout: read as tables, a page of three named one.
    for (const other of Array.from(box.current!.querySelectorAll('table'))) {
      if (other !== table) other.setAttribute('role', 'presentation');
    }
    const name = title ? titleId : labelledBy;
    if (name) table.setAttribute('aria-labelledby', name);
    else table.removeAttribute('aria-labelledby');
    markSortedColumn(table);
  });
  // After the effect above has marked the headers of the render a sort caused (none on mount).
  useLayoutEffect(() => {
    const table = box.current && rowsTable(box.current);
    if (!table || sorts === 0) return;
    const text = describeSort(table);
    setSaid(previous => ({ text, n: previous.n + 1 }));
  }, [sorts]);
  return (
    <div ref={box}>
      <Table<T>
        {...tableProps}
        // Never material-table's column dragging: each header becomes a tab stop ("Press space
        // bar to start a drag", inside a sort button a control nested in a control) that
        // reorders the columns, and Tab is swallowed while a drag runs.
        options={{ ...tableProps.options, draggable: false }}
        title={title ? <span id={titleId}>{title}</span> : title}
        components={{
          Pagination: FocusRingPagination,
          ...tableProps.components,
        }}
        onOrderChange={(orderBy, direction) => {
          setSorts(n => n + 1);
          onOrderChange?.(orderBy, direction);
        }}
      />
      {/* Only where a header can sort: no empty live region beside a table that cannot. */}
      {tableProps.options?.sorting !== false && (
        <ChangeAnnouncement said={said} />
      )}
    </div>
  );
}
