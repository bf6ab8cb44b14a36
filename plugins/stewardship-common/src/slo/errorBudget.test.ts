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
  const rolling = (periodSeconds: number) => ({
    type: 'rolling' as const,
    periodSeconds,
    elapsedFraction: 1,
  });
  const calendar = (periodSeconds: number, elapsedFraction: number) => ({
    type: 'calendar' as const,
    periodSeconds,
    elapsedFraction,
  });

  /**
   * Minutes until a window's bad events reach its allowed bad events, found by stepping minute by
   * minute: 100 events a minute, an objective of 99.9 %, the past at burn rate `pastBurn` (so
   * remaining = 1 − pastBurn), from now on `burn`. A rolling window drops its oldest minute as it
   * takes a new one; a calendar window only grows and ends after `periodMinutes`. Undefined when
   * the budget lasts `horizon` minutes (or the calendar period).
   */
  function simulate(options: {
    type: 'rolling' | 'calendar';
    periodMinutes: number;
    pastMinutes: number;
    pastBurn: number;
    burn: number;
    horizon: number;
  }): number | undefined {
    const allowedRatio = 0.001;
    const badPerMinute = (burn: number) => 100 * allowedRatio * burn;
    const window: number[] = Array(options.pastMinutes).fill(
      badPerMinute(options.pastBurn),
    );
    let bad = window.reduce((a, b) => a + b, 0);
    for (let minute = 1; minute <= options.horizon; minute++) {
      if (
        options.type === 'calendar' &&
        options.pastMinutes + minute > options.periodMinutes
      ) {
        return undefined;
      }
      window.push(badPerMinute(options.burn));
      bad += badPerMinute(options.burn);
      if (options.type === 'rolling') bad -= window.shift()!;
      const allowed = 100 * allowedRatio * window.length;
      if (bad >= allowed - 1e-9) return minute;
    }
    return undefined;
  }

  it('rolling: the oldest events leave at the window average, the newest come at the burn rate', () => {
    // Half the budget left (the day burnt at 0.5), now burning at 2: r × P / (b − 1 + r) =
    // 0.5 × 1440 / 1.5 = 480 minutes; the steps agree.
    const day = 1440;
    expect(secondsToExhaustion(0.5, 2, rolling(day * 60))).toBeCloseTo(
      480 * 60,
      6,
    );
    expect(
      simulate({
        type: 'rolling',
        periodMinutes: day,
        pastMinutes: day,
        pastBurn: 0.5,
        burn: 2,
        horizon: 3 * day,
      }),
    ).toBe(480);
    // An untouched budget burning at 4: nothing bad leaves, P / b = 360 minutes.
    expect(secondsToExhaustion(1, 4, rolling(day * 60))).toBeCloseTo(
      360 * 60,
      6,
    );
    expect(
      simulate({
        type: 'rolling',
        periodMinutes: day,
        pastMinutes: day,
        pastBurn: 0,
        burn: 4,
        horizon: 3 * day,
      }),
    ).toBe(360);
  });

  it('rolling: at burn rate exactly 1 the budget runs out after one whole period', () => {
    // b = 1 counts (b ≥ 1): half left, r × P / (1 − 1 + r) = 0.5 × 1440 / 0.5 = 1440 minutes,
    // as the oldest events leave at 0.5 and the newest come at 1; the steps agree.
    expect(secondsToExhaustion(0.5, 1, rolling(DAY))).toBe(DAY);
    expect(
      simulate({
        type: 'rolling',
        periodMinutes: 1440,
        pastMinutes: 1440,
        pastBurn: 0.5,
        burn: 1,
        horizon: 10 * 1440,
      }),
    ).toBe(1440);
  });

  it('rolling: below burn rate 1 the budget settles and never runs out', () => {
    expect(secondsToExhaustion(0.5, 0.5, rolling(30 * DAY))).toBeUndefined();
    expect(secondsToExhaustion(0.5, 0.8, rolling(30 * DAY))).toBeUndefined();
    expect(
      simulate({
        type: 'rolling',
        periodMinutes: 1440,
        pastMinutes: 1440,
        pastBurn: 0.5,
        burn: 0.8,
        horizon: 10 * 1440,
      }),
    ).toBeUndefined();
  });

  it('calendar: the allowance grows with the events, so only a burn rate above 1 runs it out', () => {
    // 30-day month, 10 days gone at burn rate 0.5 (half the budget left), now burning at 2:
    // r × E / (b − 1) = 0.5 × 10 d / 1 = 5 days; the steps agree.
    const month = 30 * 1440;
    expect(secondsToExhaustion(0.5, 2, calendar(30 * DAY, 1 / 3))).toBeCloseTo(
      5 * DAY,
      6,
    );
    expect(
      simulate({
        type: 'calendar',
        periodMinutes: month,
        pastMinutes: 10 * 1440,
        pastBurn: 0.5,
        burn: 2,
        horizon: month,
      }),
    ).toBe(5 * 1440);
    // At burn rate 1 the spent share only creeps towards 1 and the budget lasts the month (the
    // old formula, r × P / b, said 15 days).
    expect(
      secondsToExhaustion(0.5, 1, calendar(30 * DAY, 1 / 3)),
    ).toBeUndefined();
    expect(
      simulate({
        type: 'calendar',
        periodMinutes: month,
        pastMinutes: 10 * 1440,
        pastBurn: 0.5,
        burn: 1,
        horizon: month,
      }),
    ).toBeUndefined();
  });

  it('calendar: none when the budget outlasts the period', () => {
    // 25 days gone with 60 % left, burning at 3: 0.6 × 25 d / 2 = 7.5 days, after the 5 left.
    expect(
      secondsToExhaustion(0.6, 3, calendar(30 * DAY, 25 / 30)),
    ).toBeUndefined();
    expect(
      simulate({
        type: 'calendar',
        periodMinutes: 30 * 1440,
        pastMinutes: 25 * 1440,
        pastBurn: 0.4,
        burn: 3,
        horizon: 30 * 1440,
      }),
    ).toBeUndefined();
  });

  it('is 0 when the budget is already gone', () => {
    expect(secondsToExhaustion(0, 3, rolling(30 * DAY))).toBe(0);
    expect(secondsToExhaustion(-0.4, undefined, calendar(30 * DAY, 0.5))).toBe(
      0,
    );
  });

  it('is 0 when exactly the whole budget is spent (remaining = 0), whatever the burn rate', () => {
    // remaining ≤ 0 is spent: 0 s, not "none" and not 0 / 0.
    expect(secondsToExhaustion(0, undefined, rolling(30 * DAY))).toBe(0);
    expect(secondsToExhaustion(0, 0.5, rolling(30 * DAY))).toBe(0);
    expect(secondsToExhaustion(0, 1, rolling(30 * DAY))).toBe(0);
    expect(secondsToExhaustion(0, 1, calendar(30 * DAY, 0.5))).toBe(0);
  });

  it('is undefined when the burn rate is unknown or zero', () => {
    expect(secondsToExhaustion(0.8, 0, rolling(30 * DAY))).toBeUndefined();
    expect(
      secondsToExhaustion(0.8, undefined, rolling(30 * DAY)),
    ).toBeUndefined();
    expect(
      secondsToExhaustion(0.8, 0, calendar(30 * DAY, 0.5)),
    ).toBeUndefined();
  });
});
