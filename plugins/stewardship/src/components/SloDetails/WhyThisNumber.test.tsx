import { act, screen, waitFor, within } from '@testing-library/react';
import { SloEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import {
  BAD_GATEWAY_SAID,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { formatInstant } from '../formatSlo';
import { WhyThisNumber } from './WhyThisNumber';
import {
  backendError,
  evaluation,
  noDataEvaluation,
  slo,
} from './__fixtures__';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const PANELS = [
  'Why this SLI',
  'Why this error budget',
  'Why these burn rates',
  'Why this status',
];

async function expandAll() {
  for (const name of PANELS) {
    await userEvent.click(screen.getByRole('button', { name }));
  }
}

describe('WhyThisNumber', () => {
  it("keeps the explanation shown, and the focus on its button, while a newer evaluation's is read", async () => {
    // The SLO list carries evaluations without their explanation: it is read by moment.
    const { explanation, ...summary } = evaluation;
    const later: SloEvaluation = {
      ...evaluation,
      at: '2024-05-01T00:05:00.000Z',
      evaluatedAt: '2024-05-01T00:05:03.000Z',
      explanation: {
        ...explanation,
        queries: explanation.queries.map(query => `${query} # later`),
      },
    };
    let answerLater!: (value: SloEvaluation) => void;
    const getSloSnapshot = jest
      .fn()
      .mockResolvedValueOnce(evaluation)
      .mockReturnValueOnce(
        new Promise<SloEvaluation>(resolve => {
          answerLater = resolve;
        }),
      );
    let showLater!: () => void;
    function Details() {
      const [shown, setShown] = useState<typeof summary>(summary);
      showLater = () => {
        const { explanation: _, ...laterSummary } = later;
        setShown(laterSummary);
      };
      return <WhyThisNumber sloId={slo.id} evaluation={shown} />;
    }
    await renderWithApi(<Details />, mockStewardshipApi({ getSloSnapshot }));
    const why = await screen.findByRole('button', { name: 'Why this SLI' });
    await userEvent.click(why);
    expect(screen.getByText(explanation.queries[0])).toBeInTheDocument();
    expect(why).toHaveFocus();

    act(() => showLater());
    await waitFor(() => expect(getSloSnapshot).toHaveBeenCalledTimes(2));
    expect(getSloSnapshot.mock.calls[1][1].at).toEqual(new Date(later.at));
    // While it is read: the panel as it was, no progress bar, focus kept.
    expect(
      screen.queryByRole('progressbar', { name: 'Loading the explanation' }),
    ).toBeNull();
    expect(screen.getByText(explanation.queries[0])).toBeInTheDocument();
    expect(why).toHaveFocus();

    await act(async () => answerLater(later));
    expect(
      await screen.findByText(later.explanation.queries[0]),
    ).toBeInTheDocument();
    // The same button, its panel still open.
    expect(why).toHaveFocus();
    expect(why).toHaveAttribute('aria-expanded', 'true');
  });

  it("keeps the explanation shown, its panel open and focused, when a newer evaluation's cannot be read, and says so", async () => {
    const { explanation, ...summary } = evaluation;
    const getSloSnapshot = jest
      .fn()
      .mockResolvedValueOnce(evaluation)
      .mockImplementationOnce(async () => {
        throw await proxyBadGateway();
      });
    let showLater!: () => void;
    function Details() {
      const [shown, setShown] = useState<typeof summary>(summary);
      showLater = () =>
        setShown({ ...summary, at: '2024-05-01T00:05:00.000Z' });
      return <WhyThisNumber sloId={slo.id} evaluation={shown} />;
    }
    await renderWithApi(<Details />, mockStewardshipApi({ getSloSnapshot }));
    const why = await screen.findByRole('button', { name: 'Why this SLI' });
    await userEvent.click(why);

    act(() => showLater());
    expect(
      await screen.findByText(
        `Not up to date: could not read the queries and formulas behind these figures again (${BAD_GATEWAY_SAID}). Shown as of ${formatInstant(
          new Date(evaluation.at),
        )}; read again after the next evaluation, or when you reload the page.`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(explanation.queries[0])).toBeInTheDocument();
    expect(why).toHaveFocus();
    expect(why).toHaveAttribute('aria-expanded', 'true');
    expect(screen.queryByText(/^Could not read/)).toBeNull();
  });

  it('lists every query and every formula of the evaluation, verbatim', async () => {
    await renderWithApi(
      <WhyThisNumber sloId={slo.id} evaluation={evaluation} />,
      mockStewardshipApi(),
    );

    // Collapsed panels render nothing until opened.
    expect(
      screen.queryByText(evaluation.explanation.formulas[1]),
    ).not.toBeInTheDocument();

    await expandAll();

    for (const formula of evaluation.explanation.formulas) {
      // Each line once: it belongs to one figure.
      expect(screen.getAllByText(formula)).toHaveLength(1);
    }
    for (const query of evaluation.explanation.queries) {
      // The queries are behind every figure, so each panel shows them.
      expect(screen.getAllByText(query)).toHaveLength(PANELS.length);
    }
    expect(
      screen.getAllByRole('button', { name: 'Copy query 1' }),
    ).toHaveLength(PANELS.length);
    expect(
      screen.getAllByRole('button', { name: 'Copy query 2' }),
    ).toHaveLength(PANELS.length);
  });

  it('gives each panel ids of its own, so two SLOs open on one tab name their regions apart', async () => {
    await renderWithApi(
      <>
        <WhyThisNumber sloId={slo.id} evaluation={evaluation} />
        <WhyThisNumber sloId={slo.id} evaluation={evaluation} />
      </>,
      mockStewardshipApi(),
    );
    for (const button of screen.getAllByRole('button', {
      name: 'Why this SLI',
    })) {
      await userEvent.click(button);
    }
    // Each region is named by its own summary, and each summary controls its own region.
    const regions = screen.getAllByRole('region', { name: 'Why this SLI' });
    expect(regions).toHaveLength(2);
    const summaries = screen.getAllByRole('button', { name: 'Why this SLI' });
    expect(summaries.map(s => s.getAttribute('aria-controls'))).toEqual(
      regions.map(r => r.id),
    );
    expect(new Set(regions.map(r => r.id)).size).toBe(2);
  });

  it("shows each figure only its own window's queries when the source said which counted what", async () => {
    const sloWindow = evaluation.explanation.queries;
    const fiveMinutes = [
      'sum(increase(http_requests_total{job="payments",code=~"5.."}[300s]))',
      'sum(increase(http_requests_total{job="payments"}[300s]))',
    ];
    await renderWithApi(
      <WhyThisNumber
        sloId={slo.id}
        evaluation={{
          ...evaluation,
          explanation: {
            ...evaluation.explanation,
            queries: [...sloWindow, ...fiveMinutes],
            queryIndexesByWindow: {
              sloWindow: [0, 1],
              burnRates: { '5m': [2, 3] },
            },
          },
        }}
      />,
      mockStewardshipApi(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Why this SLI' }));
    const sli = screen.getByRole('region', { name: 'Why this SLI' });
    expect(
      within(sli)
        .getAllByRole('button', { name: /^Copy query/ })
        .map(b => b.getAttribute('aria-label')),
    ).toEqual(['Copy query 1', 'Copy query 2']);
    for (const query of sloWindow) {
      expect(within(sli).getByText(query)).toBeInTheDocument();
    }
    for (const query of fiveMinutes) {
      expect(within(sli).queryByText(query)).not.toBeInTheDocument();
    }

    await userEvent.click(
      screen.getByRole('button', { name: 'Why these burn rates' }),
    );
    const burn = screen.getByRole('region', { name: 'Why these burn rates' });
    expect(
      within(burn).getByRole('heading', { name: 'Burn rate over 5m' }),
    ).toBeInTheDocument();
    for (const query of fiveMinutes) {
      expect(within(burn).getByText(query)).toBeInTheDocument();
    }
    for (const query of sloWindow) {
      expect(within(burn).queryByText(query)).not.toBeInTheDocument();
    }
  });

  it('shows the counts and window bounds beside the formulas', async () => {
    await renderWithApi(
      <WhyThisNumber sloId={slo.id} evaluation={evaluation} />,
      mockStewardshipApi(),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Why this error budget' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Why these burn rates' }),
    );

    expect(
      screen.getByText(
        'good = 17,268,011, total = 17,278,032 (SLO window); bad = 10,021, allowed bad = 17,278.032',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        /SLO window: 2024-04-01 00:00 UTC to 2024-05-01 00:00 UTC; evaluated as of 2024-05-01 00:00 UTC/,
      ),
    ).toHaveLength(2);
    const burnCounts = screen
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(burnCounts).toEqual(
      expect.arrayContaining([
        '5m: good = 2,952, total = 3,000',
        '6h: good = 214,963, total = 216,000',
        '3d: no counts',
      ]),
    );
  });

  describe('an SLI written as bad / total', () => {
    const sent = (window: string) => [
      `sum(increase(http_requests_total{job="payments",code=~"5.."}[${window}]))`,
      `sum(increase(http_requests_total{job="payments"}[${window}]))`,
    ];
    const badTotal = {
      ...evaluation,
      explanation: {
        ...evaluation.explanation,
        queries: [...sent('2592000s'), ...sent('300s')],
        queryIndexesByWindow: {
          sloWindow: [0, 1],
          burnRates: { '5m': [2, 3] },
        },
      },
    };
    // The fixture's counts, computed here: SLO window 17 268 011 good of 17 278 032; 5m 2 952 of 3 000.
    const count = (value: number) => value.toLocaleString('en-US');
    const good = 17_268_011;
    const total = 17_278_032;
    const bad = total - good;

    it('names each query by what it counts, the first being the bad count', async () => {
      expect(slo.sli).toHaveProperty('bad');
      await renderWithApi(
        <WhyThisNumber
          sloId={slo.id}
          evaluation={badTotal}
          sli={slo.sli}
          sloVersion={badTotal.sloVersion}
        />,
        mockStewardshipApi(),
      );
      await expandAll();

      const sli = screen.getByRole('region', { name: 'Why this SLI' });
      const badLine = within(sli).getByText(`Counts bad events: ${count(bad)}`);
      // The line stands over the query it names.
      expect(badLine.parentElement).toHaveTextContent(sent('2592000s')[0]);
      expect(badLine.parentElement).not.toHaveTextContent(sent('2592000s')[1]);
      const totalLine = within(sli).getByText(
        `Counts all events (total): ${count(total)}`,
      );
      expect(totalLine.parentElement).toHaveTextContent(sent('2592000s')[1]);
      expect(
        within(sli).getByText(
          `bad = ${count(bad)}, total = ${count(
            total,
          )}; good = total − bad = ${count(good)} (SLO window)`,
        ),
      ).toBeInTheDocument();
      expect(within(sli).queryByText(/^good = \d/)).not.toBeInTheDocument();

      const budget = screen.getByRole('region', {
        name: 'Why this error budget',
      });
      expect(
        within(budget).getByText(
          `bad = ${count(bad)}, total = ${count(
            total,
          )}; good = total − bad = ${count(
            good,
          )} (SLO window); allowed bad = 17,278.032`,
        ),
      ).toBeInTheDocument();

      const burn = screen.getByRole('region', { name: 'Why these burn rates' });
      expect(
        within(burn).getByText(`Counts bad events: ${count(3_000 - 2_952)}`),
      ).toBeInTheDocument();
      expect(
        within(burn).getByText(
          `5m: bad = ${count(3_000 - 2_952)}, total = ${count(
            3_000,
          )}; good = total − bad = ${count(2_952)}`,
        ),
      ).toBeInTheDocument();
    });

    it('names nothing for an evaluation of another version, whose queries the SLI did not write', async () => {
      await renderWithApi(
        <WhyThisNumber
          sloId={slo.id}
          evaluation={badTotal}
          sli={slo.sli}
          sloVersion={badTotal.sloVersion + 1}
        />,
        mockStewardshipApi(),
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Why this SLI' }),
      );
      expect(screen.queryByText(/^Counts /)).not.toBeInTheDocument();
      expect(
        screen.getByText(
          `good = ${count(good)}, total = ${count(total)} (SLO window)`,
        ),
      ).toBeInTheDocument();
    });
  });

  it('copies a query with the copy button', async () => {
    // CopyTextButton copies through react-use's copy-to-clipboard, which selects the text and
    // runs the copy command; jsdom has none, so record what is selected when it runs.
    let copied: string | undefined;
    const execCommand = jest.fn(() => {
      copied = document.getSelection()?.toString();
      return true;
    });
    Object.defineProperty(document, 'execCommand', {
      value: execCommand,
      configurable: true,
    });

    await renderWithApi(
      <WhyThisNumber sloId={slo.id} evaluation={evaluation} />,
      mockStewardshipApi(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Why this SLI' }));
    const panel = screen.getByRole('region');
    await userEvent.click(
      within(panel).getByRole('button', { name: 'Copy query 2' }),
    );

    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(copied).toBe(evaluation.explanation.queries[1]);
  });

  describe('says what a copy came to, politely, besides the tooltip', () => {
    afterEach(() => {
      delete (document as { execCommand?: unknown }).execCommand;
      jest.restoreAllMocks();
    });

    /** Stands in for the browser's copy command, answering `works`. */
    function copyCommand(works: boolean) {
      Object.defineProperty(document, 'execCommand', {
        value: jest.fn(() => works),
        configurable: true,
      });
    }

    async function openSliPanel() {
      await renderWithApi(
        <WhyThisNumber sloId={slo.id} evaluation={evaluation} />,
        mockStewardshipApi(),
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Why this SLI' }),
      );
      return screen.getByRole('region');
    }

    it('says the query was copied, and says it again on the next copy', async () => {
      copyCommand(true);
      const panel = await openSliPanel();
      const status = screen.getByRole('status');
      expect(status).toBeEmptyDOMElement();

      await userEvent.click(
        within(panel).getByRole('button', { name: 'Copy query 2' }),
      );
      await waitFor(() =>
        expect(status).toHaveTextContent('Query 2 copied to clipboard.'),
      );
      expect(
        await screen.findByRole('tooltip', {
          name: 'Query copied to clipboard',
        }),
      ).toBeInTheDocument();
      const first = within(status).getByText('Query 2 copied to clipboard.');

      // The same words again: a new node, which a live region announces again.
      await userEvent.click(
        within(panel).getByRole('button', { name: 'Copy query 2' }),
      );
      await waitFor(() =>
        expect(
          within(status).getByText('Query 2 copied to clipboard.'),
        ).not.toBe(first),
      );
    });

    it('says so when the query could not be copied', async () => {
      // The copy command refuses; copy-to-clipboard then asks the user to copy the text in a
      // prompt, which is no copy of its own.
      copyCommand(false);
      const prompt = jest.spyOn(window, 'prompt').mockReturnValue(null);
      const panel = await openSliPanel();
      await userEvent.click(
        within(panel).getByRole('button', { name: 'Copy query 1' }),
      );
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent(
          'Could not copy query 1 to the clipboard; select its text to copy it.',
        ),
      );
      expect(prompt).toHaveBeenCalled();
      expect(
        await screen.findByRole('tooltip', {
          name: 'Could not copy the query',
        }),
      ).toBeInTheDocument();
      expect(screen.queryByText(/copied to clipboard/)).not.toBeInTheDocument();
    });
  });

  it("links a query to the metric source's own UI when the backend gives a link, and only then", async () => {
    const [first, second] = evaluation.explanation.queries;
    const link = `https://prometheus.example.com/graph?g0.expr=${encodeURIComponent(
      first,
    )}&g0.tab=1`;
    await renderWithApi(
      <WhyThisNumber
        sloId={slo.id}
        evaluation={{
          ...evaluation,
          explanation: {
            ...evaluation.explanation,
            queryLinks: { [first]: link },
          },
        }}
      />,
      mockStewardshipApi(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Why this SLI' }));
    const panel = screen.getByRole('region');
    const open = within(panel).getByRole('link', {
      // core-components' Link says an external link opens a new window.
      name: 'Open in source: query 1, Opens in a new window',
    });
    expect(open).toHaveAttribute('href', link);
    expect(open).toHaveTextContent('Open in source');
    // The second query is shown, without a link: the backend gave none for it.
    expect(within(panel).getByText(second)).toBeInTheDocument();
    expect(
      within(panel).queryByRole('link', { name: /query 2/ }),
    ).not.toBeInTheDocument();
  });

  it('links no query to an address that is not http(s), whatever the backend passes on', async () => {
    const [first, second] = evaluation.explanation.queries;
    await renderWithApi(
      <WhyThisNumber
        sloId={slo.id}
        evaluation={{
          ...evaluation,
          explanation: {
            ...evaluation.explanation,
            queryLinks: {
              [first]: 'data:text/html,<script>alert(1)</script>',
              [second]: '//evil.example/x',
            },
          },
        }}
      />,
      mockStewardshipApi(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Why this SLI' }));
    const panel = screen.getByRole('region');
    expect(within(panel).getByText(second)).toBeInTheDocument();
    expect(within(panel).queryByRole('link')).not.toBeInTheDocument();
  });

  it('explains a no-data evaluation with its queries and reason', async () => {
    await renderWithApi(
      <WhyThisNumber sloId={slo.id} evaluation={noDataEvaluation} />,
      mockStewardshipApi(),
    );
    await expandAll();

    for (const formula of noDataEvaluation.explanation.formulas) {
      expect(screen.getAllByText(formula)).toHaveLength(1);
    }
    expect(
      screen.getAllByText('No event counts for the SLO window.').length,
    ).toBeGreaterThan(0);
  });
  it("reads the explanation of a list's evaluation (which carries none) for that SLO and moment", async () => {
    const { explanation, ...summary } = evaluation;
    const getSloSnapshot = jest.fn(async () => evaluation);
    await renderWithApi(
      <WhyThisNumber sloId={slo.id} evaluation={summary} />,
      mockStewardshipApi({ getSloSnapshot }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Why this SLI' }),
    );

    expect(getSloSnapshot).toHaveBeenCalledTimes(1);
    expect(getSloSnapshot).toHaveBeenCalledWith(slo.id, {
      at: new Date(evaluation.at),
      signal: expect.any(AbortSignal),
    });
    expect(
      screen.getByText(explanation.queries[0], { exact: true }),
    ).toBeInTheDocument();
  });

  it('says why when the explanation cannot be read, in the backend’s words, with Try again', async () => {
    const { explanation: _, ...summary } = evaluation;
    let calls = 0;
    await renderWithApi(
      <WhyThisNumber sloId={slo.id} evaluation={summary} />,
      mockStewardshipApi({
        getSloSnapshot: async () => {
          calls++;
          if (calls === 1) {
            throw await backendError(
              404,
              'Not Found',
              'SLO x has no stored evaluation as of y',
            );
          }
          return evaluation;
        },
      }),
    );

    expect(
      await screen.findByText(
        'Error: Could not read the queries and formulas behind these figures: SLO x has no stored evaluation as of y',
      ),
    ).toBeInTheDocument();
    // Not ResponseError's own message, which loses the backend's sentence.
    expect(screen.queryByText(/Request failed with/)).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Why this SLI' }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('button', { name: 'Why this SLI' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('says to sign in again when the explanation is refused with a 401', async () => {
    const { explanation: _, ...summary } = evaluation;
    await renderWithApi(
      <WhyThisNumber sloId={slo.id} evaluation={summary} />,
      mockStewardshipApi({
        getSloSnapshot: async () => {
          throw await backendError(401, 'Unauthorized', 'Illegal token');
        },
      }),
    );

    expect(
      await screen.findByText(
        'Error: Could not read the queries and formulas behind these figures: You are not signed in, or your session has ended (401 Unauthorized): reload the page to sign in again',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });

  it('names the counts slices for an SLO budgeted by timeslices', async () => {
    await renderWithApi(
      <WhyThisNumber
        sloId={slo.id}
        evaluation={noDataEvaluation}
        countUnit="slices"
      />,
      mockStewardshipApi(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Why this SLI' }));

    const panel = screen.getByRole('region');
    expect(
      within(panel).getByRole('heading', { name: 'Slice counts' }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText('No slice counts for the SLO window.'),
    ).toBeInTheDocument();
    expect(within(panel).queryByText(/event counts/i)).toBeNull();
  });
});
