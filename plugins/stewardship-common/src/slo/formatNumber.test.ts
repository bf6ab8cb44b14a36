import { formatNumber } from './formatNumber';

describe('formatNumber', () => {
  it('keeps integers whole, however large', () => {
    expect(formatNumber(123456789012)).toBe('123456789012');
    expect(formatNumber(0)).toBe('0');
  });

  it('hides float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1 / (1 - 0.9))).toBe('10');
    expect(formatNumber(7 / 30)).toBe('0.2333333333');
  });
});
