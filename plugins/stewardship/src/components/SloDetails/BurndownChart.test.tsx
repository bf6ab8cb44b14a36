import { renderInTestApp } from '@backstage/test-utils';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import { screen } from '@testing-library/react';
import { BurndownChart, burndownCaption } from './BurndownChart';
import { history } from './__fixtures__';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const window = {
  start: '2024-04-01T00:00:00.000Z',
  end: '2024-05-01T00:00:00.000Z',
};

describe('BurndownChart', () => {
  it('captions the first and last budget values and how to read the line', async () => {
    await renderInTestApp(
      <BurndownChart points={history.points} window={window} />,
    );

    expect(
      screen.getByText(
        'Error budget remaining went from 95 % at 2024-04-01 00:05 UTC to 42 % at 2024-05-01 00:00 UTC. ' +
          'The budget is measured against the window’s own events: a steady burn rate keeps the line level, at 0 % when it spends exactly the budget.',
      ),
    ).toBeInTheDocument();
  });

  it('shows an overspent budget as negative and skips points without data', () => {
    const caption = burndownCaption([
      { at: '2024-04-02T00:00:00Z', status: 'no-data' },
      { at: '2024-04-03T00:00:00Z', status: 'healthy', budgetRemaining: 0.5 },
      {
        at: '2024-04-04T00:00:00Z',
        status: 'exhausted',
        budgetRemaining: -0.2,
      },
      { at: '2024-04-05T00:00:00Z', status: 'no-data' },
    ]);

    expect(caption).toMatch(
      /^Error budget remaining went from 50 % at 2024-04-03 00:00 UTC to -20 % at 2024-04-04 00:00 UTC\./,
    );
  });

  it('writes the budget left with one decimal, as the summary and the row do, never 0 % unless exactly', () => {
    const caption = burndownCaption([
      {
        at: '2024-04-03T00:00:00Z',
        status: 'healthy',
        budgetRemaining: 0.42195,
      },
      // 0.0004 %: one decimal would read 0 %.
      {
        at: '2024-04-04T00:00:00Z',
        status: 'at-risk',
        budgetRemaining: 0.000004,
      },
    ]);

    expect(caption).toMatch(
      /^Error budget remaining went from 42\.2 % at 2024-04-03 00:00 UTC to 0\.0004 % at 2024-04-04 00:00 UTC\./,
    );
  });

  it('says so when no point has a budget', () => {
    expect(
      burndownCaption([{ at: '2024-04-02T00:00:00Z', status: 'no-data' }]),
    ).toMatch(/^No point of the history has an error budget \(no data\)\./);
  });
});

