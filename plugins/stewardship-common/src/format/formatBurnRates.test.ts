import { MAX_BURN_RATE_DIGITS, formatBurnRates } from './formatBurnRates';

const MINUS = '\u2212';

describe('formatBurnRates', () => {
  // Three significant digits, trailing zeros off, worked out by hand.
  it.each([
    [[14.4], ['14.4']],
    [
      [20.5, 14.4],
      ['20.5', '14.4'],
    ],
    [
      [16.04, 14.4],
      ['16', '14.4'],
    ],
    [
      [7.25, 6],
      ['7.25', '6'],
    ],
    [
      [1, 0],
      ['1', '0'],
    ],
    [[0.5], ['0.5']],
    // A non-zero rate never reads 0: significant digits, not decimals.
    [[0.0001234], ['0.000123']],
    // Thousands separated.
    [[123456789], ['123,000,000']],
    [[1234.5], ['1,230']],
    [[-0.5], [`${MINUS}0.5`]],
    // The same rate twice reads the same (no more digits for it).
    [
      [6, 6],
      ['6', '6'],
    ],
    // Also one that 3 digits round (a rate exactly at its threshold of 0.1 × 7 / 3, say): 0.333.
    [
      [1 / 3, 1 / 3],
      ['0.333', '0.333'],
    ],
  ])('%p → %p', (rates, expected) => {
    expect(formatBurnRates(rates)).toEqual(expected);
  });

  it('gives different rates the fewest more digits, all alike, for them to read differently', () => {
    // 3 digits: 14.4 and 14.4; 4: 14.41 and 14.4.
    expect(formatBurnRates([14.41, 14.4])).toEqual(['14.41', '14.4']);
    // A 7d SLO at 99 % with a "10 % within 3d" policy: threshold 0.1 × 7 / 3 = 0.2333…; a 3d burn of
    // 0.2499 reads 0.25 and 0.233 (to one decimal it read 0.2, below the threshold).
    expect(formatBurnRates([0.2499, 0.1 * (7 / 3)])).toEqual(['0.25', '0.233']);
    // 3 digits: 12,300 twice; 4: 12,350 twice (12,345 rounds half up); 5: 12,346 and 12,345.
    expect(formatBurnRates([12345.6, 12345])).toEqual(['12,346', '12,345']);
    // 1.0000001 needs 8 digits to differ from 1; the third rate gets them too.
    expect(formatBurnRates([1.0000001, 1, 2.5])).toEqual([
      '1.0000001',
      '1',
      '2.5',
    ]);
  });

  it('reads a firing rate above its threshold however close it is', () => {
    const threshold = 14.4;
    const rate = 14.400000000000002; // the next double above 14.4
    const [rateText, thresholdText] = formatBurnRates([rate, threshold]);
    expect(rateText).toBe('14.400000000000002');
    expect(thresholdText).toBe('14.4');
    expect(formatBurnRates([rate, threshold], 1)).toEqual([
      '14.400000000000002',
      '14.4',
    ]);
  });

  it('takes the number of significant digits', () => {
    expect(formatBurnRates([14.4], 2)).toEqual(['14']);
    expect(formatBurnRates([14.4, 6], 1)).toEqual(['10', '6']);
    expect(formatBurnRates([15.2, 14.4], 2)).toEqual(['15', '14']);
    expect(formatBurnRates([14.6, 15.2], 2)).toEqual(['14.6', '15.2']);
  });

  it('stops at the most digits', () => {
    expect(MAX_BURN_RATE_DIGITS).toBe(17);
    expect(formatBurnRates([0.1 + 0.2, 0.3])).toEqual([
      '0.30000000000000004',
      '0.3',
    ]);
    expect(formatBurnRates([])).toEqual([]);
  });
});
