import {
  formatPercent,
  formatPercentHyphenMinus,
  formatPercents,
} from './formatPercent';

describe('formatPercent', () => {
  it.each([
    [0.9995, '99.95 %'],
    [0.999, '99.9 %'],
    [1, '100 %'],
    [0.42186596828336616, '42.187 %'],
    [-0.5, '\u221250 %'],
    [0, '0 %'],
    [-0, '0 %'],
    // Thousands separated: an overspent budget, a burn far past the budget.
    [-50, '\u22125,000 %'],
    [1234.5678, '123,456.78 %'],
    // Every third digit, not only the last three: 99,999 budgets overspent (an objective of
    // 99.999 % with every event bad: 1 − 1 ÷ 0.00001) is −9,999,900 %.
    [-99999, '\u22129,999,900 %'],
    // Exactly −100 % (twice the allowed bad events) reads so: like 100 %, a bound only when not exact.
    [-1, '\u2212100 %'],
  ])('%p → %p', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it('takes the number of decimals', () => {
    expect(formatPercent(0.42186596828336616, 1)).toBe('42.2 %');
  });

  // A percentage that is not exactly 100 % or 0 % never reads as one: as many more decimals as it
  // takes, up to 6; past that it says on which side of 100 % or 0 % it lies.
  it.each([
    // 99.9999 %: 100.000 to three decimals, 99.9999 to four (an objective the editor accepts).
    [0.999999, 3, '99.9999 %'],
    // 99.996 % to two decimals would be 100.00.
    [0.99996, 2, '99.996 %'],
    // Budget left to one decimal: 0.04 % is 0.0, 99.96 % is 100.0.
    [0.0004, 1, '0.04 %'],
    [-0.0004, 1, '\u22120.04 %'],
    [0.9996, 1, '99.96 %'],
    // −0.00001 %: zero up to four decimals, −0.00001 at five.
    [-0.0000001, 3, '\u22120.00001 %'],
    // 99.99999999 % and 0.00000001 % still read 100 and 0 at six decimals.
    [0.9999999999, 3, '> 99.999999 %'],
    [0.0000000001, 3, '< 0.000001 %'],
    [-0.0000000001, 1, '> \u22120.000001 %'],
    // Exactly 100 % and 0 % stay so; far from them, the usual decimals.
    [1, 1, '100 %'],
    [0, 1, '0 %'],
    [0.995, 1, '99.5 %'],
  ])(
    '%p to at least %p decimals → %p, never 100 % or 0 % unless exactly',
    (value, decimals, expected) => {
      expect(formatPercent(value, decimals)).toBe(expected);
    },
  );
});

describe('formatPercents', () => {
  it.each([
    // 99.9899 % reads 99.990 to three decimals, as 99.99 % does: four tell them apart.
    [
      [0.9999, 0.999899],
      ['99.99 %', '99.9899 %'],
    ],
    // Three decimals already do.
    [
      [0.9999, 0.99989],
      ['99.99 %', '99.989 %'],
    ],
    // 99.990001 %: six.
    [
      [0.9999, 0.99990001],
      ['99.99 %', '99.990001 %'],
    ],
    // Equal values may read the same; a value near 100 % still never reads 100 %.
    [
      [0.995, 0.995],
      ['99.5 %', '99.5 %'],
    ],
    [
      [0.999999, 0.995],
      ['99.9999 %', '99.5 %'],
    ],
    // A fraction and its negative already read differently (the minus): no more decimals.
    [
      [0.1234567, -0.1234567],
      ['12.346 %', '\u221212.346 %'],
    ],
  ])('%p → %p: different values read differently', (values, expected) => {
    expect(formatPercents(values)).toEqual(expected);
  });
});

// The details view's variants, as it wrote them before the two formatters were merged.
describe('formatPercentHyphenMinus', () => {
  it.each([
    [0.99942, 3, '99.942 %'],
    [0.42, 3, '42 %'],
    [1, 3, '100 %'],
    [-0.2, 3, '-20 %'],
    [-0.0000001, 3, '-0.00001 %'],
    [-0, 3, '0 %'],
    [0.42186596828336616, 1, '42.2 %'],
    // Never 100 % or 0 % unless exactly: 99.996 % is 100.00 to two decimals.
    [0.99996, 2, '99.996 %'],
    [-0.00004, 2, '-0.004 %'],
    [-50, 3, '-5,000 %'],
  ])('%p to %p decimals → %p', (value, decimals, expected) => {
    expect(formatPercentHyphenMinus(value, decimals)).toBe(expected);
  });
});
