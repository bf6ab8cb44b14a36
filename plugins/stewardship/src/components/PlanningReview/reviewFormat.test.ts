import { ReviewRow } from '@stewardship/backstage-plugin-stewardship-common';
import { ownershipGaps } from './reviewFormat';

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
