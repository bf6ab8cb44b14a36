import {
  EntityOwnership,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  businessOk,
  engineeringExempted,
  engineeringMissing,
  ownership,
  productInherited,
} from '../../__testUtils__/fixtures';
import { describeOwnershipChanges } from './ownershipChanges';

const withRoles = (...roles: RoleEvaluation[]): EntityOwnership => ({
  ...ownership,
  roles,
});

const confirmedBy = (by: string, at: string): RoleEvaluation => ({
  ...productInherited,
  attestation: {
    state: 'current',
    by,
    at,
    expiresAt: '2027-03-07T10:00:00Z',
  },
});

const before = withRoles(businessOk, productInherited, engineeringMissing);

describe('describeOwnershipChanges', () => {
  it("names a role's new status, the old one, and who exempted it", () => {
    expect(
      describeOwnershipChanges(
        before,
        withRoles(
          businessOk,
          productInherited,
          engineeringExempted('user:default/jane'),
        ),
      ),
    ).toBe(
      'The engineering owner is now exempt (was missing), exempted by jane.',
    );
  });

  it('names who confirmed a role, once: the same confirmation read again is no news', () => {
    const confirmed = withRoles(
      businessOk,
      confirmedBy('user:default/omar', '2026-12-07T10:05:00Z'),
      engineeringMissing,
    );
    expect(describeOwnershipChanges(before, confirmed)).toBe(
      'The product owner was confirmed by omar.',
    );
    expect(
      describeOwnershipChanges(confirmed, { ...confirmed }),
    ).toBeUndefined();
    // Confirmed again later: news again.
    expect(
      describeOwnershipChanges(
        confirmed,
        withRoles(
          businessOk,
          confirmedBy('user:default/ana', '2026-12-08T09:00:00Z'),
          engineeringMissing,
        ),
      ),
    ).toBe('The product owner was confirmed by ana.');
  });

  it('says every change in one sentence, in the order of the roles', () => {
    expect(
      describeOwnershipChanges(
        before,
        withRoles(
          { ...businessOk, status: 'orphaned' },
          confirmedBy('user:other/omar', '2026-12-07T10:05:00Z'),
          engineeringExempted('user:default/jane'),
        ),
      ),
    ).toBe(
      'The business owner is now orphaned (was ok); the product owner was confirmed by user:other/omar; the engineering owner is now exempt (was missing), exempted by jane.',
    );
  });

  it('says an exemption ended, expired by the moment of the read that found it gone, or removed before', () => {
    const exempted = withRoles(
      businessOk,
      productInherited,
      engineeringExempted('user:default/jane'),
    );
    // The fixture's exemption ends 2027-01-07T10:00:00Z.
    expect(
      describeOwnershipChanges(exempted, {
        ...before,
        evaluatedAt: '2027-01-07T10:00:01.000Z',
      }),
    ).toBe(
      'The engineering owner is now missing (was exempt): its exemption expired.',
    );
    expect(
      describeOwnershipChanges(exempted, {
        ...before,
        evaluatedAt: '2027-01-07T09:59:59.999Z',
      }),
    ).toBe(
      'The engineering owner is now missing (was exempt): its exemption was removed.',
    );
  });

  it('says a confirmation expired, not one that went stale because the owner changed', () => {
    const confirmed = withRoles(
      businessOk,
      confirmedBy('user:default/omar', '2026-12-07T10:05:00Z'),
      engineeringMissing,
    );
    const staleAt = (evaluatedAt: string): EntityOwnership => ({
      ...confirmed,
      roles: confirmed.roles.map(role =>
        role.attestation?.state === 'current'
          ? { ...role, attestation: { ...role.attestation, state: 'stale' } }
          : role,
      ),
      evaluatedAt,
    });
    // confirmedBy's confirmation expires 2027-03-07T10:00:00Z.
    expect(
      describeOwnershipChanges(confirmed, staleAt('2027-03-07T10:00:00.000Z')),
    ).toBe(
      "The product owner's confirmation by omar expired: confirm again to keep it current.",
    );
    expect(
      describeOwnershipChanges(confirmed, staleAt('2027-03-07T09:00:00.000Z')),
    ).toBeUndefined();
  });

  it('says nothing when nothing it names changed', () => {
    expect(
      describeOwnershipChanges(before, withRoles(...before.roles)),
    ).toBeUndefined();
  });
});
