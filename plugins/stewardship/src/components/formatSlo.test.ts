import {
  formatCount,
  formatCountThousandths,
  formatDuration,
  formatInstant,
  formatPercent,
  formatPercentHyphenMinus,
  formatRate,
  formatRateHundredths,
  toLocalInputValue,
} from './formatSlo';

describe('formatPercent', () => {
  it.each([
    [0.9995, '99.95 %'],
    [0.999, '99.9 %'],
    [1, '100 %'],
    [0.42186596828336616, '42.187 %'],
    [-0.5, '\u221250 %'],
    [-0.0000001, '0 %'],
  ])('%p → %p', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it('takes the number of decimals', () => {
    expect(formatPercent(0.42186596828336616, 1)).toBe('42.2 %');
  });
});

describe('formatCount', () => {
  it.each([
    [9989, '9,989'],
    [17278.000000000004, '17,278'],
    [20.16, '20.2'],
    [-3, '\u22123'],
  ])('%p → %p', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
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
  ])('%p s → %p', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatInstant', () => {
  it('writes UTC to the minute', () => {
    expect(formatInstant('2024-09-30T21:59:30.000Z')).toBe(
      '2024-09-30 21:59 UTC',
    );
    expect(formatInstant('2024-10-01T01:00:00+02:00')).toBe(
      '2024-09-30 23:00 UTC',
    );
  });
});

describe('toLocalInputValue', () => {
  it('round-trips through the Date constructor in local time', () => {
    const date = new Date(2024, 8, 30, 23, 59);
    expect(toLocalInputValue(date)).toBe('2024-09-30T23:59');
    expect(new Date(toLocalInputValue(date)).getTime()).toBe(date.getTime());
  });
});

describe('formatRate', () => {
  it.each([
    [14.399999999999999, '14.4'],
    [20.000000000000004, '20'],
    [0.5, '0.5'],
    [123.456, '123'],
  ])('%p → %p', (value, expected) => {
    expect(formatRate(value)).toBe(expected);
  });
});

// The details view's variants, as it wrote them before the two formatters were merged.
describe('formatPercentHyphenMinus', () => {
  it.each([
    [0.99942, 3, '99.942 %'],
    [0.42, 3, '42 %'],
    [1, 3, '100 %'],
    [-0.2, 3, '-20 %'],
    [-0.0000001, 3, '0 %'],
    [0.42186596828336616, 1, '42.2 %'],
  ])('%p to %p decimals → %p', (value, decimals, expected) => {
    expect(formatPercentHyphenMinus(value, decimals)).toBe(expected);
  });
});

describe('formatRateHundredths', () => {
  it.each([
    [15.2, '15.2'],
    [14.399999999999999, '14.4'],
    [123.456, '123.46'],
    [0.125, '0.13'],
    [0, '0'],
  ])('%p → %p', (value, expected) => {
    expect(formatRateHundredths(value)).toBe(expected);
  });
});

describe('formatCountThousandths', () => {
  it.each([
    [17278032, '17,278,032'],
    [20.16, '20.16'],
    [0.0005, '0.001'],
    [1234.5678, '1,234.568'],
  ])('%p → %p', (value, expected) => {
    expect(formatCountThousandths(value)).toBe(expected);
  });
});
