import { formatCoverage, formatPercent, sharePercent } from './formatCoverage';

describe('formatCoverage', () => {
  it.each([
    // 19 ÷ 20 = 95 % exactly.
    [19, 20, '95% (19/20)'],
    // 1999 ÷ 2000 = 99.95 %: rounded down to 99 %, never 100 % while one entity fails.
    [1999, 2000, '99% (1,999/2,000)'],
    // Counts thousands separated: 5000 ÷ 8000 = 62.5 %, rounded down.
    [5000, 8000, '62% (5,000/8,000)'],
    [0, 5, '0% (0/5)'],
    [5, 5, '100% (5/5)'],
    // 1 ÷ 3 = 33.33… %.
    [1, 3, '33% (1/3)'],
    // 1 ÷ 2000 = 0.05 %: 0 % whole, 0.0 % to one decimal, so two decimals, never 0 %.
    [1, 2000, '0.05% (1/2,000)'],
    // 1 ÷ 3000 = 0.0333… %: rounded down at the first decimal place that is not 0.
    [1, 3000, '0.03% (1/3,000)'],
    // 1 ÷ 100,000,000 = 0.000001 %, six decimals, the most a percentage gets.
    [1, 100_000_000, '0.000001% (1/100,000,000)'],
    // 1 ÷ 1,000,000,000 = 0.0000001 %: below a millionth of a percent, said so.
    [1, 1_000_000_000, '< 0.000001% (1/1,000,000,000)'],
  ])('%p of %p → %p', (part, total, expected) => {
    expect(formatCoverage(part, total)).toBe(expected);
  });

  it('says nothing is known with no entities', () => {
    expect(formatPercent(0, 0)).toBe('–');
  });
});

describe('sharePercent to one decimal, as the trend chart plots it', () => {
  it.each([
    // 99.95 % → 99.9, not 100.0 (to the nearest).
    [1999, 2000, 99.9],
    [19, 20, 95],
    // 66.66… % → 66.6, not 66.7.
    [2, 3, 66.6],
    [1, 3, 33.3],
    [5, 5, 100],
    [0, 5, 0],
    // 1 ÷ 2000 = 0.05 %: 0.0 to one decimal, so it plots at 0.05, above the 0 line.
    [1, 2000, 0.05],
  ])('%p of %p → %p', (part, total, expected) => {
    expect(sharePercent(part, total, 1)).toBe(expected);
  });

  it('has no value with no entities', () => {
    expect(sharePercent(0, 0, 1)).toBeNull();
  });
});
