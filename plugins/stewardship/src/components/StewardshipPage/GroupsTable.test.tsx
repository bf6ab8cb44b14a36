import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardGroup } from '@stewardship/backstage-plugin-stewardship-common';
import { GroupsTable } from './GroupsTable';
import { fakeWindowWidth } from './fakeWindowWidth';

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
  });
});
