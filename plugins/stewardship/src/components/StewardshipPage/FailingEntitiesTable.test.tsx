import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FailingEntity } from '@stewardship/backstage-plugin-stewardship-common';
import { scorecard } from '../../__testUtils__/fixtures';
import { FailingEntitiesTable } from './FailingEntitiesTable';
import { fakeWindowWidth } from './fakeWindowWidth';

/** The fixture's failing entity, and one with no owner and two failing roles. */
const items: FailingEntity[] = [
  ...scorecard.failing.items,
  {
    entityRef: 'api:default/ledger-api',
    kind: 'API',
    name: 'ledger-api',
    problems: [
      {
        role: 'product',
        required: true,
        status: 'missing',
        annotation: 'stewardship.io/product-owner',
        problem: 'No product owner is declared.',
        fix: 'Add stewardship.io/product-owner to catalog-info.yaml.',
      },
      {
        role: 'engineering',
        required: false,
        status: 'orphaned',
        annotation: 'stewardship.io/engineering-owner',
        value: 'group:default/empty',
      },
    ],
  },
];

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function render(
  props: Partial<Parameters<typeof FailingEntitiesTable>[0]> = {},
) {
  const onPageChange = jest.fn();
  return {
    onPageChange,
    rendered: renderInTestApp(
      <FailingEntitiesTable
        failing={{ items, totalCount: 45, offset: 0, limit: 20 }}
        page={0}
        pageSize={20}
        loading={false}
        onPageChange={onPageChange}
        {...props}
      />,
      { mountedRoutes },
    ),
  };
}

