import {
  PlanningReview,
  ReviewRow,
  ReviewSlo,
} from '@stewardship/backstage-plugin-stewardship-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import {
  ReviewEntitiesTable,
  ReviewPlanningTable,
  ReviewSlosTable,
} from './ReviewTables';
import { GROUP_REVIEW, REVIEW, noIncidents } from './reviewFixture';
import { SPOKEN_ONLY_CLASS } from '../tables/SpokenAs';

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

/** An element's text as shown: without the words only a screen reader reads. */
function shownText(element: Element) {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll(`.${SPOKEN_ONLY_CLASS}`).forEach(e => e.remove());
  return copy.textContent ?? '';
}

/** The cells of the body row whose entity is `name`, after the entity's. */
function cellsOf(table: string, name: string) {
  const line = within(screen.getByRole('table', { name: table }))
    .getAllByRole('row')
    .find(r => within(r).queryByRole('link', { name }))!;
  return within(line).getAllByRole('cell').slice(1);
}

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

/**
 * Fires `type` on the window as the browser does, outside act(): the browser lays the printout
 * out as soon as the listeners return, so every row must be there by then, not only soon after.
 */
function printEvent(type: 'beforeprint' | 'afterprint') {
  const environment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const actEnvironment = environment.IS_REACT_ACT_ENVIRONMENT;
  environment.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    window.dispatchEvent(new Event(type));
  } finally {
    environment.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  }
}

describe('paging', () => {
  /** `count` entities e01, e02, … in that order, each with a different burn, none in order. */
  function entities(count: number): Array<[string, number]> {
    return Array.from({ length: count }, (_, i) => [
      `e${String(i + 1).padStart(2, '0')}`,
      // 17 and 45 share no factor, so the burns are distinct and shuffled; with 30 added, the
      // lowest and the highest of 45 fall on the second page.
      ((i * 17 + 30) % 45) + 0.5,
    ]);
  }
  const reviewOf = (list: Array<[string, number]>) =>
    review(list.map(([name, burn]) => row(name, burn)));
  const names = (list: Array<[string, number]>) => list.map(([name]) => name);
  const byBurn = (list: Array<[string, number]>) =>
    names([...list].sort((a, b) => a[1] - b[1]));
  const shown = () => column('Reliability').map(text => text.split('SLOs')[0]);
  const pagingButton = (name: string) =>
    screen.queryByRole('button', { name: `${name} of Reliability` });

  it('shows a long review a page at a time, with named paging controls', async () => {
    const list = entities(45);
    await renderWithApi(
      <ReviewEntitiesTable review={reviewOf(list)} />,
      mockStewardshipApi(),
    );
    expect(shown()).toEqual(names(list).slice(0, 20));
    for (const name of ['First Page', 'Previous Page', 'Last Page']) {
      expect(pagingButton(name)).toBeInTheDocument();
    }
    expect(
      screen.getByRole('button', { name: /^Rows per page:/ }),
    ).toHaveTextContent('20 rows');
    expect(screen.getAllByText('1-20 of 45').length).toBeGreaterThan(0);

    fireEvent.click(pagingButton('Next Page')!);
    expect(shown()).toEqual(names(list).slice(20, 40));
    fireEvent.click(pagingButton('Next Page')!);
    expect(shown()).toEqual(names(list).slice(40));
  });

  it('sorts every row, not only the page shown', async () => {
    const list = entities(45);
    await renderWithApi(
      <ReviewEntitiesTable review={reviewOf(list)} />,
      mockStewardshipApi(),
    );
    const ascending = byBurn(list);
    // The lowest and the highest burn are both beyond the first page before sorting.
    expect(names(list).slice(0, 20)).not.toContain(ascending[0]);
    expect(names(list).slice(0, 20)).not.toContain(ascending[44]);
    sortBy('Worst burn (1 h)');
    expect(shown()).toEqual(ascending.slice(0, 20));
    sortBy('Worst burn (1 h)');
    expect(shown()).toEqual([...ascending].reverse().slice(0, 20));
  });

  it('prints every row in the order shown, then shows one page again', async () => {
    const list = entities(45);
    await renderWithApi(
      <ReviewEntitiesTable review={reviewOf(list)} />,
      mockStewardshipApi(),
    );
    sortBy('Worst burn (1 h)');
    fireEvent.click(pagingButton('Next Page')!);
    const ascending = byBurn(list);
    expect(shown()).toEqual(ascending.slice(20, 40));

    printEvent('beforeprint');
    expect(shown()).toEqual(ascending);
    expect(pagingButton('Next Page')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Rows per page:/ }),
    ).toBeNull();

    printEvent('afterprint');
    expect(shown()).toEqual(ascending.slice(20, 40));
    expect(pagingButton('Next Page')).toBeInTheDocument();
  });

  it('shows a review of one page without paging controls', async () => {
    const list = entities(20);
    await renderWithApi(
      <ReviewEntitiesTable review={reviewOf(list)} />,
      mockStewardshipApi(),
    );
    expect(shown()).toEqual(names(list));
    expect(pagingButton('Next Page')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Rows per page:/ }),
    ).toBeNull();
  });

  it('starts another period on the first page', async () => {
    const first = reviewOf(entities(45));
    const next = { ...first, from: first.to, to: '2026-12-30T00:00:00.000Z' };
    function PeriodSwitch() {
      const [shownReview, setShownReview] = useState(first);
      return (
        <>
          <button type="button" onClick={() => setShownReview(next)}>
            Next period
          </button>
          <ReviewEntitiesTable review={shownReview} />
        </>
      );
    }
    await renderWithApi(<PeriodSwitch />, mockStewardshipApi());
    fireEvent.click(pagingButton('Next Page')!);
    expect(shown()).toEqual(names(entities(45)).slice(20, 40));
    fireEvent.click(screen.getByRole('button', { name: 'Next period' }));
    expect(shown()).toEqual(names(entities(45)).slice(0, 20));
  });

  it('pages the SLOs table by its SLOs, not by its entities', async () => {
    // Eleven entities of two SLOs each: 22 lines, more than a page.
    const rows = Array.from({ length: 11 }, (_, i) => ({
      ...row(`s${String(i + 1).padStart(2, '0')}`, 1),
      slos: ['a', 'b'].map(suffix => ({
        ...base.slos[0],
        name: `s${String(i + 1).padStart(2, '0')}${suffix}`,
      })),
    }));
    await renderWithApi(
      <ReviewSlosTable review={review(rows)} />,
      mockStewardshipApi(),
    );
    const lines = rows.flatMap(r => r.slos.map(slo => slo.name));
    expect(column('SLOs', 1)).toEqual(lines.slice(0, 20));
    fireEvent.click(screen.getByRole('button', { name: 'Next Page of SLOs' }));
    expect(column('SLOs', 1)).toEqual(lines.slice(20));
  });
});

