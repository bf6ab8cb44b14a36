import { fireEvent, screen, within } from '@testing-library/react';
import { SloOverviewItem } from '@stewardship/backstage-plugin-stewardship-common';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SloOverviewTable } from './SloOverviewTable';

jest.setTimeout(30_000);

function item(
  name: string,
  fields: Partial<SloOverviewItem> = {},
): SloOverviewItem {
  return {
    sloId: name,
    name,
    entityRef: `component:default/${name}`,
    stale: false,
    brokenSli: false,
    objective: 0.999,
    metricSource: 'prometheus',
    ...fields,
  };
}

/** The SLO names of the rows, top to bottom. */
const rowNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');

const sortBy = (name: string) =>
  fireEvent.click(screen.getAllByRole('button', { name })[0]);

/** Case-insensitive order of plain ASCII words, written out here. */
const caseless = (a: string, b: string) =>
  a.toLowerCase() < b.toLowerCase() ? -1 : 1;

const render = (
  items: SloOverviewItem[],
  labels: Partial<Parameters<typeof SloOverviewTable>[0]> = {},
) =>
  renderWithApi(
    <SloOverviewTable items={items} loading={false} {...labels} />,
    mockStewardshipApi(),
  );

describe('SloOverviewTable sorting', () => {
  it('sorts SLOs without a budget last, ascending and descending', async () => {
    const budgets: Array<[string, number | undefined]> = [
      ['n1', undefined],
      ['b50', 0.5],
      ['bminus', -2],
      ['n2', undefined],
      ['b90', 0.9],
    ];
    await render(
      budgets.map(([name, budgetRemaining]) => item(name, { budgetRemaining })),
    );
    const known = budgets
      .filter(([, b]) => b !== undefined)
      .sort((x, y) => x[1]! - y[1]!)
      .map(([name]) => name);
    sortBy('Budget remaining');
    expect(rowNames()).toEqual([...known, 'n1', 'n2']);
    sortBy('Budget remaining');
    expect(rowNames()).toEqual([...[...known].reverse(), 'n1', 'n2']);
  });

  it('sorts by the evaluation instant, never-evaluated SLOs last, ascending and descending', async () => {
    await render([
      item('never1'),
      item('late', { evaluatedAt: '2026-11-30T10:00:00.000Z' }),
      // 09:30 UTC, written with an offset: earlier than `late`, later than `early`.
      item('offset', { evaluatedAt: '2026-11-30T11:30:00+02:00' }),
      item('never2'),
      item('early', { evaluatedAt: '2026-11-29T23:00:00.000Z' }),
    ]);
    sortBy('Evaluated as of');
    expect(rowNames()).toEqual(['early', 'offset', 'late', 'never1', 'never2']);
    sortBy('Evaluated as of');
    expect(rowNames()).toEqual(['late', 'offset', 'early', 'never1', 'never2']);
  });

  it('sorts SLO names without regard to case', async () => {
    const names = ['beta', 'Alpha', 'charlie', 'Bravo'];
    await render(names.map(name => item(name)));
    sortBy('SLO');
    expect(rowNames()).toEqual([...names].sort(caseless));
    sortBy('SLO');
    expect(rowNames()).toEqual([...names].sort(caseless).reverse());
  });

  it('sorts entities by the title shown, not by their ref', async () => {
    // Refs in order a, b, c; titles in order Zeta, Mid, Alpha (the ref's short name without one).
    const shown: Record<string, string> = { a: 'Zeta', b: 'Mid', c: 'c' };
    await render([
      item('slo-a', { entityRef: 'component:default/a', entityTitle: 'Zeta' }),
      item('slo-b', { entityRef: 'component:default/b', entityTitle: 'Mid' }),
      item('slo-c', { entityRef: 'component:default/c' }),
    ]);
    sortBy('Entity');
    const expected = Object.keys(shown)
      .sort((x, y) => caseless(shown[x], shown[y]))
      .map(key => `slo-${key}`);
    expect(rowNames()).toEqual(expected);
  });

  it('sorts owners by the label the Owner filter shows, those without one last', async () => {
    const labels: Record<string, string> = {
      'group:default/aaa': 'Zulu team',
      'group:default/bbb': 'alpha team',
      'group:default/ccc': 'Mike team',
    };
    await render(
      [
        item('one', { owner: 'group:default/aaa' }),
        item('two'),
        item('three', { owner: 'group:default/bbb' }),
        item('four', { owner: 'group:default/ccc' }),
      ],
      { ownerLabel: ref => labels[ref] },
    );
    const byLabel = ['three', 'four', 'one']; // alpha, Mike, Zulu
    sortBy('Owner');
    expect(rowNames()).toEqual([...byLabel, 'two']);
    sortBy('Owner');
    expect(rowNames()).toEqual([...[...byLabel].reverse(), 'two']);
  });

  it('writes the count with thousands separators', async () => {
    await render(Array.from({ length: 1200 }, (_, i) => item(`slo-${i}`)));
    expect(screen.getByText('SLOs (1,200)')).toBeInTheDocument();
    // The table is named by it.
    expect(
      screen.getByRole('table', { name: 'SLOs (1,200)' }),
    ).toBeInTheDocument();
  });

  it('writes SLI and objective each on one line, wrapping only at the slash', async () => {
    await render([
      item('measured', { sli: 0.99944, objective: 0.999 }),
      item('unmeasured', { objective: 0.995 }),
      // Both 99.95 % to three decimals: written together, four tell them apart.
      item('exhausted', { sli: 0.999499, objective: 0.9995 }),
    ]);
    const cellOf = (name: string) => {
      const row = within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .find(r => within(r).getAllByRole('cell')[0].textContent === name)!;
      return within(row).getAllByRole('cell')[4];
    };
    for (const [name, sli, objective] of [
      ['measured', '99.944 %', '99.9 %'],
      ['unmeasured', 'no data', '99.5 %'],
      ['exhausted', '99.9499 %', '99.95 %'],
    ]) {
      const cell = cellOf(name);
      expect(cell).toHaveTextContent(`${sli} / ${objective}`);
      for (const figure of [sli, objective]) {
        expect(within(cell).getByText(figure)).toHaveStyle({
          whiteSpace: 'nowrap',
        });
      }
    }
  });
});
