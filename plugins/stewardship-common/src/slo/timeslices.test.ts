import { countGoodSlices } from './timeslices';

describe('countGoodSlices', () => {
  it('counts slices meeting the target, out of slices with traffic', () => {
    expect(
      countGoodSlices(
        [
          { good: 100, total: 100 },
          { good: 95, total: 100 }, // exactly on target: good
          { good: 94, total: 100 }, // below: bad
          { good: 1, total: 3 }, // one bad request sinks a quiet slice
          { good: 0, total: 0 }, // no traffic: not counted
          { good: null, total: null }, // no data: not counted
          { good: 5, total: -1 }, // nonsense total: not counted
        ],
        0.95,
      ),
    ).toEqual({ good: 2, total: 4 });
  });

  it('compares ratios exactly at the target', () => {
    expect(countGoodSlices([{ good: 7, total: 100 }], 0.07)).toEqual({
      good: 1,
      total: 1,
    });
  });

  it('counts a slice with traffic but no good count as bad', () => {
    expect(countGoodSlices([{ good: null, total: 12 }], 0.5)).toEqual({
      good: 0,
      total: 1,
    });
  });

  it('counts nothing for no slices', () => {
    expect(countGoodSlices([], 0.99)).toEqual({ good: 0, total: 0 });
  });
});
