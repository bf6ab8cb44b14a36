import { BacklogFigures } from '@stewardship/backstage-plugin-stewardship-common';
import {
  figureRows,
  formatAgeAgainstTarget,
  formatDays,
} from './describeBacklog';

/** Figures with the given average age over the top 20, the target 90 days as the backend sets it. */
function withAverage(averageAgeDays: number, meetsAgeTarget: boolean) {
  return {
    at: '2026-10-01T00:00:00Z',
    top: {
      n: 20,
      count: 20,
      averageAgeDays,
      medianAgeDays: averageAgeDays,
      ageTargetDays: 90,
      meetsAgeTarget,
      reliabilityCount: 0,
      reliabilityShare: 0,
    },
    all: { count: 20, ageHistogram: [], olderThan180Days: 0, untriaged: 0 },
    formulas: [],
  } as BacklogFigures;
}

const averageAge = (figures: BacklogFigures) =>
  figureRows(figures).find(row => row.id === 'average-age')!.value;

describe('figureRows: the average age against the target', () => {
  it.each([
    // 89.96 meets the target (below 90); to the nearest tenth it would read 90.0, so it is
    // rounded down: 89.9.
    [89.96, true, '89.9 days: meets the target (below 90 days)'],
    // Every age that meets the target is rounded down: 12.06 → 12.0, not 12.1.
    [12.06, true, '12.0 days: meets the target (below 90 days)'],
    // 90 misses it (90 is not below 90), and so does 90.04; to the nearest tenth both read 90.0,
    // which is not below 90 either.
    [90, false, '90.0 days: misses the target (below 90 days)'],
    [90.04, false, '90.0 days: misses the target (below 90 days)'],
    [90.06, false, '90.1 days: misses the target (below 90 days)'],
  ])('%p days (meets: %p) → %p', (days, meets, expected) => {
    expect(averageAge(withAverage(days, meets))).toBe(expected);
  });
});

describe('formatAgeAgainstTarget: the rounding rule of the tab, the formulas and the planning review', () => {
  it('is what the tab writes beside the target', () => {
    expect(formatAgeAgainstTarget(89.96, true)).toBe('89.9 days');
    expect(formatAgeAgainstTarget(90.04, false)).toBe('90.0 days');
  });
});

describe('formatDays: an age over 180 days never reads as 180', () => {
  it.each([
    // 180.04 is listed under "Oldest (over 180 days)": the nearest tenth, 180.0, is not over
    // 180, so it reads the first tenth above it.
    [180.04, '180.1 days'],
    [180.001, '180.1 days'],
    // 180 exactly is not over 180 (not in the Oldest view) and reads as it is.
    [180, '180.0 days'],
    // Just under 180: the nearest tenth, as every other age.
    [179.96, '180.0 days'],
    // From 180.05 the nearest tenth is over 180 already.
    [180.05, '180.1 days'],
    [180.14, '180.1 days'],
    [180.16, '180.2 days'],
    [12.04, '12.0 days'],
    [1, '1.0 day'],
  ])('%p → %p', (days, expected) => {
    expect(formatDays(days)).toBe(expected);
  });

  it('reads an average over 180 days that misses the target as over 180 too', () => {
    expect(formatAgeAgainstTarget(180.04, false)).toBe('180.1 days');
  });
});
