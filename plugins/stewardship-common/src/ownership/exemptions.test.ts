import {
  applyExemptions,
  isExemptionInForce,
  OwnershipExemption,
} from './exemptions';
import { EntityOwnership, OwnershipStatus, RoleEvaluation } from './types';
import { OwnershipRole } from './roles';

const role = (
  name: OwnershipRole,
  status: OwnershipStatus,
  required = true,
): RoleEvaluation => ({
  role: name,
  required,
  status,
  annotation: `stewardship.io/${name}-owner`,
});

const ownership = (roles: RoleEvaluation[]): EntityOwnership => ({
  entityRef: 'component:default/cart',
  kind: 'Component',
  namespace: 'default',
  name: 'cart',
  applies: true,
  compliant: false,
  roles,
});

const exemption = (
  overrides: Partial<OwnershipExemption> = {},
): OwnershipExemption => ({
  id: 'e1',
  entityRef: 'component:default/cart',
  role: 'business',
  reason: 'team being formed',
  grantedBy: 'user:default/jane',
  grantedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

const during = new Date('2026-11-15T00:00:00Z');

describe('isExemptionInForce', () => {
  it('starts at the grant and ends at the expiry (exclusive)', () => {
    const e = exemption();
    expect(isExemptionInForce(e, new Date('2026-10-31T23:59:59.999Z'))).toBe(
      false,
    );
    expect(isExemptionInForce(e, new Date('2026-11-01T00:00:00.000Z'))).toBe(
      true,
    );
    expect(isExemptionInForce(e, new Date('2026-11-30T23:59:59.999Z'))).toBe(
      true,
    );
    expect(isExemptionInForce(e, new Date('2026-12-01T00:00:00.000Z'))).toBe(
      false,
    );
  });
});

describe('applyExemptions', () => {
  const base = ownership([
    role('business', 'missing'),
    role('product', 'ok'),
    role('engineering', 'ok'),
  ]);

  it('makes the exempted role exempt, keeps the catalog status, and the entity compliant', () => {
    const e = exemption();
    const result = applyExemptions(base, [e], during);
    expect(result.compliant).toBe(true);
    expect(result.roles[0]).toMatchObject({
      status: 'exempt',
      catalogStatus: 'missing',
      exemption: e,
    });
    expect(result.roles.slice(1)).toEqual(base.roles.slice(1));
  });

  it('is back to the catalog status once the exemption expired', () => {
    const result = applyExemptions(
      base,
      [exemption()],
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(result).toBe(base);
    expect(result.roles[0].status).toBe('missing');
  });

  it('ignores other entities and roles, and leaves an ok role ok', () => {
    const result = applyExemptions(
      base,
      [
        exemption({ entityRef: 'component:default/other' }),
        exemption({ id: 'e2', role: 'product' }),
      ],
      during,
    );
    expect(result.roles.map(r => r.status)).toEqual(['missing', 'ok', 'ok']);
    expect(result.compliant).toBe(false);
  });

  it('stays non-compliant while another required role fails', () => {
    const two = ownership([
      role('business', 'missing'),
      role('product', 'invalid'),
      role('engineering', 'ok'),
    ]);
    expect(applyExemptions(two, [exemption()], during).compliant).toBe(false);
  });

  it('of two in force for a role, shows the one expiring last', () => {
    const late = exemption({
      id: 'late',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    const result = applyExemptions(base, [late, exemption()], during);
    expect(result.roles[0].exemption?.id).toBe('late');
  });
});

describe('applyExemptions with refs in another case', () => {
  it('matches the catalog ref case-insensitively', () => {
    const catalogCase = {
      ...ownership([
        role('business', 'missing'),
        role('product', 'ok'),
        role('engineering', 'ok'),
      ]),
      entityRef: 'component:default/Cart',
    };
    expect(
      applyExemptions(catalogCase, [exemption()], during).roles[0].status,
    ).toBe('exempt');
  });
});
