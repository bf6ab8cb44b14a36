import {
  PlanningReview,
  ReviewRow,
  ReviewSlo,
} from '@stewardship/backstage-plugin-stewardship-common';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { ReviewEntitiesTable, ReviewSlosTable } from './ReviewTables';
import { REVIEW } from './reviewFixture';

// material-table's first render takes seconds on a busy machine.
jest.setTimeout(30_000);

const base = REVIEW.rows[0];

/** A row of the review with one SLO; `burn` undefined is "no data". */
function row(
  name: string,
  burn: number | undefined,
  fields: Partial<ReviewRow> = {},
  slo: Partial<ReviewSlo> = {},
): ReviewRow {
  return {
    ...base,
    entityRef: `component:default/${name}`,
    worstBurnRate1h: burn,
    slos: [{ ...base.slos[0], name: `${name}-slo`, ...slo }],
    ...fields,
  };
}

const review = (rows: ReviewRow[]): PlanningReview => ({ ...REVIEW, rows });

/** The first cell's text of every body row of the table titled `title`, top to bottom. */
function column(title: string, cell = 0): string[] {
  const table = screen
    .getAllByRole('table')
    .find(t => t.closest('[class*="MuiPaper"]')?.textContent?.includes(title))!;
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getAllByRole('cell')[cell].textContent ?? '');
}

const sortBy = (name: string) =>
  fireEvent.click(screen.getAllByRole('button', { name })[0]);

describe('ReviewEntitiesTable', () => {
  it('sorts entities without data after every figure, ascending and descending', async () => {
    const burns: Array<[string, number | undefined]> = [
      ['alpha', undefined],
      ['bravo', 3],
      ['charlie', undefined],
      ['delta', 0.5],
      ['echo', 12],
    ];
    await renderWithApi(
      <ReviewEntitiesTable
        review={review(burns.map(([name, burn]) => row(name, burn)))}
      />,
      mockStewardshipApi(),
    );
    const known = burns.filter(([, burn]) => burn !== undefined);
    const missing = burns
      .filter(([, burn]) => burn === undefined)
      .map(([name]) => name);
    const names = (order: Array<[string, number | undefined]>) =>
      order.map(([name]) => name);
    const entities = () =>
      column('Reliability').map(text => text.split('SLOs')[0]);

    sortBy('Worst burn (1 h)');
    const ascending = [...known].sort((a, b) => a[1]! - b[1]!);
    expect(entities().slice(0, known.length)).toEqual(names(ascending));
    expect(entities().slice(known.length).sort()).toEqual(missing);

    sortBy('Worst burn (1 h)');
    expect(entities().slice(0, known.length)).toEqual(
      names([...ascending].reverse()),
    );
    expect(entities().slice(known.length).sort()).toEqual(missing);
  });

  it('sorts by the entity as its link reads, not by its ref', async () => {
    // By ref, api:… sorts before every component:…; by what is shown it sorts among them.
    const rows = [
      row('zulu', 1),
      { ...row('mike', 1), entityRef: 'api:default/mike' },
      row('alpha', 1, { title: 'Xray service' }),
      row('bravo', 1),
    ];
    await renderWithApi(
      <ReviewEntitiesTable review={review(rows)} />,
      mockStewardshipApi(),
    );
    sortBy('Entity');
    const shown = ['zulu', 'mike', 'Xray service', 'bravo'];
    const expected = [...shown].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : 1,
    );
    const entities = column('Reliability').map(text => text.split('SLOs')[0]);
    // The link shows the short ref until a catalog title arrives; the title sorts as given.
    expect(entities.map(e => (e === 'alpha' ? 'Xray service' : e))).toEqual(
      expected,
    );
  });
});

describe('ReviewSlosTable', () => {
  it('sorts SLO names without regard to case', async () => {
    const names = ['beta', 'Alpha', 'alpine', 'Charlie'];
    await renderWithApi(
      <ReviewSlosTable
        review={review(names.map((name, i) => row(`e${i}`, 1, {}, { name })))}
      />,
      mockStewardshipApi(),
    );
    sortBy('SLO');
    expect(column('SLOs', 1)).toEqual(['Alpha', 'alpine', 'beta', 'Charlie']);
    sortBy('SLO');
    expect(column('SLOs', 1)).toEqual(['Charlie', 'beta', 'alpine', 'Alpha']);
  });

  it('sorts SLOs without an attainment last in both directions', async () => {
    const attainments: Array<[string, number | undefined]> = [
      ['a', undefined],
      ['b', 0.5],
      ['c', 0.99],
      ['d', undefined],
      ['e', 0.75],
    ];
    await renderWithApi(
      <ReviewSlosTable
        review={review(
          attainments.map(([name, attainment]) =>
            row(name, 1, {}, { name, attainment }),
          ),
        )}
      />,
      mockStewardshipApi(),
    );
    const known = attainments
      .filter(([, v]) => v !== undefined)
      .sort((x, y) => x[1]! - y[1]!)
      .map(([name]) => name);
    sortBy('Attainment');
    expect(column('SLOs', 1)).toEqual([...known, 'a', 'd']);
    sortBy('Attainment');
    expect(column('SLOs', 1)).toEqual([...[...known].reverse(), 'a', 'd']);
  });
});
