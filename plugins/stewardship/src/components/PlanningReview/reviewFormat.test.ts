import { ReviewRow } from '@stewardship/backstage-plugin-stewardship-common';
import { costPercent, ownershipGaps } from './reviewFormat';

describe('ownershipGaps', () => {
  it('names each gap: a status, or an unconfirmed ok role', () => {
    const row = {
      ownershipGaps: [
        { role: 'product', status: 'missing' },
        { role: 'business', status: 'ok', attestation: 'none' },
        { role: 'engineering', status: 'ok', attestation: 'stale' },
      ],
    } as unknown as ReviewRow;
    expect(ownershipGaps(row)).toBe(
      'product missing, business not confirmed, engineering confirmation expired',
    );
    expect(ownershipGaps({ ownershipGaps: [] } as unknown as ReviewRow)).toBe(
      'none',
    );
    expect(ownershipGaps({} as ReviewRow)).toBe('not evaluated');
  });
});

describe('costPercent', () => {
  it('writes a budget cost with one decimal, a small non-zero one as under 0.1 %', () => {
    expect(costPercent(42.25)).toBe('42.3 %');
    expect(costPercent(0.05)).toBe('0.1 %');
    // 3 bad requests of 20,000 allowed: 0.015 % is a cost, not nothing.
    expect(costPercent((3 / 20_000) * 100)).toBe('< 0.1 %');
    expect(costPercent(0)).toBe('0 %');
    expect(costPercent(undefined)).toBe('—');
  });
});
