import {
  budgetRemaining,
  burnRateOf,
  maxBurnRate,
  secondsToExhaustion,
  sliOf,
} from './errorBudget';

const DAY = 86400;

describe('sliOf', () => {
  it('divides good by total', () => {
    expect(sliOf({ good: 9990, total: 10000 })).toBe(0.999);
    expect(sliOf({ good: 0, total: 5 })).toBe(0);
  });

  it('is undefined without events', () => {
    expect(sliOf({ good: 0, total: 0 })).toBeUndefined();
    expect(sliOf({ good: 0, total: -1 })).toBeUndefined();
  });

  it('is a ratio of sums, not an average of per-interval ratios', () => {
    // A busy hour that nearly meets 99.9 % and a quiet hour where half of 10 requests failed.
    const busy = { good: 9990, total: 10000 };
    const quiet = { good: 5, total: 10 };

    const summed = sliOf({
      good: busy.good + quiet.good,
      total: busy.total + quiet.total,
    });
    const averaged = (sliOf(busy)! + sliOf(quiet)!) / 2;

    // What users saw: 15 failures out of 10 010 requests.
    expect(summed).toBeCloseTo(9995 / 10010, 12);
    expect(summed).toBeCloseTo(0.9985, 4);
    // Averaging would let 10 requests weigh as much as 10 000 and report a disaster.
    expect(averaged).toBeCloseTo(0.7495, 12);
  });
});

describe('budgetRemaining', () => {
  it('is the unspent fraction of the budget', () => {
    // 0.1 % errors against a 0.5 % budget: a fifth spent.
    expect(budgetRemaining(0.999, 0.995)).toBeCloseTo(0.8, 12);
    expect(budgetRemaining(1, 0.999)).toBe(1);
  });

  it('is exactly zero when the budget is exactly spent', () => {
    expect(budgetRemaining(9950 / 10000, 0.995)).toBe(0);
    expect(budgetRemaining(0.999, 0.999)).toBe(0);
  });

  it('is negative when the budget is overspent', () => {
    // 2 % errors against a 1 % budget: spent twice over.
    expect(budgetRemaining(0.98, 0.99)).toBeCloseTo(-1, 12);
  });
});

describe('burnRateOf', () => {
  it('is the error ratio over the allowed error ratio', () => {
    // 1 % errors against a 0.1 % budget.
    expect(burnRateOf({ good: 990, total: 1000 }, 0.999)).toBeCloseTo(10, 9);
    expect(burnRateOf({ good: 1000, total: 1000 }, 0.999)).toBe(0);
  });

  it('is undefined without events', () => {
    expect(burnRateOf({ good: 0, total: 0 }, 0.999)).toBeUndefined();
  });
});

describe('maxBurnRate', () => {
  it('is the burn rate when every event fails', () => {
    expect(maxBurnRate(0.9)).toBeCloseTo(10, 12);
    expect(maxBurnRate(0.999)).toBeCloseTo(1000, 9);
    expect(burnRateOf({ good: 0, total: 7 }, 0.9)).toBe(maxBurnRate(0.9));
  });
});

describe('secondsToExhaustion', () => {
  it('is remaining × period / burn rate', () => {
    // Burning at 1 spends the whole budget in one period; half of it lasts half a period.
    expect(secondsToExhaustion(1, 1, 30 * DAY)).toBe(30 * DAY);
    expect(secondsToExhaustion(0.5, 2, 30 * DAY)).toBe(7.5 * DAY);
  });

  it('is 0 when the budget is already gone', () => {
    expect(secondsToExhaustion(0, 3, 30 * DAY)).toBe(0);
    expect(secondsToExhaustion(-0.4, undefined, 30 * DAY)).toBe(0);
  });

  it('is undefined when the budget is not burning', () => {
    expect(secondsToExhaustion(0.8, 0, 30 * DAY)).toBeUndefined();
    expect(secondsToExhaustion(0.8, undefined, 30 * DAY)).toBeUndefined();
  });
});
