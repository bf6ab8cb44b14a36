import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import {
  BAD_GATEWAY_SAID,
  backendError,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { formatInstant } from '../formatSlo';
import { SloHistory, SloHistoryQuery } from '../../api';
import { SloDetails } from './SloDetails';
import { evaluation, history, noDataEvaluation, slo } from './__fixtures__';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

describe('SloDetails', () => {
  it('shows a progress bar while the history loads', async () => {
    const api = mockStewardshipApi({
      getSloHistory: () => new Promise(() => {}),
    });

    await renderWithApi(<SloDetails slo={slo} evaluation={evaluation} />, api);

    expect(
      await screen.findByRole('progressbar', {
        name: "Loading the SLO's history",
      }),
    ).toBeInTheDocument();
  });

  it('says when there is no history yet', async () => {
    const api = mockStewardshipApi({
      getSloHistory: async () => ({ ...history, points: [] }),
    });

    await renderWithApi(<SloDetails slo={slo} evaluation={evaluation} />, api);

    expect(
      await screen.findByText(
        'No history yet: the first evaluation comes with the next scheduled run (every 5 minutes by default).',
      ),
    ).toBeInTheDocument();
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
    expect(screen.queryByText('Error budget burndown')).not.toBeInTheDocument();
    // At the level of the history's cards it stands for (4 by default, under the SLO's row).
    expect(
      screen.getByRole('heading', { name: 'No history yet' }).tagName,
    ).toBe('H4');
  });

  it('says, as of a past moment with nothing stored yet, to pick a later one', async () => {
    const api = mockStewardshipApi({
      getSloHistory: async () => ({ ...history, points: [] }),
      listSloRevisions: async () => [],
    });
    const at = new Date('2024-01-01T00:00:00Z');

    await renderWithApi(
      <SloDetails slo={slo} evaluation={evaluation} at={at} />,
      api,
    );

    expect(
      await screen.findByText(
        'No evaluation of this SLO is stored up to 2024-01-01 00:00 UTC: pick a later moment, or Now.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/first evaluation comes with/)).toBeNull();
  });

  it('takes a newer evaluation into its charts in place, without a progress bar', async () => {
    // The tab read its SLOs again after a stored run: the row hands down the newer evaluation.
    const later = {
      ...evaluation,
      at: '2024-05-01T00:05:00.000Z',
      evaluatedAt: '2024-05-01T00:05:03.000Z',
    };
    const laterHistory: SloHistory = {
      ...history,
      points: [
        ...history.points,
        {
          at: later.at,
          status: 'at-risk',
          sli: 0.9994,
          budgetRemaining: 0.41,
          burnRate1h: 15,
        },
      ],
    };
    let resolveLater!: (value: SloHistory) => void;
    const getSloHistory = jest
      .fn()
      .mockResolvedValueOnce(history)
      .mockReturnValueOnce(
        new Promise<SloHistory>(resolve => {
          resolveLater = resolve;
        }),
      );
    let showLater!: () => void;
    function Row() {
      const [shown, setShown] = useState(evaluation);
      showLater = () => setShown(later);
      return <SloDetails slo={slo} evaluation={shown} />;
    }
    await renderWithApi(<Row />, mockStewardshipApi({ getSloHistory }));
    const table = await screen.findByRole('table', {
      name: /History of availability/,
    });
    expect(within(table).getAllByRole('row')).toHaveLength(
      1 + history.points.length,
    );

    act(() => showLater());
    await waitFor(() => expect(getSloHistory).toHaveBeenCalledTimes(2));
    // While it reads: the charts and their table stay.
    expect(
      screen.queryByRole('progressbar', { name: "Loading the SLO's history" }),
    ).toBeNull();
    expect(table).toBeInTheDocument();

    await act(async () => resolveLater(laterHistory));
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(
        1 + laterHistory.points.length,
      ),
    );
  });

  it('keeps its charts when reading them again for a newer evaluation fails, says so, and moves on with the next', async () => {
    const later = (minutes: number) => ({
      ...evaluation,
      at: `2024-05-01T00:${String(minutes).padStart(2, '0')}:00.000Z`,
    });
    const laterHistory: SloHistory = {
      ...history,
      points: [
        ...history.points,
        {
          at: later(10).at,
          status: 'at-risk',
          sli: 0.9994,
          budgetRemaining: 0.41,
          burnRate1h: 15,
        },
      ],
    };
    const getSloHistory = jest
      .fn()
      .mockResolvedValueOnce(history)
      .mockImplementationOnce(async () => {
        throw await proxyBadGateway();
      })
      .mockResolvedValueOnce(laterHistory);
    let show!: (minutes: number) => void;
    function Row() {
      const [shown, setShown] = useState(evaluation);
      show = minutes => setShown(later(minutes));
      return <SloDetails slo={slo} evaluation={shown} />;
    }
    await renderWithApi(<Row />, mockStewardshipApi({ getSloHistory }));
    const table = await screen.findByRole('table', {
      name: /History of availability/,
    });

    act(() => show(5));
    expect(
      await screen.findByText(
        `Not up to date: could not read the SLO's history again (${BAD_GATEWAY_SAID}). Shown as of ${formatInstant(
          new Date(history.to),
        )}; read again after the next evaluation, or when you reload the page.`,
      ),
    ).toBeInTheDocument();
    expect(table).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(
      1 + history.points.length,
    );
    expect(screen.queryByText(/^Could not read/)).toBeNull();

    act(() => show(10));
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(
        1 + laterHistory.points.length,
      ),
    );
    expect(screen.queryByText(/^Not up to date/)).toBeNull();
  });

  it('shows the server error when the history fails', async () => {
    const error = await backendError(404, 'No SLO with id nope');
    const api = mockStewardshipApi({
      getSloHistory: () => Promise.reject(error),
    });

    await renderWithApi(<SloDetails slo={slo} evaluation={evaluation} />, api);

    expect(
      (await screen.findAllByText(/No SLO with id nope/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows the figures, charts with their text alternative, burn rates and the why panels', async () => {
    const queries: Array<[string, SloHistoryQuery | undefined]> = [];
    const api = mockStewardshipApi({
      getSloHistory: async (id, query) => {
        queries.push([id, query]);
        return history;
      },
    });
    const at = new Date('2024-05-01T00:00:00Z');

    await renderWithApi(
      <SloDetails slo={slo} evaluation={evaluation} at={at} />,
      api,
    );

    expect(
      await screen.findByText('Error budget burndown'),
    ).toBeInTheDocument();
    // The history is asked up to the "as of" moment.
    expect(queries).toEqual([[slo.id, { to: at }]]);

    // Status in words with the backend's reason.
    const reason = screen.getByText(
      /Burning the error budget too fast: page-1h fires\./,
    );
    const word = within(reason.parentElement!).getByText('at-risk');
    expect(word).toBeVisible();
    // Read out too: not inside the status icon, which is aria-hidden.
    expect(word.closest('[aria-hidden="true"]')).toBeNull();
    // Headline figures: 0.99942 → 99.942 %, 0.42 → 42 %, 10021 of 17278.032 allowed.
    expect(
      screen.getByText(
        'SLI 99.942 % against the objective 99.9 % (17,268,011 good of 17,278,032 events).',
      ),
    ).toBeInTheDocument();
    // The same words as the SLO's row: 0.42 × 2 592 000 s / (15.2 − 1 + 0.42) = 74 462.4 s,
    // 20 hours 41 minutes (two largest units, rounded down).
    expect(
      screen.getByText(
        'Error budget remaining 42 %: 10,021 of 17,278 allowed bad requests used. Time to exhaustion: 20 hours 41 minutes at the current burn.',
      ),
    ).toBeInTheDocument();

    // The burndown's text alternative: first (0.95) and last (0.42) known budget values.
    const caption =
      'Error budget remaining went from 95 % at 2024-04-01 00:05 UTC to 42 % at 2024-05-01 00:00 UTC.';
    expect(screen.getByText(new RegExp(`^${escape(caption)}`))).toBeVisible();
    const table = screen.getByRole('table', {
      name: /History of availability/,
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + history.points.length);
    expect(rows[1]).toHaveTextContent('2024-04-01 00:05 UTC');
    expect(rows[1]).toHaveTextContent('95 %');
    expect(rows[3]).toHaveTextContent('no-data');
    expect(rows[4]).toHaveTextContent('42 %');
    expect(rows[4]).toHaveTextContent('99.942 %');

    // Both charts are drawn, hidden from screen readers that read the captions and table.
    const charts = document.querySelectorAll('svg[data-chart="time-series"]');
    expect(charts).toHaveLength(2);
    charts.forEach(chart =>
      expect(chart.closest('[aria-hidden="true"]')).not.toBeNull(),
    );

    // The SLI chart's caption against the objective.
    expect(
      screen.getByText(
        'SLI went from 99.995 % at 2024-04-01 00:05 UTC to 99.942 % at 2024-05-01 00:00 UTC. The objective is 99.9 %.',
      ),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('table', { name: 'Burn rates' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Why this SLI' }),
    ).toBeInTheDocument();
  });

  it('gives the burn rates and the why panels the full width at every breakpoint', async () => {
    // Half width (md=7) cut the burn-rate table's alert policies off at 1400 px. jsdom lays
    // nothing out, so the grid classes stand in for the widths.
    await renderWithApi(
      <SloDetails slo={slo} evaluation={evaluation} />,
      mockStewardshipApi({ getSloHistory: async () => history }),
    );
    for (const card of [
      screen.getByRole('table', { name: 'Burn rates' }),
      screen.getByRole('button', { name: 'Why this SLI' }),
    ]) {
      const item = card.closest('.MuiGrid-item')!;
      expect(item).toHaveClass('MuiGrid-grid-xs-12');
      expect(item.className).not.toMatch(/MuiGrid-grid-(sm|md|lg|xl)-/);
    }
  });

  it("marks the entity's incidents in the SLO window on the burndown", async () => {
    const asked: unknown[][] = [];
    const api = mockStewardshipApi({
      getSloHistory: async () => history,
      listEntityIncidents: async (...args: unknown[]) => {
        asked.push(args);
        return {
          totalCount: 1,
          items: [
            {
              id: 'i1',
              entityRef: slo.entityRef,
              title: 'Bad deploy',
              severity: 'SEV2',
              status: 'mitigated',
              detectedAt: '2024-04-20T10:00:00.000Z',
              fireDrill: false,
              affectedSloIds: [slo.id],
            } as any,
          ],
        };
      },
    });
    await renderWithApi(<SloDetails slo={slo} evaluation={evaluation} />, api);
    expect(
      await screen.findByText(
        'SEV2 “Bad deploy”, started 2024-04-20 10:00 UTC, still mitigated.',
      ),
    ).toBeInTheDocument();
    // Asked for the SLO window: [start, end].
    expect(asked).toEqual([
      [
        slo.entityRef,
        {
          from: new Date(evaluation.window.start),
          to: new Date(Date.parse(evaluation.window.end) + 1),
        },
        { signal: expect.any(AbortSignal) },
      ],
    ]);
  });

  it('keeps the chart when the incidents cannot be read, and says so in the backend’s words', async () => {
    const refused = await backendError(
      403,
      'You may not read the incidents of this entity',
    );
    for (const [failure, said] of [
      [
        refused,
        'The chart marks no incident: they could not be read. You may not read the incidents of this entity',
      ],
      [
        new TypeError('Failed to fetch'),
        'The chart marks no incident: they could not be read. The stewardship backend could not be reached: Failed to fetch',
      ],
    ] as const) {
      const api = mockStewardshipApi({
        getSloHistory: async () => history,
        listEntityIncidents: () => Promise.reject(failure),
      });
      const { unmount } = await renderWithApi(
        <SloDetails slo={slo} evaluation={evaluation} />,
        api,
      );
      expect(await screen.findByText(said)).toBeInTheDocument();
      expect(screen.getByText('Error budget burndown')).toBeInTheDocument();
      // Not "Request failed with 403 Forbidden", a ResponseError's own message.
      expect(screen.queryByText(/Request failed/)).toBeNull();
      unmount();
    }
  });

  it('writes an exhausted SLO’s SLI and bad events apart from the objective and the allowed ones', async () => {
    // 10 bad of 19,920 against 99.95 %: 9.96 allowed, SLI 99.94980 %. Each pair rounds to one
    // figure as written alone (99.95 %, 10), which read as just within the objective.
    const exhausted = {
      ...evaluation,
      status: 'exhausted',
      reason: 'The error budget is spent.',
      sli: 19910 / 19920,
      counts: { good: 19910, total: 19920 },
      objective: 0.9995,
      errorBudget: {
        remaining: 1 - 10 / 9.96,
        consumed: 10 / 9.96,
        allowedBad: 9.96,
        bad: 10,
        secondsToExhaustion: 0,
      },
    } as const;
    await renderWithApi(
      <SloDetails slo={{ ...slo, objective: 0.9995 }} evaluation={exhausted} />,
      mockStewardshipApi({ getSloHistory: async () => history }),
    );
    expect(
      await screen.findByText(
        'SLI 99.9498 % against the objective 99.95 % (19,910 good of 19,920 events).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Error budget remaining -0.4 %: 10 of 9.96 allowed bad requests used. Time to exhaustion: already spent.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a no-data evaluation with its reason instead of numbers', async () => {
    const api = mockStewardshipApi({
      getSloHistory: async () => history,
    });

    await renderWithApi(
      <SloDetails slo={slo} evaluation={noDataEvaluation} />,
      api,
    );

    const reason = await screen.findByText(
      'The metric source failed: prometheus answered 503 Service Unavailable',
    );
    expect(within(reason.parentElement!).getByText('no-data')).toBeVisible();
    expect(
      screen.getByText(
        'No burn rates: prometheus answered 503 Service Unavailable',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^SLI \d/)).not.toBeInTheDocument();
    expect(
      screen.queryByText(/Error budget remaining \d/),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Burn rates' })).toBeNull();
  });

  it("says the source failed once when the evaluator's reason says it", async () => {
    const api = mockStewardshipApi({
      getSloHistory: async () => history,
    });
    // The evaluator's own sentence (SloEvaluator): no "(The metric source failed)" before it.
    const said =
      'Metric source "demo-prometheus" failed: Prometheus source could not be reached: connect ECONNREFUSED 127.0.0.1:19090';
    await renderWithApi(
      <SloDetails
        slo={slo}
        evaluation={{ ...noDataEvaluation, reason: said }}
      />,
      api,
    );
    const reason = await screen.findByText(said);
    expect(within(reason.parentElement!).getByText('no-data')).toBeVisible();
    expect(screen.queryByText(/The metric source failed/)).toBeNull();
  });

  it('lists the labels, and nothing when there are none', async () => {
    const api = mockStewardshipApi({
      getSloHistory: async () => ({ ...history, points: [] }),
    });
    const { unmount } = await renderWithApi(
      <SloDetails
        slo={{ ...slo, labels: { tier: 'critical', team: 'payments' } }}
        evaluation={evaluation}
      />,
      api,
    );
    const list = await screen.findByRole('list', { name: 'Labels' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['tier: critical', 'team: payments']);
    unmount();

    await renderWithApi(
      <SloDetails slo={{ ...slo, labels: {} }} evaluation={evaluation} />,
      api,
    );
    await screen.findByText(/^As of /);
    expect(screen.queryByRole('list', { name: 'Labels' })).toBeNull();
  });

  it('reads the history against the objective of the evaluation shown, not today’s', async () => {
    // Edited since to 99.95 %; the evaluation shown (and the history) was judged against 99.9 %.
    const edited = { ...slo, version: 4, objective: 0.9995 };
    await renderWithApi(
      <SloDetails slo={edited} evaluation={evaluation} />,
      mockStewardshipApi({
        getSloHistory: async () => history,
        listSloRevisions: async () => [],
      }),
    );

    // Of the version before the edit: "counted", its budgeting method not known here.
    expect(
      await screen.findByText(
        'SLI 99.942 % against the objective 99.9 % (17,268,011 good of 17,278,032 counted).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'SLI went from 99.995 % at 2024-04-01 00:05 UTC to 99.942 % at 2024-05-01 00:00 UTC. The objective is 99.9 %.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'SLI (objective 99.9 %)' }),
    ).toBeInTheDocument();
    const objectiveLabels = Array.from(document.querySelectorAll('svg text'))
      .map(text => text.textContent)
      .filter(text => /objective/.test(text ?? ''));
    expect(objectiveLabels).toEqual(['objective 99.9 %']);
  });

  it('shows one point per moment, the one stored last, when a moment was evaluated twice', async () => {
    // Re-evaluated as of 2024-04-30 after a correction: the backend lists a moment's snapshots
    // in the order they were stored, the re-evaluation (at risk, 30 % left) last.
    const moment = '2024-04-30T00:00:00.000Z';
    const twice = {
      ...history,
      points: [
        history.points[0],
        {
          at: moment,
          status: 'healthy' as const,
          sli: 0.9995,
          budgetRemaining: 0.5,
          burnRate1h: 1,
        },
        {
          at: moment,
          status: 'at-risk' as const,
          sli: 0.9993,
          budgetRemaining: 0.3,
          burnRate1h: 20,
        },
      ],
    };
    const errors: string[] = [];
    const spy = jest
      .spyOn(console, 'error')
      .mockImplementation((...args: unknown[]) => {
        errors.push(args.map(String).join(' '));
      });
    try {
      await renderWithApi(
        <SloDetails slo={slo} evaluation={evaluation} />,
        mockStewardshipApi({
          getSloHistory: async () => twice,
          listSloRevisions: async () => [],
        }),
      );
      const table = await screen.findByRole('table', {
        name: /History of availability/,
      });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(
        rows.map(row =>
          within(row)
            .getAllByRole('cell')
            .map(cell => cell.textContent),
        ),
      ).toEqual([
        ['2024-04-01 00:05 UTC', 'healthy', '95 %', '99.995 %', '0.4×'],
        ['2024-04-30 00:00 UTC', 'at-risk', '30 %', '99.93 %', '20×'],
      ]);
      // The captions' last values are the re-evaluation's too.
      expect(
        screen.getByText(
          /^Error budget remaining went from 95 % at .* to 30 % at 2024-04-30 00:00 UTC\./,
        ),
      ).toBeInTheDocument();
    } finally {
      spy.mockRestore();
    }
    expect(errors.filter(error => /same key/.test(error))).toEqual([]);
  });

  /** The SLO budgeted by timeslices, at `version`, shown with the fixture's evaluation. */
  const renderTimeslices = (version = slo.version) =>
    renderWithApi(
      <SloDetails
        slo={{
          ...slo,
          version,
          budgetingMethod: 'timeslices',
          timeslice: { duration: '5m', target: 0.99 },
        }}
        evaluation={evaluation}
      />,
      mockStewardshipApi({
        getSloHistory: async () => history,
        listSloRevisions: async () => [],
      }),
    );

  it('names the counts slices for an SLO budgeted by timeslices, as the summary does', async () => {
    await renderTimeslices();
    const table = await screen.findByRole('table', { name: 'Burn rates' });
    expect(
      within(table).getByRole('columnheader', {
        name: 'Slices (good / total)',
      }),
    ).toBeInTheDocument();
    expect(within(table).queryByText(/Events/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Why this SLI' }));
    expect(
      screen.getByRole('heading', { name: 'Slice counts' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Event counts' })).toBeNull();
  });

  it('names the counts of an evaluation of an earlier version neither slices nor events: its budgeting method is not known', async () => {
    // Budgeted by timeslices today; the evaluation shown is of the version before.
    await renderTimeslices(evaluation.sloVersion + 1);
    const table = await screen.findByRole('table', { name: 'Burn rates' });
    expect(
      within(table).getByRole('columnheader', {
        name: 'Counts (good / total)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/ good of [\d,]+ counted\)/)).toBeInTheDocument();
    expect(screen.queryByText(/ good of [\d,]+ slices\)/)).toBeNull();
  });

  it('says, as of a past moment, that no evaluation was stored by then, with no next run to wait for', async () => {
    const at = new Date('2024-01-01T00:00:00Z');
    await renderWithApi(
      <SloDetails slo={slo} at={at} />,
      mockStewardshipApi({
        getSloHistory: async () => ({ ...history, points: [] }),
        listSloRevisions: async () => [],
      }),
    );

    expect(
      await screen.findByText(
        'No evaluation was stored by 2024-01-01 00:00 UTC. The objective now is 99.9 %.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/next scheduled run/)).toBeNull();
    expect(screen.queryByText(/Not evaluated yet/)).toBeNull();
  });

  it('says when the SLO has not been evaluated yet', async () => {
    const api = mockStewardshipApi({
      getSloHistory: async () => ({ ...history, points: [] }),
    });

    await renderWithApi(<SloDetails slo={slo} />, api);

    expect(
      await screen.findByText(
        'Not evaluated yet: the first evaluation comes with the next scheduled run (every 5 minutes by default). The objective is 99.9 %.',
      ),
    ).toBeInTheDocument();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
