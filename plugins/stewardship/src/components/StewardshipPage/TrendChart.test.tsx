import { renderInTestApp } from '@backstage/test-utils';
import { ScorecardTrendPoint } from '@stewardship/backstage-plugin-stewardship-common';
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

  it('says why there is no trend when the backend withholds it, rather than waiting for snapshots', async () => {
    await renderInTestApp(<TrendChart trend={[]} withheld />);
    expect(document.body.textContent).toContain(
      'The trend counts the whole catalog, so it shows only to those who may read all of it.',
    );
    expect(document.body.textContent).not.toContain('first days of snapshots');
  });
});
