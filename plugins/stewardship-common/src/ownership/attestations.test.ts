import { OwnershipAttestation, roleAttestation } from './attestations';

const stored: OwnershipAttestation = {
  entityRef: 'component:default/cart',
  role: 'business',
  value: 'user:default/jane',
  attestedBy: 'user:default/jane',
  attestedAt: '2026-09-01T00:00:00.000Z',
  expiresAt: '2026-11-30T00:00:00.000Z',
};

describe('roleAttestation', () => {
  it('is none without a stored attestation', () => {
    expect(roleAttestation(undefined, 'user:default/jane', new Date())).toEqual(
      {
        state: 'none',
      },
    );
  });

  it('is current for the same value before the expiry', () => {
    expect(
      roleAttestation(
        stored,
        ' User:default/Jane ',
        new Date('2026-11-29T23:59:59.999Z'),
      ),
    ).toEqual({
      state: 'current',
      by: 'user:default/jane',
      at: '2026-09-01T00:00:00.000Z',
      expiresAt: '2026-11-30T00:00:00.000Z',
    });
  });

  it('is stale from the expiry on', () => {
    expect(
      roleAttestation(
        stored,
        'user:default/jane',
        new Date('2026-11-30T00:00:00Z'),
      ).state,
    ).toBe('stale');
  });

  it('is current while the annotation names the same owner, however written', () => {
    const during = new Date('2026-10-01T00:00:00Z');
    // The default namespace left out, or spelled out, in any case: one owner.
    for (const value of ['user:jane', 'User:Jane', 'user:DEFAULT/jane']) {
      expect(roleAttestation(stored, value, during).state).toBe('current');
    }
    expect(
      roleAttestation(
        { ...stored, value: 'user:jane' },
        'user:default/jane',
        during,
      ).state,
    ).toBe('current');
    // Another namespace is another owner.
    expect(roleAttestation(stored, 'user:other/jane', during).state).toBe(
      'stale',
    );
    // Values that name no one compare as written.
    const list = { ...stored, value: 'user:jane, user:joe' };
    expect(roleAttestation(list, ' USER:jane, user:joe', during).state).toBe(
      'current',
    );
    expect(roleAttestation(list, 'user:jane; user:joe', during).state).toBe(
      'stale',
    );
    expect(roleAttestation(stored, 'jane', during).state).toBe('stale');
  });

  it('is stale once the annotation names someone else, or nobody', () => {
    const during = new Date('2026-10-01T00:00:00Z');
    expect(roleAttestation(stored, 'user:default/joe', during).state).toBe(
      'stale',
    );
    expect(roleAttestation(stored, undefined, during).state).toBe('stale');
  });
});
