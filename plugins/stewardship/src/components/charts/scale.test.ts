import { linearScale, niceTicks, timeTicks } from './scale';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted for a y axis', () => {
    const toY = linearScale([0, 100], [200, 0]);
    expect([toY(0), toY(25), toY(100), toY(-50)]).toEqual([200, 150, 0, 300]);
  });

  it('puts everything in the middle of a zero-width domain', () => {
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });
});

describe('niceTicks', () => {
  it('cuts 0–100 % into round steps', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('widens both ends to a round tick, below zero for an overspent budget', () => {
    expect(niceTicks(-23, 100, 5)).toEqual([-40, -20, 0, 20, 40, 60, 80, 100]);
  });

  it('keeps decimals exact near an objective', () => {
    expect(niceTicks(99.85, 100, 3)).toEqual([99.85, 99.9, 99.95, 100]);
  });

  it('keeps counts whole', () => {
    expect(niceTicks(0, 3, 5, { integer: true })).toEqual([0, 1, 2, 3]);
  });

  it('gives a range around a single value', () => {
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });
});

describe('timeTicks', () => {
  const day = 86_400_000;
  const start = Date.parse('2024-04-01T00:00:00Z');

  it('picks a step that fits and puts ticks on whole UTC days inside the window', () => {
    const { ticks, step } = timeTicks(start, start + 30 * day, 7);
    expect(step).toBe(7 * day);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks.every(t => t >= start && t <= start + 30 * day)).toBe(true);
    expect(ticks.every(t => t % day === 0)).toBe(true);
  });

  it('uses hours for a short window', () => {
    const { ticks, step } = timeTicks(
      start + 30 * 60_000,
      start + 6 * 3_600_000,
      8,
    );
    expect(step).toBe(3_600_000);
    expect(new Date(ticks[0]).toISOString()).toBe('2024-04-01T01:00:00.000Z');
    expect(ticks).toHaveLength(6);
  });
});