describe('ReviewPlanningTable', () => {
  it('sorts by real ownership gaps first, then by roles not confirmed', async () => {
    const rows = [
      row('two-unconfirmed', 1, {
        ownershipGaps: [
          { role: 'business', status: 'ok', attestation: 'none' },
          { role: 'product', status: 'ok', attestation: 'stale' },
        ],
      }),
      row('one-gap', 1, {
        ownershipGaps: [{ role: 'product', status: 'missing' }],
      }),
      row('none', 1, { ownershipGaps: [] }),
      row('one-gap-one-unconfirmed', 1, {
        ownershipGaps: [
          { role: 'product', status: 'orphaned' },
          { role: 'business', status: 'ok', attestation: 'none' },
        ],
      }),
      row('two-gaps', 1, {
        ownershipGaps: [
          { role: 'product', status: 'missing' },
          { role: 'engineering', status: 'invalid' },
        ],
      }),
    ];
    await renderWithApi(
      <ReviewPlanningTable review={review(rows)} />,
      mockStewardshipApi(),
    );
    // Gaps (status not ok, no attestation) first, unconfirmed roles break ties.
    const worstFirst = [
      'two-gaps',
      'one-gap-one-unconfirmed',
      'one-gap',
      'two-unconfirmed',
      'none',
    ];
    // The entity cell also holds the links to its tabs (`SLOs · Backlog · Ownership`).
    const names = () => column('Planning').map(text => text.split('SLOs')[0]);
    sortBy('Ownership gaps');
    expect(names()).toEqual(worstFirst);
    sortBy('Ownership gaps');
    expect(names()).toEqual([...worstFirst].reverse());
  });
});

