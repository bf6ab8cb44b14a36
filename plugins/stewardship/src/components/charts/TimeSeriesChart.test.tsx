import { renderInTestApp } from '@backstage/test-utils';
import { BarChart } from './BarChart';
import {
  TimeSeriesChart,
  knownRuns,
  shortenedLabelsNote,
} from './TimeSeriesChart';

const day = 86_400_000;
const start = Date.parse('2024-04-01T00:00:00Z');

describe('knownRuns', () => {
  it('splits a line at missing points instead of drawing them as 0', () => {
    const runs = knownRuns([
      { x: 1, y: 5 },
      { x: 2, y: null },
      { x: 3, y: 0 },
      { x: 4, y: 2 },
      { x: 5, y: null },
      { x: 6, y: null },
      { x: 7, y: 1 },
    ]);
    expect(runs.map(run => run.map(p => p.x))).toEqual([[1], [3, 4], [7]]);
  });
});

describe('TimeSeriesChart', () => {
  it('moves the plot right of its longest y tick label, which would else start left of the svg', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        height={200}
        x={{ domain: [start, start + 10 * day] }}
        y={{
          min: 99.9998,
          max: 100,
          unit: '%',
          format: v => String(Number(v.toFixed(6))),
          width: 48,
        }}
        series={[]}
      />,
    );
    const labels = Array.from(
      document.querySelectorAll('[data-axis="y"] text'),
    );
    expect(labels.map(l => l.textContent)).toContain('99.99985%');
    // 9 characters of 12 px text take about 9 × 12 × 0.62 = 67 px; right-aligned at x, each
    // starts at x − 67, which must not be left of 0.
    for (const label of labels) {
      const chars = label.textContent!.length;
      expect(Number(label.getAttribute('x'))).toBeGreaterThanOrEqual(
        chars * 12 * 0.62,
      );
    }
  });

  it('draws each series, band and reference line, with ticks and a legend', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        height={200}
        x={{ domain: [start, start + 10 * day] }}
        y={{ min: 0, max: 100, unit: '%' }}
        series={[
          {
            name: 'Budget',
            colour: 'blue',
            points: [
              { x: start, y: 100 },
              { x: start + day, y: 90 },
              { x: start + 2 * day, y: null },
              { x: start + 3 * day, y: 80 },
            ],
          },
        ]}
        bands={[{ from: start + day, to: start + 2 * day, colour: 'grey' }]}
        references={[
          { kind: 'horizontal', y: 0, colour: 'red', label: 'exhausted' },
          { kind: 'vertical', x: start + day, colour: 'orange', label: 'SEV1' },
        ]}
      />,
    );
    const svg = document.querySelector('svg[data-chart="time-series"]')!;
    const line = svg.querySelector('[data-series="Budget"]')!;
    // Two known points, a gap, then one lone point drawn as a dot.
    expect(line.querySelectorAll('polyline')).toHaveLength(1);
    expect(
      line.querySelector('polyline')!.getAttribute('points')!.split(' '),
    ).toHaveLength(2);
    expect(line.querySelectorAll('circle')).toHaveLength(1);
    expect(svg.querySelectorAll('[data-band]')).toHaveLength(1);
    expect(
      Array.from(svg.querySelectorAll('[data-reference]')).map(r =>
        r.getAttribute('data-reference'),
      ),
    ).toEqual(['horizontal', 'vertical']);
    expect(svg).toHaveTextContent('exhausted');
    expect(svg).toHaveTextContent('SEV1');
    const yTicks = svg.querySelector('[data-axis="y"]')!.textContent;
    expect(yTicks).toBe('0%20%40%60%80%100%');
    // Ten days in about seven ticks: every other UTC midnight.
    expect(svg.querySelector('[data-axis="x"]')!.textContent).toBe(
      '04-0104-0304-0504-0704-0904-11',
    );
    // Their zone, said once under the y axis.
    expect(svg.querySelector('[data-axis="x-zone"]')!.textContent).toBe('UTC');
    expect(
      Array.from(document.querySelectorAll('[data-chart-legend] li')).map(
        li => li.textContent,
      ),
    ).toEqual(['Budget']);
  });

  it('ends the axis at a bound the values never pass, with no tick above it', async () => {
    const chart = (maxIsBound: boolean) =>
      renderInTestApp(
        <TimeSeriesChart
          height={200}
          x={{ domain: [start, start + 10 * day] }}
          y={{ min: -5000, max: 100, maxIsBound, unit: '%' }}
          series={[
            {
              name: 'Budget',
              colour: 'blue',
              points: [
                { x: start, y: 100 },
                { x: start + 9 * day, y: -5000 },
              ],
            },
          ]}
        />,
      );
    const yLabels = (container: Element) =>
      [...container.querySelectorAll('[data-axis="y"] text')].map(
        t => t.textContent,
      );

    // Round ticks of −5,000…100 go in steps of 1,000, so the last round one is 1,000.
    const unbounded = await chart(false);
    expect(yLabels(unbounded.container)).toContain('1000%');

    const bounded = await chart(true);
    const labels = yLabels(bounded.container);
    expect(labels).not.toContain('1000%');
    expect(labels[labels.length - 1]).toBe('0%');
    // 100 % is the top of the plot: the line's first point is drawn at the top margin.
    const first = bounded.container
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ')[0];
    expect(Number(first.split(',')[1])).toBeCloseTo(12);
  });
});

