import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { BurndownChart, burndownCaption } from './BurndownChart';
import { history } from './__fixtures__';

// The first render of MUI and recharts takes seconds on a loaded machine.
jest.setTimeout(30_000);

const window = {
  start: '2024-04-01T00:00:00.000Z',
  end: '2024-05-01T00:00:00.000Z',
};

describe('BurndownChart', () => {
  it('captions the first and last budget values and the ideal line', async () => {
    await renderInTestApp(
      <BurndownChart points={history.points} window={window} />,
    );

    expect(
      screen.getByText(
        'Error budget remaining went from 95 % at 2024-04-01 00:05 UTC to 42 % at 2024-05-01 00:00 UTC. ' +
          'The dashed line is the ideal burndown, from 100 % at the window start (2024-04-01 00:00 UTC) ' +
          'to 0 % at its end (2024-05-01 00:00 UTC).',
      ),
    ).toBeInTheDocument();
  });

  it('shows an overspent budget as negative and skips points without data', () => {
    const caption = burndownCaption(
      [
        { at: '2024-04-02T00:00:00Z', status: 'no-data' },
        { at: '2024-04-03T00:00:00Z', status: 'healthy', budgetRemaining: 0.5 },
        {
          at: '2024-04-04T00:00:00Z',
          status: 'exhausted',
          budgetRemaining: -0.2,
        },
        { at: '2024-04-05T00:00:00Z', status: 'no-data' },
      ],
      window,
    );

    expect(caption).toMatch(
      /^Error budget remaining went from 50 % at 2024-04-03 00:00 UTC to -20 % at 2024-04-04 00:00 UTC\./,
    );
  });

  it('says so when no point has a budget', () => {
    expect(
      burndownCaption(
        [{ at: '2024-04-02T00:00:00Z', status: 'no-data' }],
        window,
      ),
    ).toMatch(/^No point of the history has an error budget \(no data\)\./);
  });
});
