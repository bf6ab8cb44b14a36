import { longestPeriodSeconds } from './longestPeriodSeconds';

const HOUR = 3600;
const calendar = (unit: 'month' | 'quarter', timeZone: string) => ({
  timeWindow: { type: 'calendar' as const, unit, timeZone },
});
const now = new Date('2026-12-06T03:00:00Z');

describe('longestPeriodSeconds', () => {
  it.each([
    // 31 days, plus the hour a zone's clocks go back in a 31-day month (October, in Europe).
    ['UTC', 31 * 24],
    ['Europe/Berlin', 31 * 24 + 1],
    // Troll goes from UTC+2 back to UTC+0 in October.
    ['Antarctica/Troll', 31 * 24 + 2],
    // Lord Howe Island's clocks go back half an hour, in April (30 days): October springs forward.
    ['Australia/Lord_Howe', 31 * 24],
    // Sydney's clocks go back in April (30 days + 1 h = 721 h), forward in October (743 h).
    ['Australia/Sydney', 31 * 24],
  ])('measures the longest month in %s', (timeZone, hours) => {
    expect(longestPeriodSeconds(calendar('month', timeZone), now)).toBe(
      hours * HOUR,
    );
  });

  it.each([
    ['UTC', 92 * 24],
    // Q4 (October to December, 92 days) holds October's extra hour.
    ['Europe/Berlin', 92 * 24 + 1],
    // Sydney's 92-day quarters are Q3 (no change) and Q4 (springs forward): 92 days.
    ['Australia/Sydney', 92 * 24],
  ])('measures the longest quarter in %s', (timeZone, hours) => {
    expect(longestPeriodSeconds(calendar('quarter', timeZone), now)).toBe(
      hours * HOUR,
    );
  });

  it('takes a rolling window as it is', () => {
    expect(
      longestPeriodSeconds(
        { timeWindow: { type: 'rolling', duration: '28d' } },
        now,
      ),
    ).toBe(28 * 24 * HOUR);
  });
});
