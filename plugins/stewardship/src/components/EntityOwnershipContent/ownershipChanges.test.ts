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

  it('says nothing when nothing it names changed', () => {
    expect(
      describeOwnershipChanges(before, withRoles(...before.roles)),
    ).toBeUndefined();
  });
});