describe('a group review of several kinds', () => {
  /** Each body row of the table titled `title`: its entity's links (text → href) and its cells. */
  function lines(title: string) {
    const table = screen
      .getAllByRole('table')
      .find(t =>
        t.closest('[class*="MuiPaper"]')?.textContent?.includes(title),
      )!;
    return within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r => {
        const cells = within(r).getAllByRole('cell');
        return {
          links: within(cells[0])
            .getAllByRole('link')
            .slice(1) // the entity's own link first
            .map(a => `${a.textContent} ${a.getAttribute('href')}`),
          cells: cells.slice(1).map(shownText),
          backlogLinks: within(cells[1])
            .queryAllByRole('link')
            .map(a => a.getAttribute('href')),
        };
      });
  }

  it('links only to the tabs each kind has, and says where SLOs do not apply', async () => {
    await renderWithApi(
      <ReviewPlanningTable review={GROUP_REVIEW} />,
      mockStewardshipApi(),
    );
    const shown = lines('Planning');
    // Rows in the fixture's order: component, system, domain, resource, group.
    expect(shown.map(line => line.links)).toEqual([
      [
        'SLOs /catalog/default/component/api-gateway/slos',
        'Backlog /catalog/default/component/api-gateway/backlog',
        'Ownership /catalog/default/component/api-gateway/ownership',
      ],
      [
        'SLOs /catalog/default/system/platform-core/slos',
        'Backlog /catalog/default/system/platform-core/backlog',
        'Ownership /catalog/default/system/platform-core/ownership',
      ],
      // A domain has no SLOs tab, and a Backlog tab only with a tracker: never read, not known.
      ['Ownership /catalog/default/domain/platform/ownership'],
      // Its backlog was read, so it names a tracker: the tab is there.
      [
        'Backlog /catalog/default/resource/artifact-bucket/backlog',
        'Ownership /catalog/default/resource/artifact-bucket/ownership',
      ],
      [],
    ]);
    // Each named with its entity (its title, else its short ref), starting as it reads.
    const named = {
      'SLOs of api-gateway': '/catalog/default/component/api-gateway/slos',
      'Backlog of platform-core':
        '/catalog/default/system/platform-core/backlog',
      'Ownership of platform': '/catalog/default/domain/platform/ownership',
      'Backlog of Artifact bucket':
        '/catalog/default/resource/artifact-bucket/backlog',
      'open its Backlog tab (api-gateway)':
        '/catalog/default/component/api-gateway/backlog',
      'open its Backlog tab (platform-core)':
        '/catalog/default/system/platform-core/backlog',
    };
    for (const [name, href] of Object.entries(named)) {
      expect(screen.getByRole('link', { name })).toHaveAttribute('href', href);
    }
    expect(screen.queryByRole('link', { name: 'SLOs' })).toBeNull();
    // Backlog, ownership gaps, dependency ceiling, release gate.
    expect(shown.map(line => line.cells)).toEqual([
      ['not read yet: open its Backlog tab', 'none', 'ok', 'allow'],
      ['not read yet: open its Backlog tab', 'none', 'ok', 'allow'],
      [
        'not read (a domain has a Backlog tab only when it names a tracker)',
        'none',
        '— (a domain has no SLOs)',
        '— (a domain has no SLOs)',
      ],
      [
        'no open items',
        'none',
        '— (a resource has no SLOs)',
        '— (a resource has no SLOs)',
      ],
      [
        'not read (a group has a Backlog tab only when it names a tracker)',
        'not evaluated',
        '— (a group has no SLOs)',
        '— (a group has no SLOs)',
      ],
    ]);
    // "open its Backlog tab" links there only where the tab is.
    expect(shown.map(line => line.backlogLinks)).toEqual([
      ['/catalog/default/component/api-gateway/backlog'],
      ['/catalog/default/system/platform-core/backlog'],
      [],
      [],
      [],
    ]);
  });

  it('says a backlog whose last read failed could not be read, when and which tracker, with no link to read it again', async () => {
    const failed = {
      ...GROUP_REVIEW,
      rows: GROUP_REVIEW.rows.map((reviewRow, index) =>
        index === 0
          ? {
              ...reviewRow,
              backlog: {
                status: 'not-read-yet' as const,
                lastReadFailed: {
                  at: '2026-12-05T10:00:00.000Z',
                  providers: [
                    {
                      provider: 'jira',
                      title: 'Jira',
                      kind: 'unreachable' as const,
                    },
                  ],
                },
              },
            }
          : reviewRow,
      ),
    };
    await renderWithApi(
      <ReviewPlanningTable review={failed} />,
      mockStewardshipApi(),
    );
    const shown = lines('Planning');
    expect(shown[0].cells[0]).toBe(
      'not read: the last read failed at 2026-12-05 10:00 UTC (Jira: unreachable)',
    );
    expect(shown[0].backlogLinks).toEqual([]);
    expect(
      screen.queryByRole('link', {
        name: 'open its Backlog tab (api-gateway)',
      }),
    ).toBeNull();
    // The entity's own Backlog tab link is still there, beside its name.
    expect(shown[0].links).toContain(
      'Backlog /catalog/default/component/api-gateway/backlog',
    );
  });

  it('says a kind without SLOs has none instead of a verdict on them', async () => {
    await renderWithApi(
      <ReviewEntitiesTable review={GROUP_REVIEW} />,
      mockStewardshipApi(),
    );
    expect(lines('Reliability').map(line => line.cells[0])).toEqual([
      'Met (at the end: healthy)',
      'No SLOs',
      '— (a domain has no SLOs)',
      '— (a resource has no SLOs)',
      '— (a group has no SLOs)',
    ]);
  });
});