describe('shortenedLabelsNote', () => {
  it('counts one label, or several, in the noun given', () => {
    expect(shortenedLabelsNote(2, 'incident label')).toBe(
      '2 incident labels did not fit among the others: their lines are marked ▼ above the chart instead.',
    );
  });
});

describe('TimeSeriesChart labels of vertical lines', () => {
  const hour = 3_600_000;
  // 640 px wide (jsdom lays nothing out), y axis 48 px: the plot runs 48…624 px, 576 px for ten
  // days: 57.6 px a day, 2.4 px an hour. "SEVn" at 11 px is 4 × 11 × 0.62 = 27.28 px wide, from
  // 3 px right of its line. Lines one hour apart from day 1 (x = 105.6, 108, 110.4, 112.8): labels
  // 108.6–135.88, 111–138.28, 113.4–140.68 take the three rows; 115.8 finds none. Day 2 (x = 163.2)
  // starts at 166.2, past 135.88 + 4: the top row again.
  const vertical = (at: number, n: number) => ({
    kind: 'vertical' as const,
    x: at,
    colour: 'orange',
    label: `SEV${n}`,
    description: `Incident ${n}, in full`,
  });
  const chart = (note?: (count: number) => string) =>
    renderInTestApp(
      <TimeSeriesChart
        height={200}
        x={{ domain: [start, start + 10 * day] }}
        y={{ min: 0, max: 100, unit: '%' }}
        series={[]}
        references={[
          vertical(start + day, 1),
          vertical(start + day + hour, 2),
          vertical(start + day + 2 * hour, 3),
          vertical(start + day + 3 * hour, 4),
          vertical(start + 2 * day, 5),
        ]}
        shortenedLabelsNote={note}
      />,
    );
  const lines = () =>
    Array.from(document.querySelectorAll('[data-reference="vertical"]'));

  it('marks a line whose label finds no row instead of printing it over another', async () => {
    await chart();
    const [one, two, three, four, five] = lines();
    // Rows 12 px apart, the first 10 px below the plot's top at 12 px.
    const label = (line: Element) => {
      const text = line.querySelector('text');
      return text && [text.textContent, text.getAttribute('y')];
    };
    expect([one, two, three, five].map(label)).toEqual([
      ['SEV1', '22'],
      ['SEV2', '34'],
      ['SEV3', '46'],
      ['SEV5', '22'],
    ]);
    expect(four.querySelector('text')).toBeNull();
    expect(four).toHaveAttribute('data-shortened');
    // Its words, as a hover title, and a ▼ over its line (x 112.8) in the margin above the plot.
    expect(four.querySelector('title')!.textContent).toBe(
      'Incident 4, in full',
    );
    expect(four.querySelector('path')!.getAttribute('d')).toBe(
      'M 108.8 5 H 116.8 L 112.8 11 Z',
    );
    expect(
      [one, two, three, five].filter(l => l.hasAttribute('data-shortened')),
    ).toEqual([]);
    expect(document.querySelector('[data-chart-note]')!.textContent).toBe(
      '1 label did not fit among the others: its line is marked ▼ above the chart instead.',
    );
  });

  it('says the count in the caller’s words, and nothing when every label fits', async () => {
    const first = await chart(count => `${count} shortened`);
    expect(
      first.container.querySelector('[data-chart-note]')!.textContent,
    ).toBe('1 shortened');
    first.unmount();

    await renderInTestApp(
      <TimeSeriesChart
        height={200}
        x={{ domain: [start, start + 10 * day] }}
        y={{ min: 0, max: 100 }}
        series={[]}
        references={[vertical(start + day, 1), vertical(start + 2 * day, 2)]}
      />,
    );
    expect(document.querySelector('[data-chart-note]')).toBeNull();
    expect(document.querySelector('[data-shortened]')).toBeNull();
  });
});

describe('BarChart', () => {
  it('draws one bar per count, as tall as its count', async () => {
    await renderInTestApp(
      <BarChart
        height={200}
        colour="blue"
        bars={[
          { label: 'a', value: 4 },
          { label: 'b', value: 0 },
          { label: 'c', value: 2 },
        ]}
      />,
    );
    const rects = Array.from(
      document.querySelectorAll('svg[data-chart="bar"] [data-bar] rect'),
    );
    const heights = rects.map(r => Number(r.getAttribute('height')));
    expect(heights).toHaveLength(3);
    expect(heights[1]).toBe(0);
    expect(heights[0]).toBeCloseTo(2 * heights[2]);
  });
});
