import {
  formatCount,
  formatCounts,
  formatCountThousandths,
  formatDuration,
  formatBurnRate,
  toLocalInputValue,
} from './formatSlo';

describe('formatCount', () => {
  it.each([
    [9989, '9,989'],
    [17278.000000000004, '17,278'],
    [20.16, '20.2'],
    [-3, '\u22123'],
    // Not 0 never reads as 0: two significant digits below the one decimal.
    [0.0172, '0.017'],
    [-0.0172, '\u22120.017'],
    [0.04, '0.04'],
    [0, '0'],
  ])('%p → %p', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});

describe('formatCounts', () => {
  it.each([
    // One decimal, as formatCount, where the counts differ there.
    [
      [9989, 17278.032],
      ['9,989', '17,278'],
    ],
    [
      [6, 20.16],
      ['6', '20.2'],
    ],
    // 10 and 9.96 are both 10 to one decimal: two tell them apart.
    [
      [10, 9.96],
      ['10', '9.96'],
    ],
    [
      [9.96, 10.001],
      ['9.96', '10'],
    ],
    [
      [1000.0004, 1000],
      ['1,000.0004', '1,000'],
    ],
    // The same count reads the same, and asks no more decimals.
    [
      [10, 10.04, 10],
      ['10', '10.04', '10'],
    ],
    [
      [-3, -3.04],
      ['\u22123', '\u22123.04'],
    ],
    // Not 0 never reads as 0.
    [
      [0.0172, 0],
      ['0.017', '0'],
    ],
  ])('%p → %p', (values, expected) => {
    expect(formatCounts(values)).toEqual(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [20, 'less than a minute'],
    [60, '1 minute'],
    [300, '5 minutes'],
    [3600, '1 hour'],
    [3661, '1 hour 1 minute'],
    [86400, '1 day'],
    [90061, '1 day 1 hour'],
    [86460, '1 day'],
    [2 * 86400 + 7200 + 59, '2 days 2 hours'],
    // A year is 365 days.
    [1095 * 86400, '3 years'],
    [400 * 86400 + 5 * 3600, '1 year 35 days'],
    [364 * 86400 + 23 * 3600, '364 days 23 hours'],
    [1200 * 365 * 86400, '1,200 years'],
  ])('%p s → %p', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('toLocalInputValue', () => {
  it('round-trips through the Date constructor in local time', () => {
    const date = new Date(2024, 8, 30, 23, 59);
    expect(toLocalInputValue(date)).toBe('2024-09-30T23:59');
    expect(new Date(toLocalInputValue(date)).getTime()).toBe(date.getTime());
  });
});

describe('formatBurnRate', () => {
  it.each([
    // Three significant digits, trailing zeros off, thousands separated.
    [14.399999999999999, '14.4'],
    [20.000000000000004, '20'],
    [0.5, '0.5'],
    [123.456, '123'],
    [1234.567, '1,230'],
    [123000000, '123,000,000'],
    // Not 0, never 0: its own three significant digits.
    [0.004, '0.004'],
    [0.0001234, '0.000123'],
    [0, '0'],
  ])('%p → %p', (value, expected) => {
    expect(formatBurnRate(value)).toBe(expected);
  });
});

describe('formatCountThousandths', () => {
  it.each([
    [17278032, '17,278,032'],
    [20.16, '20.16'],
    [0.0005, '0.001'],
    [1234.5678, '1,234.568'],
    [0.0001, '0.0001'],
  ])('%p → %p', (value, expected) => {
    expect(formatCountThousandths(value)).toBe(expected);
  });
});
