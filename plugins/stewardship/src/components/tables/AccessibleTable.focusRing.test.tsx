import { Page } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccessibleTable } from './AccessibleTable';
import { focusRingOf, tabTo } from '../../__testUtils__/focusRingOf';

// material-table's first render takes seconds on a busy machine.
jest.setTimeout(30_000);

type Fruit = { name: string };
const FRUITS: Fruit[] = ['pear', 'apple', 'fig', 'kiwi'].map(name => ({
  name,
}));

/** Four rows, two a page, in a Backstage page as in the app (where MUI numbers its class names). */
async function renderPagedTable() {
  await renderInTestApp(
    <Page themeId="tool">
      <AccessibleTable<Fruit>
        title="Fruit in stock"
        columns={[{ title: 'Fruit', field: 'name' }]}
        data={FRUITS}
        options={{ paging: true, pageSize: 2, pageSizeOptions: [2, 4] }}
      />
    </Page>,
  );
}

describe('the paging controls of AccessibleTable', () => {
  it('ring the "Rows per page" select when Tab reaches it', async () => {
    await renderPagedTable();
    const select = screen.getByRole('button', { name: /^Rows per page/ });
    // Still MUI's paging select, as styled in every other table.
    expect(select.className).toMatch(/\bMuiTablePagination-select-\d+\b/);
    expect(focusRingOf(select).style).toBe('none');

    const user = userEvent.setup();
    await tabTo(user, select);
    expect(select).toHaveFocus();
    expect(focusRingOf(select)).toMatchObject({
      style: 'solid',
      width: '2px',
      offset: '2px',
    });
  });

  it('ring the option focused in its menu, which MUI renders outside the table', async () => {
    await renderPagedTable();
    const select = screen.getByRole('button', { name: /^Rows per page/ });
    const user = userEvent.setup();
    await tabTo(user, select);
    await user.keyboard('{Enter}');

    const current = await screen.findByRole('option', { name: '2' });
    expect(current).toHaveFocus();
    // Marked as MUI marks an option the keyboard moved to in a browser: MUI asks jsdom's
    // `:focus-visible`, which answers from its own record of earlier events (the e2e keyboard
    // test presses the keys in Chromium).
    current.classList.add('Mui-focusVisible');
    // Drawn inside the option: the menu's paper hides what overflows it sideways.
    expect(focusRingOf(current)).toMatchObject({
      style: 'solid',
      width: '2px',
      offset: '-2px',
    });
    expect(focusRingOf(screen.getByRole('option', { name: '4' })).style).toBe(
      'none',
    );
  });
});
