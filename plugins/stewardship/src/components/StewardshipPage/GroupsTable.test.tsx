import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardGroup } from '@stewardship/backstage-plugin-stewardship-common';
import { GroupsTable } from './GroupsTable';
import { fakeWindowWidth, resizeFakeWindow } from './fakeWindowWidth';

const counts = (ok: number) => ({
  ok,
  missing: 0,
  unresolved: 0,
  invalid: 0,
  orphaned: 0,
  exempt: 0,
});

/** A group of `entities`, `compliant` of them compliant, with the ok count of each role. */
const group = (
  key: string,
  entities: number,
  compliant: number,
  [business, product, engineering]: number[],
): ScorecardGroup => ({
  key,
  entities,
  compliant,
  roles: {
    business: counts(business),
    product: counts(product),
    engineering: counts(engineering),
  },
});

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('GroupsTable', () => {
  let restore: () => void = () => {};
  afterEach(() => restore());

  it('lists each group as a card with its labelled figures in a 400 px window', async () => {
    restore = fakeWindowWidth(400);
    const onFilter = jest.fn();
    await renderInTestApp(
      <GroupsTable
        groups={[
          group('domain:default/payments', 9, 7, [8, 9, 7]),
          group('none', 3, 1, [3, 2, 1]),
        ]}
        groupBy="domain"
        onFilter={onFilter}
      />,
      { mountedRoutes },
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'By domain' });
    const [payments, none] = within(list).getAllByRole('listitem');
    expect(
      within(payments).getByRole('heading', { level: 3, name: /payments/ }),
    ).toBeInTheDocument();
    // 7 of 9 = 77.7 %, 8 of 9 = 88.8 %, 9 of 9, 7 of 9: rounded down.
    expect(
      [...payments.querySelectorAll('dt, dd')].map(e => e.textContent),
    ).toEqual([
      'Entities',
      '9',
      'Compliant',
      '77% (7/9)',
      'Business owner',
      '88% (8/9)',
      'Product owner',
      '100% (9/9)',
      'Engineering owner',
      '77% (7/9)',
    ]);
    await userEvent.click(
      within(payments).getByRole('button', {
        name: 'Show only domain:default/payments',
      }),
    );
    expect(onFilter).toHaveBeenCalledWith('domain', 'domain:default/payments');

    // 1 of 3 = 33.3 %, 2 of 3 = 66.6 %.
    expect(
      within(none).getByRole('heading', { level: 3, name: '(none)' }),
    ).toBeInTheDocument();
    expect([...none.querySelectorAll('dd')].map(e => e.textContent)).toEqual([
      '3',
      '33% (1/3)',
      '100% (3/3)',
      '66% (2/3)',
      '33% (1/3)',
    ]);
  });

  it('pages beyond 20 groups in a 400 px window', async () => {
    restore = fakeWindowWidth(400);
    const groups = Array.from({ length: 23 }, (_, i) =>
      group(`kind-${i + 1}`, 1, 1, [1, 1, 1]),
    );
    await renderInTestApp(
      <GroupsTable groups={groups} groupBy="kind" onFilter={jest.fn()} />,
      { mountedRoutes },
    );
    const headings = () =>
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent);
    expect(headings()).toHaveLength(20);
    expect(headings()[0]).toBe('kind-1');
    expect(screen.getByText('1-20 of 23')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(headings()).toEqual(['kind-21', 'kind-22', 'kind-23']);
    expect(screen.getByText('21-23 of 23')).toBeInTheDocument();
  });

  it('does not page 20 groups or fewer', async () => {
    restore = fakeWindowWidth(400);
    await renderInTestApp(
      <GroupsTable
        groups={[group('component', 2, 1, [2, 1, 1])]}
        groupBy="kind"
        onFilter={jest.fn()}
      />,
      { mountedRoutes },
    );
    expect(
      screen.queryByRole('button', { name: 'Next page' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the table from 600 px on', async () => {
    restore = fakeWindowWidth(600);
    await renderInTestApp(
      <GroupsTable
        groups={[group('component', 2, 1, [2, 1, 1])]}
        groupBy="kind"
        onFilter={jest.fn()}
      />,
      { mountedRoutes },
    );
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      [
        'Group',
        'Entities',
        'Compliant',
        'Business owner',
        'Product owner',
        'Engineering owner',
      ],
    );
    expect(screen.queryByRole('list', { name: 'By kind' })).toBeNull();
    // Named by its heading.
    expect(
      screen.getByRole('heading', { level: 2, name: 'By kind' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'By kind' })).toBeInTheDocument();
  });

  describe('sorting', () => {
    // Given in no column's order. Shares by hand, [compliant, business, product, engineering]:
    // zeta   4 entities: 1/4 = 0.25, 4/4 = 1,   1/4 = 0.25, 3/4 = 0.75
    // Alpha 10 entities: 6/10 = 0.6, 3/10 = 0.3, 9/10 = 0.9, 7/10 = 0.7
    // none   2 entities: 0/2 = 0,   1/2 = 0.5, 1/2 = 0.5,  0/2 = 0
    // beta   1 entity:   1/1 = 1,   0/1 = 0,   1/1 = 1,    1/1 = 1
    const groups = [
      group('system:default/zeta', 4, 1, [4, 1, 3]),
      group('system:default/Alpha', 10, 6, [3, 9, 7]),
      group('none', 2, 0, [1, 1, 0]),
      group('system:default/beta', 1, 1, [0, 1, 1]),
    ];
    const render = () =>
      renderInTestApp(
        <GroupsTable groups={groups} groupBy="system" onFilter={jest.fn()} />,
        { mountedRoutes },
      );
    const cards = () =>
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent);
    const rows = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('cell')[0].textContent);
    const select = () => screen.getByRole('combobox', { name: 'Sort by' });

    it('sorts the cards in a 400 px window by each order the table’s headers give', async () => {
      restore = fakeWindowWidth(400);
      await render();
      // Before any choice: as given, which the table shows unsorted too.
      expect(select()).toHaveDisplayValue('Least compliant first (default)');
      expect(cards()).toEqual(['zeta', 'Alpha', '(none)', 'beta']);
      const orders: Array<[string, string[]]> = [
        // Without regard to case; "(none)" is no group: last both ways.
        ['Group, A to Z', ['Alpha', 'beta', 'zeta', '(none)']],
        ['Group, Z to A', ['zeta', 'beta', 'Alpha', '(none)']],
        ['Entities, fewest first', ['beta', '(none)', 'zeta', 'Alpha']],
        ['Entities, most first', ['Alpha', 'zeta', '(none)', 'beta']],
        ['Compliant, lowest first', ['(none)', 'zeta', 'Alpha', 'beta']],
        ['Compliant, highest first', ['beta', 'Alpha', 'zeta', '(none)']],
        ['Business owner, lowest first', ['beta', 'Alpha', '(none)', 'zeta']],
        ['Business owner, highest first', ['zeta', '(none)', 'Alpha', 'beta']],
        ['Product owner, lowest first', ['zeta', '(none)', 'Alpha', 'beta']],
        ['Product owner, highest first', ['beta', 'Alpha', '(none)', 'zeta']],
        [
          'Engineering owner, lowest first',
          ['(none)', 'Alpha', 'zeta', 'beta'],
        ],
        [
          'Engineering owner, highest first',
          ['beta', 'zeta', 'Alpha', '(none)'],
        ],
        [
          'Least compliant first (default)',
          ['zeta', 'Alpha', '(none)', 'beta'],
        ],
      ];
      for (const [label, order] of orders) {
        await userEvent.selectOptions(select(), label);
        expect(cards()).toEqual(order);
        // The cards re-order without a sound: the status says the new order, in the wide
        // table's words ("Sorted by …").
        expect(screen.getByRole('status')).toHaveTextContent(
          label === 'Least compliant first (default)'
            ? 'Sorted least compliant first (the default order).'
            : `Sorted by ${label}.`,
        );
      }
    });

    it('is a labelled native select the keyboard reaches, silent until used', async () => {
      restore = fakeWindowWidth(400);
      await render();
      expect(screen.getByRole('status')).toHaveTextContent('');
      await userEvent.tab();
      expect(select()).toHaveFocus();
      // A native select: the browser's own keys pick an order (jsdom has none of them).
      await userEvent.selectOptions(select(), 'Group, A to Z');
      expect(cards()).toEqual(['Alpha', 'beta', 'zeta', '(none)']);
    });

    it('starts the next page of cards at the first page after a new order', async () => {
      restore = fakeWindowWidth(400);
      // kind-1 … kind-23 with 1 … 23 entities.
      const many = Array.from({ length: 23 }, (_, i) =>
        group(`kind-${i + 1}`, i + 1, 0, [0, 0, 0]),
      );
      await renderInTestApp(
        <GroupsTable groups={many} groupBy="kind" onFilter={jest.fn()} />,
        { mountedRoutes },
      );
      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      expect(cards()).toEqual(['kind-21', 'kind-22', 'kind-23']);
      await userEvent.selectOptions(select(), 'Entities, most first');
      expect(screen.getByText('1-20 of 23')).toBeInTheDocument();
      expect(cards().slice(0, 3)).toEqual(['kind-23', 'kind-22', 'kind-21']);
    });

    it('keeps the order across a resize past 600 px, both ways', async () => {
      restore = fakeWindowWidth(400);
      await render();
      await userEvent.selectOptions(select(), 'Entities, most first');

      act(() => resizeFakeWindow(800));
      expect(rows()).toEqual(['Alpha', 'zeta', '(none)', 'beta']);
      // Its header says it is sorted, descending.
      expect(
        screen.getByRole('columnheader', { name: 'Entities' }),
      ).toHaveAttribute('aria-sort', 'descending');

      // The table's own header sets the order the cards keep. material-table keeps the
      // direction when the column changes: Group, descending.
      await userEvent.click(screen.getByRole('button', { name: 'Group' }));
      expect(rows()).toEqual(['zeta', 'beta', 'Alpha', '(none)']);
      expect(
        screen.getByRole('columnheader', { name: 'Group' }),
      ).toHaveAttribute('aria-sort', 'descending');
      expect(
        screen.getByRole('columnheader', { name: 'Entities' }),
      ).not.toHaveAttribute('aria-sort');
      act(() => resizeFakeWindow(400));
      expect(select()).toHaveDisplayValue('Group, Z to A');
      expect(cards()).toEqual(['zeta', 'beta', 'Alpha', '(none)']);
    });

    it('sorts the wide table with the same comparators', async () => {
      restore = fakeWindowWidth(800);
      await render();
      expect(rows()).toEqual(['zeta', 'Alpha', '(none)', 'beta']);
      await userEvent.click(
        screen.getByRole('button', { name: 'Engineering owner' }),
      );
      expect(rows()).toEqual(['(none)', 'Alpha', 'zeta', 'beta']);
      // Ascending puts "(none)" last, as descending does (a plain text sort would put it first).
      await userEvent.click(screen.getByRole('button', { name: 'Group' }));
      expect(rows()).toEqual(['Alpha', 'beta', 'zeta', '(none)']);
    });
  });
});
