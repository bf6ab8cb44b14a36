import { compareText } from './compareText';

describe('compareText', () => {
  it('orders by the root collation, not by the locale of the process', () => {
    const names = ['z', 'aa-payments', 'y', 'j', 'i', 'B', 'a', 'ä'];
    // Where locales disagree on plain ASCII: Danish puts "aa" after "z", Lithuanian "y" before "j".
    expect(new Intl.Collator('da').compare('aa-payments', 'z')).toBeGreaterThan(
      0,
    );
    expect(new Intl.Collator('lt').compare('y', 'j')).toBeLessThan(0);
    expect([...names].sort(compareText)).toEqual([
      'a',
      'ä',
      'aa-payments',
      'B',
      'i',
      'j',
      'y',
      'z',
    ]);
  });
});
