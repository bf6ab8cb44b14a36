import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  SloOverview,
  SloOverviewFilter,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  BAD_GATEWAY_SAID,
  backendError,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { formatInstant } from '../formatSlo';
import { captureDownloads } from '../../__testUtils__/captureDownloads';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { StewardshipPage } from '../StewardshipPage';

// The whole page with a material-table renders in seconds on a busy shared machine.
jest.setTimeout(30_000);

const AT = '2026-11-30T12:00:00.000Z';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const SHOP = 'system:default/shop';

function item(
  name: string,
  entityRef: string,
  fields: Partial<SloOverviewItem>,
): SloOverviewItem {
  return {
    sloId: `${entityRef}/${name}`,
    name,
    entityRef,
    stale: false,
    brokenSli: false,
    objective: 0.999,
    metricSource: 'prometheus',
    ...fields,
  };
}

const items: SloOverviewItem[] = [
  item('checkout-availability', 'component:default/checkout', {
    owner: TEAM_A,
    system: SHOP,
    status: 'healthy',
    budgetRemaining: 0.75,
    sli: 0.99975,
    evaluatedAt: AT,
  }),
  item('checkout-latency', 'component:default/checkout', {
    owner: TEAM_A,
    system: SHOP,
    status: 'at-risk',
    budgetRemaining: 0.2,
    sli: 0.9992,
    evaluatedAt: AT,
  }),
  item('cart-availability', 'component:default/cart', {
    owner: TEAM_B,
    system: SHOP,
    status: 'exhausted',
    budgetRemaining: -0.5,
    sli: 0.9985,
    evaluatedAt: AT,
  }),
  item('payments-availability', 'api:default/payments', {
    owner: TEAM_B,
    status: 'no-data',
    brokenSli: true,
    noDataReason: 'no-series',
    reason: 'payments_total matched no series',
    evaluatedAt: AT,
  }),
  item('cart-errors', 'component:default/cart', {
    owner: TEAM_B,
    system: SHOP,
    stale: true,
  }),
  item('shop-journey', 'system:default/shop', {
    owner: TEAM_A,
    system: SHOP,
    status: 'healthy',
    stale: true,
    budgetRemaining: 0.9,
    sli: 0.9999,
    evaluatedAt: '2026-11-30T09:00:00.000Z',
  }),
];
const uncovered = [
  { entityRef: 'component:default/search', owner: TEAM_A },
  { entityRef: 'component:default/basket', owner: TEAM_B, system: SHOP },
];

/** What the backend would answer for the owner and system filters, computed from the table above. */
function overview(filter: SloOverviewFilter = {}): SloOverview {
  const matches = (e: { owner?: string; system?: string }) =>
    (!filter.owner || e.owner === filter.owner) &&
    (!filter.system || e.system === filter.system);
  const listed = items.filter(matches);
  const withSlo = new Set(listed.map(i => i.entityRef)).size;
  const without = uncovered.filter(matches);
  return {
    at: AT,
    stalenessSeconds: 600,
    catalogReadAt: new Date(Date.parse(AT) - 40_000).toISOString(),
    catalogAgeSeconds: 40,
    items: listed,
    coverage: {
      entitiesInScope: withSlo + without.length,
      entitiesWithSlo: withSlo,
      entitiesWithoutSlo: without,
      brokenSlis: listed.filter(i => i.brokenSli).length,
      staleEvaluations: listed.filter(i => i.stale).length,
      slos: listed.length,
    },
    facets: { owners: [TEAM_A, TEAM_B], systems: [SHOP] },
  };
}

const MINUS = '\u2212';
/** The budget as the table writes it, computed here: 0.75 → `75 %`, −0.5 → `−50 %`. */
const budgetText = (fraction: number) =>
  `${fraction < 0 ? MINUS : ''}${Math.round(Math.abs(fraction) * 1000) / 10} %`;

