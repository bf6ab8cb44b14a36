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

  it('compares runs of digits as numbers', () => {
    // Code-unit order (and the plain root collation) put "10" before "9".
    expect(['api-10', 'api-9'].sort()).toEqual(['api-10', 'api-9']);
    expect(
      ['component:default/api-10', 'component:default/api-9', 'api-2'].sort(
        compareText,
      ),
    ).toEqual(['api-2', 'component:default/api-9', 'component:default/api-10']);
    expect(['v1.10', 'v1.9', 'v1.2', 'v2'].sort(compareText)).toEqual([
      'v1.2',
      'v1.9',
      'v1.10',
      'v2',
    ]);
  });

  it('holds two different strings equal never, so the arrival order does not matter', () => {
    const composed = '\u00e9';
    const decomposed = 'e\u0301';
    const names = ['svc-1', 'svc-01', composed, decomposed, 'svc-001'];
    const once = [...names].sort(compareText);
    const reversed = [...names].reverse().sort(compareText);
    expect(reversed).toEqual(once);
    for (const [a, b] of [
      ['svc-1', 'svc-01'],
      ['svc-01', 'svc-001'],
      [composed, decomposed],
    ]) {
      expect(compareText(a, b)).not.toBe(0);
      expect(Math.sign(compareText(a, b))).toBe(-Math.sign(compareText(b, a)));
    }
    expect(compareText('svc-1', 'svc-1')).toBe(0);
  });
});
