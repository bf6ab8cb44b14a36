import { RoleEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { ownershipValidUntil } from './ownershipValidUntil';

const role = (
  name: RoleEvaluation['role'],
  extra: Partial<RoleEvaluation>,
): RoleEvaluation =>
  ({
    role: name,
    required: true,
    status: 'ok',
    annotation: 'stewardship.io/business-owner',
    ...extra,
  } as RoleEvaluation);

const exemption = (expiresAt: string) =>
  ({ expiresAt } as RoleEvaluation['exemption']);

describe('ownershipValidUntil', () => {
  it('is the earliest end of an exemption in force or a current confirmation', () => {
    expect(
      ownershipValidUntil([
        role('business', {
          attestation: {
            state: 'current',
            by: 'user:default/jane',
            at: '2026-12-01T00:00:00.000Z',
            expiresAt: '2027-03-01T00:00:00.000Z',
          },
        }),
        role('product', {
          status: 'exempt',
          catalogStatus: 'missing',
          exemption: exemption('2026-12-20T09:30:00.000Z'),
        }),
        role('engineering', {
          attestation: {
            state: 'current',
            by: 'user:default/joe',
            at: '2026-11-01T00:00:00.000Z',
            expiresAt: '2026-12-31T00:00:00.000Z',
          },
        }),
      ]),
    ).toBe('2026-12-20T09:30:00.000Z');
  });

  it('leaves out confirmations already stale or never made', () => {
    expect(
      ownershipValidUntil([
        role('business', {
          attestation: {
            state: 'stale',
            by: 'user:default/jane',
            at: '2026-08-01T00:00:00.000Z',
            expiresAt: '2026-11-01T00:00:00.000Z',
          },
        }),
        role('product', { attestation: { state: 'none' } }),
        role('engineering', {
          attestation: {
            state: 'current',
            by: 'user:default/joe',
            at: '2026-11-01T00:00:00.000Z',
            expiresAt: '2027-01-30T00:00:00.000Z',
          },
        }),
      ]),
    ).toBe('2027-01-30T00:00:00.000Z');
  });

  it('is undefined when nothing on the roles ends by time alone', () => {
    expect(
      ownershipValidUntil([
        role('business', {}),
        role('product', { status: 'missing' }),
        role('engineering', { attestation: { state: 'none' } }),
      ]),
    ).toBeUndefined();
  });
});
