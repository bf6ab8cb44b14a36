import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SliChart, sliCaption } from './SliChart';
import { history } from './__fixtures__';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

describe('SliChart', () => {
  it('captions the first and last SLI against the objective', async () => {
    await renderInTestApp(
      <SliChart
        points={history.points}
        window={{ start: history.from, end: history.to }}
        objective={0.999}
      />,
    );

    expect(
      screen.getByText(
        'SLI went from 99.995 % at 2024-04-01 00:05 UTC to 99.942 % at 2024-05-01 00:00 UTC. The objective is 99.9 %.',
      ),
    ).toBeInTheDocument();
  });

  it('writes an SLI just below the objective with the decimals it takes to differ from it', () => {
    const points = [
      { at: '2026-11-01T00:00:00.000Z', status: 'healthy', sli: 0.9996 },
      { at: '2026-11-02T00:00:00.000Z', status: 'exhausted', sli: 0.999499 },
    ] as const;
    // Each alone to three decimals, 0.999499 read 99.95 %, the objective's figure.
    expect(sliCaption([...points], 0.9995)).toBe(
      'SLI went from 99.96 % at 2026-11-01 00:00 UTC to 99.9499 % at 2026-11-02 00:00 UTC. The objective is 99.95 %.',
    );
  });

  it('draws the SLI with a gap where there is no data, and the objective line', async () => {
    await renderInTestApp(
      <SliChart
        points={history.points}
        window={{ start: history.from, end: history.to }}
        objective={0.999}
      />,
    );
    const svg = document.querySelector('svg[data-chart]')!;
    expect(svg.closest('[aria-hidden="true"]')).not.toBeNull();
    const sli = svg.querySelector('[data-series="SLI"]')!;
    expect(sli.querySelectorAll('polyline')).toHaveLength(1);
    expect(sli.querySelectorAll('circle')).toHaveLength(1);
    expect(
      svg.querySelector('[data-reference="horizontal"]'),
    ).toHaveTextContent('objective 99.9 %');
    // The axis hugs the objective instead of starting at 0.
    expect(svg.querySelector('[data-axis="y"]')).not.toHaveTextContent(/^0%/);
  });

  it('starts the axis at 0 % when the SLI falls to 0, never below', async () => {
    await renderInTestApp(
      <SliChart
        points={[
          { at: '2024-04-10T00:00:00.000Z', status: 'exhausted', sli: 0 },
          { at: '2024-04-11T00:00:00.000Z', status: 'healthy', sli: 1 },
        ]}
        window={{ start: history.from, end: history.to }}
        objective={0.999}
      />,
    );
    const ticks = Array.from(
      document.querySelectorAll('[data-axis="y"] text'),
    ).map(t => parseFloat(t.textContent ?? ''));
    expect(Math.min(...ticks)).toBe(0);
    expect(Math.max(...ticks)).toBe(100);
  });

  it('draws a 99.9999 % objective at 99.9999, below the 100 % tick, labelled with its digits', async () => {
    await renderInTestApp(
      <SliChart
        points={[
          { at: '2024-04-10T00:00:00.000Z', status: 'healthy', sli: 1 },
          { at: '2024-04-11T00:00:00.000Z', status: 'healthy', sli: 1 },
        ]}
        window={{ start: history.from, end: history.to }}
        objective={0.999999}
      />,
    );
    const svg = document.querySelector('svg[data-chart]')!;
    const reference = svg.querySelector('[data-reference="horizontal"]')!;
    expect(reference).toHaveTextContent('objective 99.9999 %');
    const ticks = Array.from(svg.querySelectorAll('[data-axis="y"] text')).map(
      t => ({
        label: t.textContent ?? '',
        value: parseFloat(t.textContent ?? ''),
        y: Number(t.getAttribute('y')),
      }),
    );
    // Labels tell the ticks apart (to two decimals, every one read "100%").
    expect(new Set(ticks.map(t => t.label)).size).toBe(ticks.length);
    const top = ticks.find(t => t.value === 100)!;
    const lineY = Number(reference.querySelector('line')!.getAttribute('y1'));
    // Clearly below the 100 % tick, not a fraction of a pixel under it.
    expect(lineY - top.y).toBeGreaterThan(10);
    // Where 99.9999 lies between two ticks: the value back from the line's pixel position.
    const [a, b] = [ticks[0], ticks[ticks.length - 1]];
    const value = a.value + ((lineY - a.y) * (b.value - a.value)) / (b.y - a.y);
    expect(value).toBeCloseTo(99.9999, 7);
  });

  it('keeps a range on the axis when the objective (99.99999999999 %) and every SLI read 100 at twelve digits', async () => {
    await renderInTestApp(
      <SliChart
        points={[{ at: '2024-04-10T00:00:00.000Z', status: 'healthy', sli: 1 }]}
        window={{ start: history.from, end: history.to }}
        objective={0.9999999999999}
      />,
    );
    const svg = document.querySelector('svg[data-chart]')!;
    const values = Array.from(svg.querySelectorAll('[data-axis="y"] text')).map(
      t => parseFloat(t.textContent ?? ''),
    );
    // Ticks within a step of 100 % (never 50 to 150 around an axis without a range).
    expect(values.length).toBeGreaterThan(1);
    expect(Math.max(...values)).toBeLessThanOrEqual(100);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(99.999998);
  });

  it('says so when no point has an SLI', () => {
    expect(
      sliCaption([{ at: '2024-04-02T00:00:00Z', status: 'no-data' }], 0.99),
    ).toBe(
      'No point of the history has an SLI (no data). The objective is 99 %.',
    );
  });
});
