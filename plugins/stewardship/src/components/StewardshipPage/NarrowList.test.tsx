import { Page } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { focusRingOf, tabTo } from '../../__testUtils__/focusRingOf';
import { NarrowList, NarrowListItem } from './NarrowList';

describe('NarrowList', () => {
  it('rings its "Rows per page" select when Tab reaches it, as the wide tables do', async () => {
    // In a Backstage page, as in the app, where MUI numbers its class names.
    await renderInTestApp(
      <Page themeId="tool">
        <NarrowList
          id="fruit"
          title="Fruit in stock"
          count={2}
          paging={{
            page: 0,
            pageSize: 2,
            pageSizes: [2, 4],
            totalCount: 4,
            onPageChange: () => {},
          }}
        >
          <NarrowListItem>pear</NarrowListItem>
          <NarrowListItem>apple</NarrowListItem>
        </NarrowList>
      </Page>,
    );
    const select = screen.getByRole('button', { name: /^Rows per page/ });
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
});