/** The SLO names of the table's rows, top to bottom. */
function rowNames(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

/** The page's status lines that say something. */
const statusLines = () =>
  screen
    .getAllByRole('status')
    .map(s => s.textContent)
    .filter(Boolean);

/**
 * The line a filter change should bring, counted here from the fixture: every status but
 * healthy that some shown SLO has, worst first, and stale as the flag it is.
 */
function shownLine(shown: SloOverviewItem[]): string {
  if (shown.length === 0) return 'Showing no SLOs.';
  const counts = [
    ['exhausted', shown.filter(i => i.status === 'exhausted').length],
    ['at-risk', shown.filter(i => i.status === 'at-risk').length],
    ['no-data', shown.filter(i => i.status === 'no-data').length],
    ['stale', shown.filter(i => i.stale).length],
  ] as const;
  const said = counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const slos = `${shown.length} ${shown.length === 1 ? 'SLO' : 'SLOs'}`;
  return `Showing ${slos}: ${said.length ? said.join(', ') : 'all healthy'}.`;
}

/** A promise the test settles when it chooses: an answer still on its way. */
function held<T>() {
  let settle: (value: T) => void = () => {};
  const promise = new Promise<T>(resolve => {
    settle = resolve;
  });
  return { promise, settle };
}

const renderSlos = (
  api: ReturnType<typeof mockStewardshipApi>,
  query = '?view=slos',
) => renderWithApi(<StewardshipPage />, api, { routeEntries: [`/${query}`] });

describe('StewardshipPage, SLOs tab', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows a progress bar while loading', async () => {
    await renderSlos(
      mockStewardshipApi({ getSloOverview: () => new Promise(() => {}) }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading the SLOs' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Service level objectives')).toBeInTheDocument();
  });

  it('opens from the Ownership tab', async () => {
    await renderSlos(
      mockStewardshipApi({
        getOwnershipScorecard: () => new Promise(() => {}),
        getSloOverview: async filter => overview(filter),
      }),
      '',
    );
    expect(screen.getByText('Ownership scorecard')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'SLOs' }));
    expect(
      await screen.findByText(`SLOs (${items.length})`),
    ).toBeInTheDocument();
  });

  it('says how to add an SLO when there is none', async () => {
    await renderSlos(
      mockStewardshipApi({
        listMetricSources: async () => [
          {
            name: 'prometheus-eu',
            type: 'prometheus',
            health: { status: 'unknown', reason: 'not probed yet' },
          },
        ],
        getSloOverview: async () => ({
          ...overview(),
          items: [],
          coverage: {
            ...overview().coverage,
            entitiesWithSlo: 0,
            brokenSlis: 0,
            staleEvaluations: 0,
            slos: 0,
          },
        }),
      }),
    );
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
    expect(screen.getByText(/go to its SLOs tab/)).toBeInTheDocument();
    expect(
      await screen.findByText(/POST \/api\/stewardship\/slos/, {
        selector: 'code',
      }),
    ).toBeInTheDocument();
    // Addressed to this app's backend (the discovery API) and its one metric source.
    const text = document.body.textContent ?? '';
    expect(text).toContain('"metricSource": "prometheus-eu"');
    expect(text).toContain('  http://example.com/api/stewardship/slos');
  });

  it('shows the error', async () => {
    const error = await backendError(503, 'catalog unreachable');
    await renderSlos(
      mockStewardshipApi({ getSloOverview: () => Promise.reject(error) }),
    );
    expect(await screen.findByText('catalog unreachable')).toBeInTheDocument();
  });

  it('lists every SLO with its status in words, budget, entity, owner and system, and the coverage', async () => {
    await renderSlos(
      mockStewardshipApi({ getSloOverview: async filter => overview(filter) }),
    );
    expect(
      await screen.findByText(`SLOs (${items.length})`),
    ).toBeInTheDocument();
    // How old the backend's catalog read is (the statuses are read per request).
    expect(screen.getByText('Catalog read 40 seconds ago')).toHaveAttribute(
      'title',
      // 40 s before AT, in UTC as the plugin shows every moment.
      'Catalog read at 2026-11-30 11:59 UTC',
    );

    for (const slo of items) {
      const row = screen.getByText(slo.name).closest('tr')!;
      const cells = within(row);
      // The status is a word (the icon beside it is hidden from screen readers).
      cells.getByText(slo.status ?? 'stale');
      if (slo.stale && slo.status) cells.getByText('stale');
      // The Budget remaining column (SLO, Entity, Status, then it).
      expect(cells.getAllByRole('cell')[3].textContent).toBe(
        slo.budgetRemaining === undefined
          ? 'no data'
          : budgetText(slo.budgetRemaining),
      );
      // A system's own SLO names the system twice: as its entity and as its system.
      expect(
        cells.getAllByText(slo.entityRef.split('/')[1]).length,
      ).toBeGreaterThan(0);
    }
    const cart = within(screen.getByText('cart-availability').closest('tr')!);
    expect(cart.getByText('team-b')).toBeInTheDocument();
    expect(cart.getByText('shop')).toBeInTheDocument();

    const withSlo = new Set(items.map(i => i.entityRef)).size;
    const inScope = withSlo + uncovered.length;
    expect(
      screen.getByText(
        `${Math.floor((withSlo * 100) / inScope)}% (${withSlo}/${inScope})`,
      ),
    ).toBeInTheDocument();
    const missing = screen.getByRole('list', {
      name: 'Entities without an SLO',
    });
    expect(
      within(missing)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(uncovered.map(e => e.entityRef.split('/')[1]));
    const broken = screen.getByRole('list', {
      name: 'SLOs whose SLI is broken',
    });
    expect(within(broken).getAllByRole('listitem')).toHaveLength(
      items.filter(i => i.brokenSli).length,
    );
    expect(broken.textContent).toContain('payments_total matched no series');
    const stale = screen.getByRole('list', {
      name: 'SLOs whose evaluation is stale',
    });
    expect(
      within(stale)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'cart cart-errors: never evaluated',
      'shop shop-journey: last evaluated as of 2026-11-30 09:00 UTC',
    ]);
  });

  it('sorts by budget and status, and filters by status here and by owner in the backend', async () => {
    const asked: SloOverviewFilter[] = [];
    await renderSlos(
      mockStewardshipApi({
        getSloOverview: async filter => {
          asked.push(filter ?? {});
          return overview(filter);
        },
      }),
    );
    await screen.findByText(`SLOs (${items.length})`);

    // The header's sort label (the column can also be dragged, a second "button").
    const sortBy = (name: string) =>
      userEvent.click(screen.getAllByRole('button', { name })[0]);
    await sortBy('Budget remaining');
    const byBudget = [...items]
      .filter(i => i.budgetRemaining !== undefined)
      .sort((a, b) => a.budgetRemaining! - b.budgetRemaining!)
      .map(i => i.name);
    expect(rowNames().slice(0, byBudget.length)).toEqual(byBudget);

    await sortBy('Status');
    expect(rowNames()[0]).toBe('cart-availability'); // exhausted: worst first

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'stale');
    expect(
      await screen.findByText(`SLOs (${items.filter(i => i.stale).length})`),
    ).toBeInTheDocument();
    expect(rowNames().sort()).toEqual(
      items
        .filter(i => i.stale)
        .map(i => i.name)
        .sort(),
    );

    // Owners are offered as the catalog writes them, sent as full refs.
    expect(screen.getByRole('option', { name: 'team-b' })).toHaveValue(TEAM_B);
    await userEvent.selectOptions(screen.getByLabelText('Owner'), TEAM_B);
    const teamB = items.filter(i => i.owner === TEAM_B);
    expect(
      await screen.findByText(`SLOs (${teamB.filter(i => i.stale).length})`),
    ).toBeInTheDocument();
    expect(asked.at(-1)).toEqual({ owner: TEAM_B });
    // The coverage follows the owner, not the status.
    expect(
      within(
        screen.getByRole('list', { name: 'Entities without an SLO' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(uncovered.filter(e => e.owner === TEAM_B).length);
  });

  it("shows a link's short or differently written refs as the filters in force and asks for full refs", async () => {
    const asked: SloOverviewFilter[] = [];
    await renderSlos(
      mockStewardshipApi({
        getSloOverview: async filter => {
          asked.push(filter ?? {});
          return overview(filter);
        },
      }),
      '?view=slos&sloOwner=team-b&sloSystem=System:Default/Shop',
    );
    const picked = (label: string) =>
      (screen.getByLabelText(label) as HTMLSelectElement).selectedOptions[0]
        .textContent;
    await screen.findByText(
      `SLOs (${
        items.filter(i => i.owner === TEAM_B && i.system === SHOP).length
      })`,
    );
    expect(picked('Owner')).toBe('team-b');
    expect(picked('System')).toBe('shop');
    expect(asked).toEqual([{ owner: 'group:default/team-b', system: SHOP }]);
  });

  it('shows an owner no SLO has as the filter in force, not "Any owner"', async () => {
    await renderSlos(
      mockStewardshipApi({ getSloOverview: async filter => overview(filter) }),
      '?view=slos&sloOwner=group:default/nobody',
    );
    await screen.findByText('SLOs (0)');
    expect(
      (screen.getByLabelText('Owner') as HTMLSelectElement).selectedOptions[0]
        .textContent,
    ).toBe('nobody');
  });

  it('says nothing on the first load or as of another moment, and what a status filter shows once chosen', async () => {
    const PAST = '2026-09-30T23:59:00.000Z';
    const asked: SloOverviewFilter[] = [];
    await renderSlos(
      mockStewardshipApi({
        getSloOverview: async filter => {
          asked.push(filter ?? {});
          return overview(filter);
        },
      }),
      `?view=slos&at=${PAST}`,
    );
    await screen.findByText(`SLOs (${items.length})`);
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(statusLines()).toEqual([]);
    // Another moment reloads the same filters' SLOs: nothing to say.
    await userEvent.click(screen.getByRole('button', { name: 'Now' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(statusLines()).toEqual([]);

    // Applied here once the choice settles (as every filter select's): said, with no request.
    for (const status of ['exhausted', 'healthy', 'stale'] as const) {
      await userEvent.selectOptions(screen.getByLabelText('Status'), status);
      const shown = items.filter(i =>
        status === 'stale' ? i.stale : i.status === status,
      );
      await waitFor(() => expect(statusLines()).toEqual([shownLine(shown)]));
      expect(screen.getByText(`SLOs (${shown.length})`)).toBeInTheDocument();
    }
    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    await waitFor(() => expect(statusLines()).toEqual([shownLine(items)]));
    expect(asked).toHaveLength(2);
  });

  it('says what an owner filter shows only once the answer for it is shown', async () => {
    const teamB = held<SloOverview>();
    const asked: Array<string | undefined> = [];
    await renderSlos(
      mockStewardshipApi({
        getSloOverview: filter => {
          asked.push(filter?.owner);
          return filter?.owner === TEAM_B
            ? teamB.promise
            : Promise.resolve(overview());
        },
      }),
    );
    await screen.findByText(`SLOs (${items.length})`);
    await userEvent.selectOptions(screen.getByLabelText('Owner'), TEAM_B);
    // Asked for (once the choice settled), not yet answered.
    await waitFor(() => expect(asked).toContain(TEAM_B));
    await new Promise(resolve => setTimeout(resolve, 100));
    // Every owner's SLOs are still listed while team B's load.
    expect(screen.getByText(`SLOs (${items.length})`)).toBeInTheDocument();
    expect(statusLines()).toEqual([]);

    teamB.settle(overview({ owner: TEAM_B }));
    const shown = items.filter(i => i.owner === TEAM_B);
    await waitFor(() => expect(statusLines()).toEqual([shownLine(shown)]));
    expect(screen.getByText(`SLOs (${shown.length})`)).toBeInTheDocument();
  });

  it('says what a status chosen while an owner loads shows with that owner, once it is shown', async () => {
    const teamB = held<SloOverview>();
    const asked: Array<string | undefined> = [];
    await renderSlos(
      mockStewardshipApi({
        getSloOverview: filter => {
          asked.push(filter?.owner);
          return filter?.owner === TEAM_B
            ? teamB.promise
            : Promise.resolve(overview());
        },
      }),
    );
    await screen.findByText(`SLOs (${items.length})`);
    await userEvent.selectOptions(screen.getByLabelText('Owner'), TEAM_B);
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'healthy');
    // Both choices settled: team B asked for, not yet answered.
    await waitFor(() => expect(asked).toContain(TEAM_B));
    await new Promise(resolve => setTimeout(resolve, 500));
    // Every owner's healthy SLOs are listed meanwhile: not what was asked for.
    expect(statusLines()).toEqual([]);

    teamB.settle(overview({ owner: TEAM_B }));
    const shown = items.filter(
      i => i.owner === TEAM_B && i.status === 'healthy',
    );
    await waitFor(() => expect(statusLines()).toEqual([shownLine(shown)]));
  });

  it('shows the overview as of the moment in the address, and Now goes back', async () => {
    const PAST = '2026-09-30T23:59:00.000Z';
    const asked: Array<string | undefined> = [];
    const csvAsked: Array<string | undefined> = [];
    const { saved } = captureDownloads();
    await renderSlos(
      mockStewardshipApi({
        getSloOverview: async (filter, options) => {
          asked.push(options?.at?.toISOString());
          return { ...overview(filter), at: options?.at?.toISOString() ?? AT };
        },
        getSloOverviewCsv: async (_filter, options) => {
          csvAsked.push(options?.at?.toISOString());
          return 'csv';
        },
      }),
      `?view=slos&at=${PAST}`,
    );
    await screen.findByText(`SLOs (${items.length})`);
    expect(asked).toEqual([PAST]);
    expect(
      screen.getByText('Showing the state as of 2026-09-30 23:59 UTC'),
    ).toBeInTheDocument();
    // Staleness is measured to that moment, and the coverage says so.
    expect(
      screen.getByText(
        /last evaluated more than .* before 2026-09-30 23:59 UTC, or evaluated before the SLO was last changed \(up to then\)$/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(csvAsked).toEqual([PAST]);

    await userEvent.click(screen.getByRole('button', { name: 'Now' }));
    await waitFor(() => expect(asked.at(-1)).toBeUndefined());
    expect(screen.getByText('Showing the current state')).toBeInTheDocument();
    expect(
      screen.getByText(
        /last evaluated more than .* before now, or evaluated before the SLO was last changed$/,
      ),
    ).toBeInTheDocument();
  });

  it('says so and shows now when the address asks for a future moment', async () => {
    const asked: Array<Date | undefined> = [];
    await renderSlos(
      mockStewardshipApi({
        getSloOverview: async (filter, options) => {
          asked.push(options?.at);
          return overview(filter);
        },
      }),
      '?view=slos&at=2999-01-01T00:00:00.000Z',
    );
    await screen.findByText(`SLOs (${items.length})`);
    expect(asked).toEqual([undefined]);
    // Beside the (empty) line that says what a filter shows.
    expect(statusLines()).toEqual([
      expect.stringMatching(/which is in the future; showing now instead/),
    ]);
  });

  it('downloads the filtered SLOs as CSV', async () => {
    const csv = 'entityRef,entityTitle,slo,status\r\n';
    const { saved, blobs } = captureDownloads();
    const api = mockStewardshipApi({
      getSloOverview: async filter => overview(filter),
      getSloOverviewCsv: async filter =>
        filter?.status === 'exhausted' && filter.system === SHOP
          ? csv
          : 'wrong filter',
    });

    await renderSlos(api, `?view=slos&sloStatus=exhausted&sloSystem=${SHOP}`);
    await screen.findByText('SLOs (1)');
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatch(
      /^slo-overview-\d{4}-\d{2}-\d{2}\.csv <- blob:csv$/,
    );
    expect(await blobs[0].text()).toBe(csv);
  });
});

/** The SLOs tab with `signals` as the app's signal API, its overview read from `getSloOverview`. */
const renderSlosWithSignals = (
  signals: ReturnType<typeof fakeSignals>,
  getSloOverview: jest.Mock,
) =>
  renderWithApi(
    <TestApiProvider apis={[[signalApiRef, signals.api]]}>
      <StewardshipPage />
    </TestApiProvider>,
    mockStewardshipApi({ getSloOverview }),
    { routeEntries: ['/?view=slos'] },
  );

describe('the SLO overview after new evaluations (signals)', () => {
  beforeEach(() => {
    // This page reads at once after a signal (its wait is drawn from Math.random).
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads the statuses again, in place, without a progress bar or a "Showing" line', async () => {
    const signals = fakeSignals();
    const next = held<SloOverview>();
    const getSloOverview = jest
      .fn()
      .mockResolvedValueOnce(overview())
      .mockReturnValueOnce(next.promise);
    await renderSlosWithSignals(signals, getSloOverview);
    await screen.findByText(`SLOs (${items.length})`);
    const linesBefore = statusLines();

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    await waitFor(() => expect(getSloOverview).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(rowNames()).toHaveLength(items.length);

    // checkout-latency recovered meanwhile.
    const recovered = overview();
    recovered.items = recovered.items.map(i =>
      i.name === 'checkout-latency' ? { ...i, status: 'healthy' } : i,
    );
    await act(async () => next.settle(recovered));
    const row = () =>
      screen.getByRole('cell', { name: 'checkout-latency' }).closest('tr')!;
    await waitFor(() => expect(row()).toHaveTextContent('healthy'));
    expect(row()).not.toHaveTextContent('at-risk');
    // No "Showing" line: only what changed, shown and said, with the moment the list is of.
    await waitFor(() =>
      expect(statusLines()).toEqual([
        ...linesBefore,
        `Updated ${formatInstant(
          new Date(AT),
        )}: SLO checkout-latency of component:default/checkout is now healthy (was at-risk).`,
      ]),
    );
  });

  it('reads the overview again when its answer stops holding (an SLO grows stale), with no signal, and says so', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      // As of 12:00, it holds until 12:05 (an SLO's evaluation grows too old then).
      const first = { ...overview(), validUntil: '2026-11-30T12:05:00.000Z' };
      const second = overview();
      second.at = '2026-11-30T12:05:01.000Z';
      second.items = second.items.map(i =>
        i.name === 'checkout-availability' ? { ...i, stale: true } : i,
      );
      const getSloOverview = jest
        .fn()
        .mockResolvedValueOnce(first)
        .mockResolvedValueOnce(second);
      // No signal API: nothing else reads again.
      await renderSlos(mockStewardshipApi({ getSloOverview }));
      await screen.findByText(`SLOs (${items.length})`);
      // Five minutes after the answer's moment, and the second of slack.
      act(() => jest.advanceTimersByTime(5 * 60_000));
      expect(getSloOverview).toHaveBeenCalledTimes(1);
      act(() => jest.advanceTimersByTime(1000));
      await waitFor(() => expect(getSloOverview).toHaveBeenCalledTimes(2));
      await waitFor(() =>
        expect(statusLines()).toContain(
          'Updated 2026-11-30 12:05 UTC: SLO checkout-availability of component:default/checkout is now stale (healthy when last evaluated).',
        ),
      );
      expect(screen.queryByRole('progressbar')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says nothing of a status a filter change shows: another list, not a newer one', async () => {
    const getSloOverview = jest.fn(async (filter: SloOverviewFilter) =>
      overview(filter),
    );
    const signals = fakeSignals();
    await renderSlosWithSignals(signals, getSloOverview);
    await screen.findByText(`SLOs (${items.length})`);
    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    await waitFor(() => expect(getSloOverview).toHaveBeenCalledTimes(2));
    await act(async () => {
      await getSloOverview.mock.results[1].value;
    });
    // The same statuses read again: no line.
    expect(screen.queryByText(/^Updated /)).toBeNull();

    // Another owner's list, in which checkout-latency has recovered meanwhile: a filter change
    // shows another list, whose statuses are not news.
    getSloOverview.mockImplementation(async filter => {
      const answer = overview(filter);
      answer.items = answer.items.map(i =>
        i.name === 'checkout-latency' ? { ...i, status: 'healthy' } : i,
      );
      return answer;
    });
    await userEvent.selectOptions(screen.getByLabelText('Owner'), TEAM_A);
    await waitFor(() =>
      expect(
        screen.getByRole('cell', { name: 'checkout-latency' }).closest('tr')!,
      ).toHaveTextContent('healthy'),
    );
    expect(screen.queryByText(/^Updated /)).toBeNull();
  });

  it('keeps the statuses when reading them again fails, says so, and moves on at the next run', async () => {
    const signals = fakeSignals();
    const recovered = overview();
    recovered.items = recovered.items.map(i =>
      i.name === 'checkout-latency' ? { ...i, status: 'healthy' } : i,
    );
    const getSloOverview = jest
      .fn()
      .mockResolvedValueOnce(overview())
      .mockImplementationOnce(async () => {
        throw await proxyBadGateway();
      })
      .mockResolvedValueOnce(recovered);
    await renderSlosWithSignals(signals, getSloOverview);
    await screen.findByText(`SLOs (${items.length})`);
    const row = () =>
      screen.getByRole('cell', { name: 'checkout-latency' }).closest('tr')!;

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    expect(
      await screen.findByText(
        `Not up to date: could not read the SLOs again (${BAD_GATEWAY_SAID}). Shown as of ${formatInstant(
          new Date(overview().at),
        )}; read again after the next evaluation, or when you reload the page.`,
      ),
    ).toBeInTheDocument();
    expect(rowNames()).toHaveLength(items.length);
    expect(row()).toHaveTextContent('at-risk');
    expect(screen.queryByText(/^Could not read/)).toBeNull();

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    await waitFor(() => expect(row()).toHaveTextContent('healthy'));
    expect(screen.queryByText(/^Not up to date/)).toBeNull();
  });
});