describe('incident markers', () => {
  const incident = (id: string, fields: Partial<Incident>): Incident =>
    ({
      id,
      entityRef: 'component:default/checkout',
      title: `Incident ${id}`,
      severity: 'SEV2',
      status: 'resolved',
      detectedAt: '2024-04-10T10:00:00.000Z',
      fireDrill: false,
      affectedSloIds: [],
      ...fields,
    } as Incident);

  it('lists the incidents that started in the window, oldest first, in words', async () => {
    const incidents = [
      incident('b', {
        severity: 'SEV1',
        startedAt: '2024-04-20T08:00:00.000Z',
        detectedAt: '2024-04-20T08:30:00.000Z',
        status: 'acknowledged',
      }),
      incident('a', {
        startedAt: '2024-04-05T12:00:00.000Z',
        resolvedAt: '2024-04-05T13:15:00.000Z',
        fireDrill: true,
      }),
      // Detected before the window: not drawn.
      incident('c', { detectedAt: '2024-03-30T00:00:00.000Z' }),
    ];
    await renderInTestApp(
      <BurndownChart
        points={history.points}
        window={window}
        incidents={incidents}
      />,
    );
    const items = screen.getAllByRole('listitem').map(li => li.textContent);
    expect(items).toEqual([
      'SEV2 (fire drill) “Incident a”, started 2024-04-05 12:00 UTC, resolved 2024-04-05 13:15 UTC.',
      'SEV1 “Incident b”, started 2024-04-20 08:00 UTC, still acknowledged.',
    ]);
  });

  it('draws the budget with a gap for no data, the shaded corrections and one dotted line per incident', async () => {
    await renderInTestApp(
      <BurndownChart
        points={history.points}
        window={window}
        incidents={[
          incident('a', { startedAt: '2024-04-05T12:00:00.000Z' }),
          incident('b', {
            severity: 'SEV1',
            detectedAt: '2024-04-20T08:00:00.000Z',
          }),
        ]}
        excluded={[
          {
            start: '2024-04-10T00:00:00.000Z',
            end: '2024-04-10T04:00:00.000Z',
          },
          {
            start: '2024-04-12T00:00:00.000Z',
            end: '2024-04-12T03:00:00.000Z',
          },
        ]}
      />,
    );
    const svg = document.querySelector('svg[data-chart]')!;
    expect(svg.closest('[aria-hidden="true"]')).not.toBeNull();
    // Four points, the third without data: a line through the first two, a dot for the last.
    const budget = svg.querySelector('[data-series="Error budget remaining"]')!;
    expect(budget.querySelectorAll('polyline')).toHaveLength(1);
    expect(budget.querySelectorAll('circle')).toHaveLength(1);
    expect(svg.querySelectorAll('[data-band]')).toHaveLength(2);
    const markers = svg.querySelectorAll('[data-reference="vertical"]');
    expect(Array.from(markers).map(m => m.textContent)).toEqual([
      'SEV2',
      'SEV1',
    ]);
    // The only line besides the incidents is the 0 % one (no "ideal burndown": see the caption).
    expect(svg.querySelectorAll('[data-reference]')).toHaveLength(3);
    expect(
      svg.querySelector('[data-reference="horizontal"]'),
    ).toHaveTextContent('exhausted');
    expect(
      screen.getByText(/^Shaded: 7 h in 2 periods excluded/),
    ).toBeInTheDocument();
  });

  it('draws the labels of incidents close in time one under the other', async () => {
    await renderInTestApp(
      <BurndownChart
        points={history.points}
        window={window}
        incidents={[
          incident('a', { startedAt: '2024-04-05T12:00:00.000Z' }),
          incident('b', { startedAt: '2024-04-05T18:00:00.000Z' }),
          incident('c', {
            severity: 'SEV1',
            startedAt: '2024-04-20T00:00:00.000Z',
          }),
        ]}
      />,
    );
    // jsdom lays nothing out: the chart is 640 px wide, its plot from 48 to 624 px, so 30 days
    // are 576 px, 0.8 px an hour. a is at 48 + 108 h × 0.8 = 134.4 px, b 4.8 px right of it,
    // closer than a label's width (27 px): one row (12 px) lower. c, at 48 + 456 h × 0.8 =
    // 412.8 px, is far from both: the top row, 12 + 10 px from the top of the chart.
    const labels = Array.from(
      document.querySelectorAll('[data-reference="vertical"] text'),
    ).map(text => ({
      label: text.textContent,
      x: Number(text.getAttribute('x')),
      y: Number(text.getAttribute('y')),
    }));
    expect(labels).toEqual([
      { label: 'SEV2', x: expect.closeTo(137.4, 6), y: 22 },
      { label: 'SEV2', x: expect.closeTo(142.2, 6), y: 34 },
      { label: 'SEV1', x: expect.closeTo(415.8, 6), y: 22 },
    ]);
  });

  it('marks a fourth incident close to three others and says so, rather than print it over them', async () => {
    await renderInTestApp(
      <BurndownChart
        points={history.points}
        window={window}
        incidents={[
          incident('a', { startedAt: '2024-04-05T12:00:00.000Z' }),
          incident('b', { startedAt: '2024-04-05T13:00:00.000Z' }),
          incident('c', { startedAt: '2024-04-05T14:00:00.000Z' }),
          incident('d', {
            severity: 'SEV1',
            startedAt: '2024-04-05T15:00:00.000Z',
            resolvedAt: '2024-04-05T16:00:00.000Z',
          }),
        ]}
      />,
    );
    // 0.8 px an hour (above): four labels 27 px wide within 2.4 px. Three rows; d finds none.
    const lines = Array.from(
      document.querySelectorAll('[data-reference="vertical"]'),
    );
    expect(lines.map(l => l.querySelector('text')?.textContent)).toEqual([
      'SEV2',
      'SEV2',
      'SEV2',
      undefined,
    ]);
    expect(lines[3].querySelector('title')!.textContent).toBe(
      'SEV1 “Incident d”, started 2024-04-05 15:00 UTC, resolved 2024-04-05 16:00 UTC.',
    );
    expect(
      screen.getByText(
        '1 incident label did not fit among the others: its line is marked ▼ above the chart instead. The list below names every incident.',
      ),
    ).toBeInTheDocument();
    // The marked one too is in the list under the chart, in words.
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
  });

  it('says nothing when no incident falls in the window', async () => {
    await renderInTestApp(
      <BurndownChart points={history.points} window={window} incidents={[]} />,
    );
    expect(screen.queryByText(/Incidents in this window/)).toBeNull();
  });
});
