import { renderInTestApp } from '@backstage/test-utils';
import { ScorecardTrendPoint } from '@stewardship/backstage-plugin-stewardship-common';
import { screen, within } from '@testing-library/react';
import { TrendChart } from './TrendChart';

const point = (
  day: string,
  compliant: number,
  entities: number,
): ScorecardTrendPoint => ({
  day,
  entities,
  compliant,
  roleOk: { business: entities, product: entities, engineering: entities },
});

/** The y pixel of each point of a series' line. */
function ys(series: string): number[] {
  const line = document.querySelector(
    `svg[data-chart="time-series"] [data-series="${series}"] polyline`,
  )!;
  return line
    .getAttribute('points')!
    .split(' ')
    .map(p => Number(p.split(',')[1]));
}

/** The y pixel of a y-axis tick, e.g. `100%`. */
function tickY(label: string): number {
  const tick = Array.from(
    document.querySelectorAll(
      'svg[data-chart="time-series"] [data-axis="y"] text',
    ),
  ).find(t => t.textContent === label)!;
  return Number(tick.getAttribute('y'));
}

describe('TrendChart', () => {
  it('plots compliance rounded down like the headline: 100 % only when every entity complies', async () => {
    await renderInTestApp(
      <TrendChart
        trend={[
          point('2026-10-01', 1999, 2000),
          point('2026-10-02', 2, 3),
          point('2026-10-03', 5, 5),
        ]}
      />,
    );
    // The latest headline, rounded down to a whole percent.
    expect(document.body.textContent).toContain(
      'Latest: 100% compliant on 2026-10-03',
    );
    const zero = tickY('0%');
    const hundred = tickY('100%');
    // 1999/2000 = 99.95 % → 99.9 (to the nearest tenth it was 100.0, the top line);
    // 2/3 = 66.66… % → 66.6; 5/5 → 100.
    const expected = [0.999, 0.666, 1].map(f => zero + (hundred - zero) * f);
    const actual = ys('Compliant');
    expect(actual).toHaveLength(3);
    actual.forEach((y, i) => expect(y).toBeCloseTo(expected[i], 6));
    expect(actual[0]).not.toBeCloseTo(hundred, 3);
  });

  it('hides the chart from screen readers and lists each day’s shares in a table instead', async () => {
    await renderInTestApp(
      <TrendChart
        trend={[
          {
            day: '2026-10-01',
            entities: 2000,
            compliant: 1999,
            roleOk: { business: 2000, product: 1, engineering: 1500 },
          },
          {
            day: '2026-10-02',
            entities: 3,
            compliant: 2,
            roleOk: { business: 3, product: 1, engineering: 0 },
          },
          // A day without entities: no share, not 0 %.
          point('2026-10-03', 0, 0),
        ]}
      />,
    );
    const svg = document.querySelector('svg[data-chart="time-series"]')!;
    expect(svg.closest('[aria-hidden="true"]')).not.toBeNull();
    const table = screen.getByRole('table', {
      name: /^Trend of the whole catalog/,
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(row =>
        Array.from(row.querySelectorAll('th, td')).map(
          cell => cell.textContent,
        ),
      );
    // Rounded down to 0.1 %, as plotted: 1999/2000 = 99.95 % → 99.9; 1/2000 = 0.05 % is above 0,
    // so it gets the decimals to show it; 1500/2000 = 75; 2/3 = 66.66… → 66.6; 1/3 → 33.3.
    expect(rows).toEqual([
      [
        'Day',
        'Compliant',
        'Business owner',
        'Product owner',
        'Engineering owner',
      ],
      ['2026-10-01', '99.9%', '100%', '0.05%', '75%'],
      ['2026-10-02', '66.6%', '100%', '33.3%', '0%'],
      ['2026-10-03', '–', '–', '–', '–'],
    ]);
  });

  it('reads a long trend as 100 evenly spaced days, the first and the last included', async () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const trend = Array.from({ length: 150 }, (_, i) =>
      point(
        new Date(start + i * 86_400_000).toISOString().slice(0, 10),
        i,
        150,
      ),
    );
    await renderInTestApp(<TrendChart trend={trend} />);
    const table = screen.getByRole('table', {
      name: /The table lists 100 of the 150 days, evenly spaced, the first and the last included\.$/,
    });
    const days = within(table)
      .getAllByRole('rowheader')
      .map(cell => cell.textContent);
    expect(days).toHaveLength(100);
    expect(days[0]).toBe('2026-01-01');
    // 149 days after the first.
    expect(days[99]).toBe('2026-05-30');
  });

  it('says why there is no trend when the backend withholds it, rather than waiting for snapshots', async () => {
    await renderInTestApp(<TrendChart trend={[]} withheld />);
    expect(document.body.textContent).toContain(
      'The trend counts the whole catalog, so it shows only to those who may read all of it.',
    );
    expect(document.body.textContent).not.toContain('first days of snapshots');
  });
});
