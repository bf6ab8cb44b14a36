import {
  EntityOwnership,
  OwnershipScorecard,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';

// Shared test data, shaped like the backend's responses.

export const businessOk: RoleEvaluation = {
  role: 'business',
  required: true,
  status: 'ok',
  annotation: 'stewardship.io/business-owner',
  value: 'user:default/jane',
  source: { type: 'own', entityRef: 'component:default/payments-api' },
  owner: {
    entityRef: 'user:default/jane',
    kind: 'user',
    displayName: 'Jane Doe',
    email: 'jane@example.com',
    groupCount: 2,
  },
};

export const productInherited: RoleEvaluation = {
  role: 'product',
  required: true,
  status: 'ok',
  annotation: 'stewardship.io/product-owner',
  value: 'group:default/payments-product',
  source: {
    type: 'inherited',
    entityRef: 'system:default/payments',
    via: 'system',
  },
  owner: {
    entityRef: 'group:default/payments-product',
    kind: 'group',
    displayName: 'Payments Product',
    memberCount: 4,
  },
};

export const engineeringMissing: RoleEvaluation = {
  role: 'engineering',
  required: true,
  status: 'missing',
  annotation: 'stewardship.io/engineering-owner',
  problem: 'No engineering owner is declared on this entity or its system.',
  fix: 'Add the stewardship.io/engineering-owner annotation naming one user or group.',
};

export const ownership: EntityOwnership = {
  entityRef: 'component:default/payments-api',
  kind: 'component',
  namespace: 'default',
  name: 'payments-api',
  type: 'service',
  specOwner: {
    entityRef: 'group:default/payments',
    owner: {
      entityRef: 'group:default/payments',
      kind: 'group',
      displayName: 'Payments Team',
      email: 'payments@example.com',
      memberCount: 6,
    },
  },
  system: 'system:default/payments',
  applies: true,
  compliant: false,
  roles: [businessOk, productInherited, engineeringMissing],
};

/** The engineering owner of `ownership` once `grantedBy` exempted it (the catalog still says missing). */
export function engineeringExempted(
  grantedBy = 'user:default/jane',
): RoleEvaluation {
  return {
    ...engineeringMissing,
    status: 'exempt',
    catalogStatus: 'missing',
    exemption: {
      id: 'e1',
      entityRef: ownership.entityRef,
      role: 'engineering',
      reason: 'Team being staffed',
      grantedBy,
      grantedAt: '2026-12-07T10:00:00Z',
      expiresAt: '2027-01-07T10:00:00Z',
    },
  };
}

export const scorecard: OwnershipScorecard = {
  generatedAt: '2024-05-03T06:00:00Z',
  evaluatedAt: '2024-05-03T05:59:20Z',
  ageSeconds: 40,
  filter: {},
  summary: {
    entities: 23,
    compliant: 15,
    roles: {
      business: {
        ok: 18,
        missing: 3,
        unresolved: 1,
        invalid: 1,
        orphaned: 0,
        exempt: 0,
      },
      product: {
        ok: 20,
        missing: 2,
        unresolved: 0,
        invalid: 0,
        orphaned: 1,
        exempt: 0,
      },
      engineering: {
        ok: 21,
        missing: 1,
        unresolved: 0,
        invalid: 0,
        orphaned: 1,
        exempt: 0,
      },
    },
  },
  failing: {
    items: [
      {
        entityRef: 'component:default/legacy-billing',
        kind: 'component',
        name: 'legacy-billing',
        title: 'Legacy Billing',
        owner: 'group:default/billing',
        problems: [
          {
            role: 'business',
            required: true,
            status: 'unresolved',
            annotation: 'stewardship.io/business-owner',
            value: 'user:default/ghost',
            source: {
              type: 'own',
              entityRef: 'component:default/legacy-billing',
            },
            problem: 'user:default/ghost names no catalog entity.',
            fix: 'Point stewardship.io/business-owner at an existing user or group.',
          },
        ],
      },
    ],
    totalCount: 8,
    offset: 0,
    limit: 20,
  },
  trend: [
    {
      day: '2024-05-01',
      entities: 20,
      compliant: 10,
      roleOk: { business: 15, product: 17, engineering: 18 },
    },
    {
      day: '2024-05-02',
      entities: 23,
      compliant: 15,
      roleOk: { business: 18, product: 20, engineering: 21 },
    },
  ],
};
