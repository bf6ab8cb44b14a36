import { renderInTestApp } from '@backstage/test-utils';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { screen } from '@testing-library/react';
import { HeadedEmptyState } from './HeadedEmptyState';

describe('HeadedEmptyState', () => {
  it.each([2, 3, 6] as const)(
    'writes the title as a heading of level %i, looking as EmptyState draws it',
    async level => {
      await renderInTestApp(
        <HeadedEmptyState
          headingLevel={level}
          missing="info"
          title="No SLOs yet"
          description="Add one."
        />,
      );
      const title = screen.getByRole('heading', { name: 'No SLOs yet' });
      expect(title.tagName).toBe(`H${level}`);
      // EmptyState's own variant: the look does not change with the level. (Inside a nested
      // theme MUI numbers its class names: MuiTypography-h5-116.)
      expect(title.className).toMatch(/\bMuiTypography-h5\b/);
      expect(screen.getAllByRole('heading')).toEqual([title]);
    },
  );

  it('leaves the rest of the page, and the action inside, as they were', async () => {
    await renderInTestApp(
      <>
        <Typography variant="h5">Outside</Typography>
        <HeadedEmptyState
          headingLevel={2}
          missing="info"
          title="Nothing here"
          description="Add one."
          action={<Button>Add</Button>}
        />
      </>,
    );
    expect(screen.getByText('Outside').tagName).toBe('H5');
    expect(screen.getByText('Add one.').tagName).toBe('P');
    expect(screen.getByRole('button', { name: 'Add' })).toBeInTheDocument();
  });
});
