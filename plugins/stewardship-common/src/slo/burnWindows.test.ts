import { resolveAlertPolicies } from './alertPolicies';
import { burnWindowKey, burnWindowsFor } from './burnWindows';
import { ResolvedAlertPolicy } from './types';

function policy(longWindow: string, shortWindow: string): ResolvedAlertPolicy {
  return {
    name: `page-${longWindow}`,
    severity: 'page',
    burnRate: 2,
    longWindow,
    shortWindow,
  };
}

describe('burnWindowKey', () => {
  it('normalises to the shortest spelling', () => {
    expect(burnWindowKey('24h')).toBe('1d');
    expect(burnWindowKey('60m')).toBe('1h');
    expect(burnWindowKey('90m')).toBe('1h30m');
    expect(burnWindowKey('2w')).toBe('14d');
  });

  it('rejects what is not a duration', () => {
    expect(() => burnWindowKey('soon')).toThrow(
      'Invalid burn-rate window "soon"',
    );
  });
});

describe('burnWindowsFor', () => {
  it('is the standard windows for the SRE Workbook preset', () => {
    const { policies } = resolveAlertPolicies([], {
      objective: 0.999,
      periodSeconds: 30 * 86400,
    });
    // The preset's windows (1h/5m, 6h/30m, 3d/6h) are all among the standard ones, which add 2h
    // and 1d for the charts: nothing more, shortest first.
    expect(burnWindowsFor(policies)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
  });

  it('adds policy windows, sorted by length', () => {
    expect(burnWindowsFor([policy('90m', '10m'), policy('7d', '12h')])).toEqual(
      ['5m', '10m', '30m', '1h', '1h30m', '2h', '6h', '12h', '1d', '3d', '7d'],
    );
  });

  it('treats differently spelled equal durations as one window', () => {
    expect(
      burnWindowsFor([policy('24h', '60m'), policy('1440m', '2h')]),
    ).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  });
});