describe('FailingEntitiesTable', () => {
  let restore: () => void = () => {};
  afterEach(() => restore());

  describe('in a 400 px window', () => {
    beforeEach(() => {
      restore = fakeWindowWidth(400);
    });

    it('lists each entity as a card with what the table shows, status in words', async () => {
      const { rendered } = render();
      await rendered;
      // No columns to squeeze: a list under the same title.
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      expect(
        screen.getByRole('heading', {
          level: 2,
          name: 'Failing entities (45)',
        }),
      ).toBeInTheDocument();
      const list = screen.getByRole('list', { name: 'Failing entities (45)' });
      const cards = within(list).getAllByRole('listitem');
      expect(cards).toHaveLength(2);

      const [billing, ledger] = cards;
      expect(
        within(billing).getByRole('heading', {
          level: 3,
          name: 'Legacy Billing',
        }),
      ).toBeInTheDocument();
      expect(
        within(billing).getByRole('link', { name: 'Legacy Billing' }),
      ).toHaveAttribute('href', '/catalog/default/component/legacy-billing');
      // Kind and owner labelled, as the columns' headers did.
      expect(
        [...billing.querySelectorAll('dt, dd')].map(e => e.textContent),
      ).toEqual(['Kind', 'component', 'Owner', 'billing']);
      expect(
        within(billing).getByRole('link', { name: /billing$/ }),
      ).toHaveAttribute('href', '/catalog/default/group/billing');
      expect(within(billing).getByText('Business owner')).toBeInTheDocument();
      // The status a word a screen reader hears, not only an icon.
      expect(
        within(billing).getByText('unresolved').closest('[aria-hidden="true"]'),
      ).toBeNull();
      expect(
        within(billing).getByText(
          'user:default/ghost names no catalog entity.',
        ),
      ).toBeInTheDocument();
      expect(
        within(billing).getByText(
          'Fix: Point stewardship.io/business-owner at an existing user or group.',
        ),
      ).toBeInTheDocument();

      // No title: its name; no owner: said in words.
      expect(
        within(ledger).getByRole('heading', { level: 3, name: 'ledger-api' }),
      ).toBeInTheDocument();
      expect(
        [...ledger.querySelectorAll('dt, dd')].map(e => e.textContent),
      ).toEqual(['Kind', 'API', 'Owner', 'none']);
      expect(within(ledger).getByText('Product owner')).toBeInTheDocument();
      expect(within(ledger).getByText('missing')).toBeInTheDocument();
      expect(within(ledger).getByText('Engineering owner')).toBeInTheDocument();
      expect(within(ledger).getByText('orphaned')).toBeInTheDocument();
    });

    it('pages on the server as the table does', async () => {
      const { rendered, onPageChange } = render({ page: 1 });
      await rendered;
      // 45 entities, 20 a page, the second page shown: 21–40.
      expect(screen.getByText('21-40 of 45')).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      expect(onPageChange).toHaveBeenLastCalledWith(2, 20);
      await userEvent.click(
        screen.getByRole('button', { name: 'Previous page' }),
      );
      expect(onPageChange).toHaveBeenLastCalledWith(0, 20);
      // A new page size starts over at the first page, in one call.
      await userEvent.click(
        screen.getByRole('button', { name: /Rows per page/ }),
      );
      await userEvent.click(screen.getByRole('option', { name: '50' }));
      expect(onPageChange).toHaveBeenLastCalledWith(0, 50);
      expect(onPageChange).toHaveBeenCalledTimes(3);
    });

    it('says so while a page loads, and when nothing fails', async () => {
      const { rendered } = render({
        loading: true,
        failing: { items: [], totalCount: 0, offset: 0, limit: 20 },
      });
      await rendered;
      expect(
        screen.getByRole('progressbar', {
          name: 'Loading the failing entities',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          'Every entity in scope has all its required roles in place.',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByRole('list')).not.toBeInTheDocument();
    });
  });

  it.each([
    ['in a 400 px window', 400],
    ['in a table', 1024],
  ])(
    'says when a page is past the end of the list, and goes to its last page, %s',
    async (_layout, width) => {
      restore = fakeWindowWidth(width);
      // A bookmarked sixth page of a list of 45 that has 20 a page: pages 1 to 3.
      const { rendered, onPageChange } = render({
        page: 5,
        failing: { items: [], totalCount: 45, offset: 100, limit: 20 },
      });
      await rendered;
      expect(
        screen.queryByText(/Every entity in scope has all its required roles/),
      ).not.toBeInTheDocument();
      expect(
        screen.getByText(
          'This page is past the end of the list: its 45 failing entities are on pages 1 to 3.',
        ),
      ).toBeInTheDocument();
      await userEvent.click(
        screen.getByRole('button', { name: 'Go to page 3' }),
      );
      expect(onPageChange).toHaveBeenCalledTimes(1);
      expect(onPageChange).toHaveBeenCalledWith(2, 20);
    },
  );

  it('says the one failing entity is on page 1 when a second page is empty', async () => {
    restore = fakeWindowWidth(1024);
    const { rendered, onPageChange } = render({
      page: 1,
      pageSize: 50,
      failing: { items: [], totalCount: 1, offset: 50, limit: 50 },
    });
    await rendered;
    expect(
      screen.getByText(
        'This page is past the end of the list: its 1 failing entity is on page 1.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Go to page 1' }));
    expect(onPageChange).toHaveBeenCalledWith(0, 50);
  });

  it('keeps the table from 600 px on', async () => {
    restore = fakeWindowWidth(600);
    const { rendered } = render();
    await rendered;
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      ['Entity', 'Kind', 'Owner', 'Problems'],
    );
    // Titles only: no drag handle (a tab stop that reorders the columns) in a header.
    for (const header of screen.getAllByRole('columnheader')) {
      expect(
        header.querySelectorAll(
          '[tabindex], [data-rbd-drag-handle-draggable-id]',
        ),
      ).toHaveLength(0);
    }
    // Named by its heading, the count of every page's entities in it.
    expect(
      screen.getByRole('table', { name: 'Failing entities (45)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Legacy Billing' }).closest('tr'),
    ).not.toBeNull();
  });
});
