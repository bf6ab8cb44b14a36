import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { BurnRateTable } from './BurnRateTable';
import { evaluation } from './__fixtures__';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

function rowOf(window: string): HTMLElement {
  return screen.getByRole('row', {
    name: new RegExp(`^${window} `),
  });
}

/** The row's header (its window) and then its cells. */
function cellTexts(row: HTMLElement): Array<string | null> {
  return [
    ...within(row).getAllByRole('rowheader'),
    ...within(row).getAllByRole('cell'),
  ].map(cell => cell.textContent);
}

describe('BurnRateTable', () => {
  it('shows each window with its rate, ratio, counts and the policies that use it, in words', async () => {
    await renderInTestApp(
      <BurnRateTable
        burnRates={evaluation.burnRates}
        alerts={evaluation.alerts}
      />,
    );

    const table = screen.getByRole('table', { name: 'Burn rates' });
    // Header + one row per measured window (5m, 30m, 1h, 6h, 3d in the fixture).
    expect(within(table).getAllByRole('row')).toHaveLength(6);

    // 5m: 48 bad of 3000 = 1.6 %, burn 16; short window of page-1h, which fires.
    const fiveMinutes = rowOf('5m');
    expect(cellTexts(fiveMinutes).slice(0, 4)).toEqual([
      '5m',
      '16×',
      '1.6 %',
      '2,952 / 3,000',
    ]);
    expect(fiveMinutes).toHaveTextContent(
      'page-1h (page, short window): threshold 14.4×, fires',
    );
    // The short columns are never split mid-word in a narrow card; the policies wrap instead.
    for (const cell of [
      within(table).getByRole('columnheader', { name: 'Window' }),
      within(fiveMinutes).getByText('5m'),
      within(fiveMinutes).getByText('1.6 %'),
    ]) {
      expect(cell).toHaveStyle({ whiteSpace: 'nowrap' });
    }

    // 1h: long window of page-1h.
    expect(rowOf('1h')).toHaveTextContent(
      'page-1h (page, long window): threshold 14.4×, fires',
    );

    // 30m: short window of page-6h, which is quiet.
    expect(rowOf('30m')).toHaveTextContent(
      'page-6h (page, short window): threshold 6×, quiet',
    );

    // 6h: long window of page-6h and short window of ticket-3d, both quiet.
    const sixHours = rowOf('6h');
    expect(sixHours).toHaveTextContent(
      'page-6h (page, long window): threshold 6×, quiet',
    );
    expect(sixHours).toHaveTextContent(
      'ticket-3d (ticket, short window): threshold 1×, quiet',
    );
    expect(within(sixHours).queryByText('fires')).toBeNull();

    // 3d had no counts: unknown, never 0.
    const threeDays = rowOf('3d');
    expect(cellTexts(threeDays).slice(0, 4)).toEqual([
      '3d',
      'unknown',
      'unknown',
      'no counts',
    ]);
    expect(threeDays).toHaveTextContent(
      'ticket-3d (ticket, long window): threshold 1×, quiet',
    );

    // Words, not colour: every policy mention reads "fires" or "quiet".
    expect(screen.getAllByText('fires')).toHaveLength(2);
    expect(screen.getAllByText('quiet')).toHaveLength(4);
  });

  it('matches policy windows written differently (60m is 1h)', async () => {
    const [firing] = evaluation.alerts;
    await renderInTestApp(
      <BurnRateTable
        burnRates={[{ window: '1h', burnRate: 15.2 }]}
        alerts={[
          {
            ...firing,
            policy: { ...firing.policy, name: 'custom', longWindow: '60m' },
          },
        ]}
      />,
    );

    expect(rowOf('1h')).toHaveTextContent(
      'custom (page, long window): threshold 14.4×, fires',
    );
  });

  it('writes a rate beside its threshold and the threshold as the SLO row does', async () => {
    const [firing] = evaluation.alerts;
    await renderInTestApp(
      <BurnRateTable
        burnRates={[
          { window: '1h', burnRate: 14.404 },
          { window: '5m', burnRate: 16 },
          { window: '3d', burnRate: 0.2499 },
          { window: '6h', burnRate: 0.5 },
        ]}
        alerts={[
          { ...firing, longBurnRate: 14.404, shortBurnRate: 16 },
          {
            policy: {
              name: 'ticket-3d',
              severity: 'ticket',
              // A 7d SLO's "10 % within 3d": 0.1 × 7 / 3 = 0.2333…
              burnRate: (0.1 * 7) / 3,
              longWindow: '3d',
              shortWindow: '6h',
              budgetFraction: 0.1,
            },
            firing: true,
            longBurnRate: 0.2499,
            shortBurnRate: 0.5,
          },
        ]}
      />,
    );

    // 14.404 beside 14.4: to 3 and 4 significant digits both read 14.4, to 5 14.404 and 14.4.
    const hour = rowOf('1h');
    expect(cellTexts(hour)[1]).toBe('14.404×');
    expect(hour).toHaveTextContent(
      'page-1h (page, long window): threshold 14.4×, fires',
    );
    // 16 beside 14.4 reads apart to 3 digits.
    expect(cellTexts(rowOf('5m'))[1]).toBe('16×');
    expect(rowOf('5m')).toHaveTextContent(
      'page-1h (page, short window): threshold 14.4×, fires',
    );
    // 0.2333… to 3 significant digits is 0.233 (two decimals would write 0.23); 0.2499 is 0.25.
    const threeDays = rowOf('3d');
    expect(cellTexts(threeDays)[1]).toBe('0.25×');
    expect(threeDays).toHaveTextContent(
      'ticket-3d (ticket, long window): threshold 0.233×, fires',
    );
    expect(rowOf('6h')).toHaveTextContent(
      'ticket-3d (ticket, short window): threshold 0.233×, fires',
    );
  });

  it('reads a rate apart from every threshold of its window, not lengthened by two close thresholds', async () => {
    const [firing] = evaluation.alerts;
    const onTheHour = (name: string, burnRate: number) => ({
      ...firing,
      policy: { ...firing.policy, name, burnRate },
      longBurnRate: undefined,
      shortBurnRate: undefined,
    });
    const { unmount } = await renderInTestApp(
      <BurnRateTable
        burnRates={[{ window: '1h', burnRate: 20.53 }]}
        alerts={[onTheHour('a', 14.4), onTheHour('b', 14.41)]}
      />,
    );
    // Beside 14.4 and beside 14.41 it reads 20.5 to 3 digits, as the row writes it beside each.
    expect(cellTexts(rowOf('1h'))[1]).toBe('20.5×');
    unmount();

    await renderInTestApp(
      <BurnRateTable
        burnRates={[{ window: '1h', burnRate: 14.4049 }]}
        alerts={[onTheHour('a', 14.4), onTheHour('b', 14.405)]}
      />,
    );
    // Beside 14.4 it takes 5 digits, 14.405, which reads as the other threshold: 6, 14.4049.
    expect(cellTexts(rowOf('1h'))[1]).toBe('14.4049×');
  });

  it('writes a threshold longer when a rate of its windows would read as it', async () => {
    const [, quiet] = evaluation.alerts;
    await renderInTestApp(
      <BurnRateTable
        burnRates={[{ window: '6h', burnRate: 14.4 }]}
        alerts={[
          {
            ...quiet,
            policy: { ...quiet.policy, burnRate: 14.404 },
            longBurnRate: 14.4,
            shortBurnRate: undefined,
          },
        ]}
      />,
    );
    // 14.4 below a threshold of 14.404: 14.4 and, to 5 digits, 14.404, never 14.4 twice.
    const sixHours = rowOf('6h');
    expect(cellTexts(sixHours)[1]).toBe('14.4×');
    expect(sixHours).toHaveTextContent(
      'page-6h (page, long window): threshold 14.404×, quiet',
    );
  });

  it('wraps the alert policies inside their column rather than widening the table past its card', async () => {
    await renderInTestApp(
      <BurnRateTable
        burnRates={evaluation.burnRates}
        alerts={evaluation.alerts}
      />,
    );
    // jsdom lays nothing out: the styles that decide the widths stand in for a measurement.
    const header = screen.getByRole('columnheader', { name: 'Alert policies' });
    expect(getComputedStyle(header).minWidth).toBe('16rem');
    const policyCell = within(rowOf('1h')).getAllByRole('cell').at(-1)!;
    expect(policyCell).toHaveTextContent('page-1h (page, long window)');
    expect(getComputedStyle(policyCell).whiteSpace).toBe('normal');
    expect(getComputedStyle(policyCell).overflowWrap).toBe('anywhere');
  });

  it('says when nothing was measured', async () => {
    await renderInTestApp(<BurnRateTable burnRates={[]} alerts={[]} />);

    expect(
      screen.getByText('No burn rates were measured in this evaluation.'),
    ).toBeInTheDocument();
  });
});
