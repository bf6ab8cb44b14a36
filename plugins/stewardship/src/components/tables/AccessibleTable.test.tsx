import { TableColumn } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { AccessibleTable } from './AccessibleTable';

// material-table's first render takes seconds on a busy machine.
jest.setTimeout(30_000);

type Fruit = { name: string; kilos: number };

const FRUITS: Fruit[] = [
  { name: 'pear', kilos: 3 },
  { name: 'apple', kilos: 5 },
  { name: 'fig', kilos: 1 },
  { name: 'kiwi', kilos: 2 },
];

const columns = (): TableColumn<Fruit>[] => [
  { title: 'Fruit', field: 'name' },
  { title: 'Weight', field: 'kilos', type: 'numeric' },
  { title: 'Note', sorting: false, render: () => 'fresh' },
];

/** Each column header's aria-sort, in column order; '' where it has none. */
const sorts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('columnheader')
    .map(header => header.getAttribute('aria-sort') ?? '');

const sortBy = (name: string) =>
  fireEvent.click(screen.getByRole('button', { name }));

describe('AccessibleTable', () => {
  it('is named by its title, the heading above it', async () => {
    await renderInTestApp(
      <AccessibleTable<Fruit>
        title="Fruit in stock"
        columns={columns()}
        data={FRUITS}
        options={{
          paging: true,
          pageSize: 2,
          pageSizeOptions: [2],
          // Paging controls above the rows too: a table of their own before the rows'.
          paginationPosition: 'both',
          search: false,
        }}
      />,
    );
    expect(
      screen.getByRole('heading', { level: 2, name: 'Fruit in stock' }),
    ).toBeInTheDocument();
    // The paging controls' tables (no body, above and below) are layout, not tables: the one
    // table left is the rows', named.
    expect(screen.getAllByRole('table')).toHaveLength(1);
    // Their controls stay: one "Next page" above the rows, one below.
    expect(screen.getAllByRole('button', { name: /next page/i })).toHaveLength(
      2,
    );
    const table = screen.getByRole('table', { name: 'Fruit in stock' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
  });

  it('marks the sorted column ascending, then descending, then none', async () => {
    const onOrderChange = jest.fn();
    await renderInTestApp(
      <AccessibleTable<Fruit>
        title="Fruit in stock"
        columns={columns()}
        data={FRUITS}
        onOrderChange={onOrderChange}
        options={{ paging: false, search: false }}
      />,
    );
    const table = screen.getByRole('table', { name: 'Fruit in stock' });
    const fruits = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('cell')[0].textContent);
    expect(sorts(table)).toEqual(['', '', '']);

    // Nothing is said before a sort; each sort is said in the status line.
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(/^$/);

    sortBy('Weight');
    expect(fruits()).toEqual(['fig', 'kiwi', 'pear', 'apple']);
    expect(sorts(table)).toEqual(['', 'ascending', '']);
    expect(status).toHaveTextContent(/^Sorted by Weight, ascending\.$/);
    sortBy('Weight');
    expect(fruits()).toEqual(['apple', 'pear', 'kiwi', 'fig']);
    expect(sorts(table)).toEqual(['', 'descending', '']);
    expect(status).toHaveTextContent(/^Sorted by Weight, descending\.$/);
    // Another column keeps the direction (material-table's default).
    sortBy('Fruit');
    expect(fruits()).toEqual(['pear', 'kiwi', 'fig', 'apple']);
    expect(sorts(table)).toEqual(['descending', '', '']);
    expect(status).toHaveTextContent(/^Sorted by Fruit, descending\.$/);
    // A click after descending leaves the rows unsorted, as given.
    sortBy('Fruit');
    expect(fruits()).toEqual(['pear', 'apple', 'fig', 'kiwi']);
    expect(sorts(table)).toEqual(['', '', '']);
    expect(status).toHaveTextContent(
      /^Sort removed: rows in their first order\.$/,
    );
    // The caller still hears of each sort.
    expect(onOrderChange.mock.calls).toEqual([
      [1, 'asc'],
      [1, 'desc'],
      [0, 'desc'],
      [-1, ''],
    ]);
  });

  it.each([
    ['by default', {}],
    ['even when asked to', { draggable: true }],
  ])(
    'never makes its column headers drag handles (tab stops that reorder the columns), %s',
    async (_, dragging) => {
      await renderInTestApp(
        <AccessibleTable<Fruit>
          title="Fruit in stock"
          columns={columns()}
          data={FRUITS}
          options={{
            paging: false,
            search: false,
            sorting: false,
            ...dragging,
          }}
        />,
      );
      const headers = within(
        screen.getByRole('table', { name: 'Fruit in stock' }),
      ).getAllByRole('columnheader');
      expect(headers.map(header => header.textContent)).toEqual([
        'Fruit',
        'Weight',
        'Note',
      ]);
      // Unsorted, a header holds its title only: nothing in it to focus or to drag.
      for (const header of headers) {
        expect(
          header.querySelectorAll(
            '[tabindex], [data-rbd-drag-handle-draggable-id]',
          ),
        ).toHaveLength(0);
      }
    },
  );

  it('marks a column sorted from the start', async () => {
    const sorted = columns();
    sorted[1].defaultSort = 'desc';
    await renderInTestApp(
      <AccessibleTable<Fruit>
        title="Fruit in stock"
        columns={sorted}
        data={FRUITS}
        options={{ paging: false, search: false }}
      />,
    );
    expect(
      sorts(screen.getByRole('table', { name: 'Fruit in stock' })),
    ).toEqual(['', 'descending', '']);
  });
});
