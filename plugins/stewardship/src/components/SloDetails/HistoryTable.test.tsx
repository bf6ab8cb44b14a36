import { renderInTestApp } from '@backstage/test-utils';
import { SloHistoryPoint } from '@stewardship/backstage-plugin-stewardship-common';
import { screen, within } from '@testing-library/react';
import { HistoryTable, thinPoints } from './HistoryTable';

jest.setTimeout(30_000);

const START = Date.parse('2024-04-01T00:00:00.000Z');
const MINUTE = 60_000;

/** `n` points a minute apart, the i-th with a budget of i thousandths. */
const points = (n: number): SloHistoryPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    at: new Date(START + i * MINUTE).toISOString(),
    status: 'healthy',
    budgetRemaining: i / 1000,
  }));

/** The Time cells, top to bottom. */
const times = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('thinPoints', () => {
  it('keeps the newest point when it may keep only one', () => {
    expect(thinPoints([1, 2, 3], 1)).toEqual([3]);
    expect(thinPoints([1, 2, 3], 2)).toEqual([1, 3]);
    expect(thinPoints([1, 2, 3], 0)).toEqual([]);
  });
});

describe('HistoryTable', () => {
  it('lists a short history whole', async () => {
    await renderInTestApp(
      <HistoryTable
        points={points(30)}
        caption="History of x."
        objective={0.999}
      />,
    );
    expect(times()).toHaveLength(30);
    expect(screen.getByRole('table')).toHaveAccessibleName('History of x.');
  });

  it('writes each point’s figures, a burn rate with its unit', async () => {
    await renderInTestApp(
      <HistoryTable
        points={[
          {
            at: new Date(START).toISOString(),
            status: 'at-risk',
            budgetRemaining: 0.25,
            sli: 0.9975,
            burnRate1h: 14.41,
          },
          { at: new Date(START + MINUTE).toISOString(), status: 'no-data' },
        ]}
        caption="History of x."
        objective={0.999}
      />,
    );
    const cells = within(screen.getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(cells[0].slice(1)).toEqual(['at-risk', '25 %', '99.75 %', '14.4×']);
    expect(cells[1][4]).not.toMatch(/×/);
  });

  it('writes the budget left with one decimal, as the summary and the row do, never 0 % unless exactly', async () => {
    await renderInTestApp(
      <HistoryTable
        points={[0.42195, 0.000004, -0.00123, 0].map((budget, i) => ({
          at: new Date(START + i * MINUTE).toISOString(),
          status: 'healthy',
          budgetRemaining: budget,
        }))}
        caption="History of x."
        objective={0.999}
      />,
    );
    const budgets = within(screen.getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('cell')[2].textContent);
    expect(budgets).toEqual(['42.2 %', '0.0004 %', '-0.1 %', '0 %']);
  });

  it('writes an SLI with the decimals it takes to differ from the objective in its header', async () => {
    await renderInTestApp(
      <HistoryTable
        points={[
          {
            at: new Date(START).toISOString(),
            status: 'exhausted',
            budgetRemaining: -0.002,
            sli: 0.999499,
          },
          {
            at: new Date(START + MINUTE).toISOString(),
            status: 'healthy',
            budgetRemaining: 0.2,
            sli: 0.9996,
          },
        ]}
        caption="History of x."
        objective={0.9995}
      />,
    );
    const table = screen.getByRole('table');
    expect(
      within(table).getByRole('columnheader', {
        name: 'SLI (objective 99.95 %)',
      }),
    ).toBeInTheDocument();
    const slis = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('cell')[3].textContent);
    // 0.999499 to three decimals, 99.95 %, would read as the objective it is below.
    expect(slis).toEqual(['99.9499 %', '99.96 %']);
  });

  it('reads a long history as 100 evenly spaced points, the first and the last included', async () => {
    const n = 5000;
    await renderInTestApp(
      <HistoryTable
        points={points(n)}
        caption="History of x."
        objective={0.999}
      />,
    );
    const listed = times();
    expect(listed).toHaveLength(100);
    // Minutes are UTC, as every moment the plugin prints: the first and the last point.
    expect(listed[0]).toBe('2024-04-01 00:00 UTC');
    // The last is 4,999 minutes after the first: 3 days 11 h 19 min.
    expect(listed[99]).toBe('2024-04-04 11:19 UTC');
    expect(screen.getByRole('table')).toHaveAccessibleName(
      'History of x. The table lists 100 of the 5,000 points, evenly spaced, the first and the last included.',
    );
  });

  it('shows seconds for the rows that share a minute, and only for them', async () => {
    // A scheduled run and an on-demand evaluation 4 s apart, then a point alone in its minute.
    const at = (offsetMs: number) => new Date(START + offsetMs).toISOString();
    const shared: SloHistoryPoint[] = [
      { at: at(13 * MINUTE), status: 'at-risk', budgetRemaining: 0.47981 },
      {
        at: at(13 * MINUTE + 4_000),
        status: 'at-risk',
        budgetRemaining: 0.47981,
      },
      { at: at(14 * MINUTE + 30_000), status: 'healthy', budgetRemaining: 0.5 },
    ];
    await renderInTestApp(
      <HistoryTable
        points={shared}
        caption="History of x."
        objective={0.999}
      />,
    );
    expect(times()).toEqual([
      '2024-04-01 00:13:00 UTC',
      '2024-04-01 00:13:04 UTC',
      '2024-04-01 00:14 UTC',
    ]);
  });
});