describe('a dash in a cell', () => {
  it('reads as what it means in the reliability table, and shows as a dash', async () => {
    const rows = [
      // No SLO figure, no incident.
      row('quiet', undefined, {
        lowestBudgetRemaining: undefined,
        incidents: noIncidents,
      }),
      // Two incidents, one acknowledged after 10 minutes, none resolved: no cost stored yet.
      row('open', 2, {
        incidents: {
          count: 2,
          open: 2,
          mttaMedianSeconds: 600,
          bySeverity: [{ severity: 'SEV2', count: 2, mttaMedianSeconds: 600 }],
          budgetCosts: [],
          withoutStoredCost: 0,
        },
      }),
      // One incident, neither acknowledged nor resolved.
      row('new', 2, {
        incidents: {
          count: 1,
          open: 1,
          bySeverity: [{ severity: 'SEV3', count: 1 }],
          budgetCosts: [],
          withoutStoredCost: 0,
        },
      }),
    ];
    await renderWithApi(
      <ReviewEntitiesTable review={review(rows)} />,
      mockStewardshipApi(),
    );
    // After the objectives: lowest budget, worst burn, incidents, MTTA / MTTR, largest cost.
    const quiet = cellsOf('Reliability', 'quiet').slice(1);
    expect(quiet.map(shownText)).toEqual(['—', '—', '0 (none)', '— / —', '—']);
    const heard = [
      'no budget figure at the end',
      'no burn rate in the period',
      '0 (none)',
      'no incidents',
      'no incidents',
    ];
    quiet.forEach((cell, i) => expect(cell).toHaveAccessibleName(heard[i]));

    const open = cellsOf('Reliability', 'open');
    expect(shownText(open[4])).toBe('10 min / —');
    expect(open[4]).toHaveAccessibleName('10 min / no MTTR: none resolved');
    expect(shownText(open[5])).toBe('—');
    expect(open[5]).toHaveAccessibleName('no budget cost stored');

    const fresh = cellsOf('Reliability', 'new');
    expect(shownText(fresh[4])).toBe('— / —');
    expect(fresh[4]).toHaveAccessibleName(
      'no MTTA: none acknowledged / no MTTR: none resolved',
    );
  });

  it("reads the ceiling's ok and a missing gate in words in the planning table", async () => {
    const rows = [
      row('within', 1),
      row('ungated', 1, { objectives: 'no-data', releaseGate: undefined }),
    ];
    await renderWithApi(
      <ReviewPlanningTable review={review(rows)} />,
      mockStewardshipApi(),
    );
    // Backlog, ownership gaps, dependency ceiling, release gate.
    const ok = cellsOf('Planning', 'within');
    expect(shownText(ok[2])).toBe('ok');
    expect(ok[2]).toHaveAccessibleName(
      'ok: no objective above the dependency ceiling',
    );
    expect(ok[3]).toHaveAccessibleName('allow');
    const ungated = cellsOf('Planning', 'ungated');
    expect(shownText(ungated[3])).toBe('—');
    expect(ungated[3]).toHaveAccessibleName('no release gate decision');
  });

  it('reads as what it means in the SLOs table', async () => {
    const rows = [
      row(
        'unread',
        undefined,
        {},
        {
          budgetRemainingAtEnd: undefined,
          metAtEnd: undefined,
          worstBurnRate1h: undefined,
          statusAtEnd: undefined,
        },
      ),
    ];
    await renderWithApi(
      <ReviewSlosTable review={review(rows)} />,
      mockStewardshipApi(),
    );
    // After the entity: SLO, objective, attainment, budget left, worst burn, status.
    const cells = within(screen.getByRole('table', { name: 'SLOs' }))
      .getAllByRole('row')[1]
      .querySelectorAll('td');
    expect(shownText(cells[4])).toBe('—');
    expect(cells[4]).toHaveAccessibleName('no budget figure at the end');
    expect(shownText(cells[5])).toBe('—');
    expect(cells[5]).toHaveAccessibleName('no burn rate in the period');
    // Not "never evaluated": its evaluations may be older than the retention, and pruned.
    expect(shownText(cells[6])).toBe('no evaluation in the period');
  });
});

describe('the tables', () => {
  it('are named by their headings', async () => {
    await renderWithApi(
      <>
        <ReviewEntitiesTable review={REVIEW} />
        <ReviewPlanningTable review={REVIEW} />
        <ReviewSlosTable review={REVIEW} />
      </>,
      mockStewardshipApi(),
    );
    for (const name of ['Reliability', 'Planning', 'SLOs']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeVisible();
      expect(screen.getByRole('table', { name })).toBeInTheDocument();
    }
  });
});
