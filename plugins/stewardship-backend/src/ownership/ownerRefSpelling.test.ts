/*
 * The catalog compares entity refs case-insensitively, so an owner written `User:Default/Jane.Doe`
 * or `group:Payments` must resolve exactly as `user:default/jane.doe` / `group:default/payments`
 * does. Every ownership status is checked with both spellings, on both paths that evaluate
 * ownership: the scorecard (one in-memory index of the catalog) and the entity tab (catalog reads).
 */
import { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EntityOwnership,
  OwnershipStatus,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  component,
  group,
  ROLE_ANNOTATIONS,
  system,
  user,
} from '../__testUtils__/entities';
import {
  CatalogOwnershipReader,
  evaluateCatalogEntities,
} from './CatalogOwnershipReader';
import { DEFAULT_OWNERSHIP_POLICY } from './OwnershipPolicy';

const people: Entity[] = [
  group('payments', ['user:default/jane.doe']),
  group('ghost-team', []),
  user('jane.doe', ['group:default/payments'], { displayName: 'Jane Doe' }),
  user('leaver', []),
  // Capitals in the catalog itself: a lower-case annotation must still find it.
  user('Max.Power', ['group:default/payments']),
  system('shop'),
  system('staffed-shop', {
    annotations: { [ROLE_ANNOTATIONS.business]: 'group:default/payments' },
  }),
];

/** The entity under test: its business owner and optionally its system. */
function subject(businessOwner: string | undefined, systemRef?: string) {
  return component('checkout', {
    ...(systemRef ? { system: systemRef } : {}),
    ...(businessOwner !== undefined
      ? { annotations: { [ROLE_ANNOTATIONS.business]: businessOwner } }
      : {}),
  });
}

interface Case {
  status: OwnershipStatus;
  /** The canonical spelling and another spelling of the same value. */
  spellings: [string, string];
  /** Written as the annotation (default) or as `spec.system`, for inherited and missing roles. */
  as?: 'annotation' | 'system';
  /** What the canonical spelling yields, written out by hand. */
  expected: Partial<RoleEvaluation>;
}

const CASES: Case[] = [
  {
    status: 'ok',
    spellings: ['user:default/jane.doe', 'User:Default/Jane.Doe'],
    expected: {
      owner: {
        entityRef: 'user:default/jane.doe',
        kind: 'user',
        displayName: 'Jane Doe',
        groupCount: 1,
      },
    },
  },
  {
    status: 'ok',
    spellings: ['group:default/payments', 'group:Payments'],
    expected: {
      owner: {
        entityRef: 'group:default/payments',
        kind: 'group',
        displayName: 'Team payments',
        memberCount: 1,
      },
    },
  },
  {
    status: 'ok',
    spellings: ['user:default/max.power', 'USER:DEFAULT/MAX.POWER'],
    expected: {
      owner: {
        entityRef: 'user:default/max.power',
        kind: 'user',
        displayName: 'Max.Power',
        groupCount: 1,
      },
    },
  },
  {
    status: 'ok',
    as: 'system',
    spellings: ['system:default/staffed-shop', 'System:Default/Staffed-Shop'],
    expected: {
      source: {
        type: 'inherited',
        entityRef: 'system:default/staffed-shop',
        via: 'system',
      },
      owner: expect.objectContaining({ entityRef: 'group:default/payments' }),
    },
  },
  {
    status: 'missing',
    as: 'system',
    spellings: ['system:default/shop', 'Shop'],
    expected: {
      problem:
        'No business owner is declared on component:default/checkout nor inherited from system:default/shop.',
      fix: 'Add the annotation "stewardship.io/business-owner: group:default/<team>" (or user:default/<name>) to component:default/checkout or to system:default/shop to cover everything in it.',
    },
  },
  {
    status: 'unresolved',
    spellings: ['user:default/nobody', 'User:Default/Nobody'],
    expected: {
      problem: 'user:default/nobody is not in the catalog.',
      fix: 'Point "stewardship.io/business-owner" on component:default/checkout at an existing user or group, or add user:default/nobody to the catalog.',
    },
  },
  {
    status: 'invalid',
    spellings: ['user:default/bad!name', 'User:Default/Bad!Name'],
    expected: {
      fix: 'Set "stewardship.io/business-owner" on component:default/checkout to one user or group ref, e.g. "user:default/<name>" or "group:default/<team>".',
    },
  },
  {
    status: 'invalid',
    spellings: ['component:default/web', 'Component:Default/Web'],
    expected: {
      problem:
        '"component:default/web" names a component; an owner must be a user or a group.',
    },
  },
  {
    status: 'invalid',
    spellings: ['jane.doe', 'Jane.Doe'],
    expected: {
      problem:
        '"jane.doe" is not an entity ref of the form user:namespace/name or group:namespace/name.',
    },
  },
  {
    status: 'invalid',
    spellings: [
      'user:default/jane.doe, group:default/payments',
      'User:Default/Jane.Doe; Group:Payments',
    ],
    expected: {
      problem:
        'Expected one accountable owner, found 2: user:default/jane.doe, group:default/payments.',
      fix: 'Keep one accountable owner in "stewardship.io/business-owner" on component:default/checkout, e.g. "stewardship.io/business-owner: user:default/jane.doe".',
    },
  },
  {
    status: 'orphaned',
    spellings: ['group:default/ghost-team', 'Group:Default/Ghost-Team'],
    expected: {
      owner: expect.objectContaining({
        entityRef: 'group:default/ghost-team',
        memberCount: 0,
      }),
      problem:
        'group:default/ghost-team has no members, so nobody is accountable.',
    },
  },
  {
    status: 'orphaned',
    spellings: ['user:default/leaver', 'user:Leaver'],
    expected: {
      owner: expect.objectContaining({
        entityRef: 'user:default/leaver',
        groupCount: 0,
      }),
    },
  },
];

const evaluators: Array<
  [string, (entity: Entity) => Promise<EntityOwnership>]
> = [
  [
    'scorecard',
    async entity => {
      const [result] = evaluateCatalogEntities(
        [entity, ...people],
        DEFAULT_OWNERSHIP_POLICY,
      ).filter(e => e.name === 'checkout');
      return result;
    },
  ],
  [
    'entity tab',
    async entity =>
      new CatalogOwnershipReader(
        catalogServiceMock({ entities: [entity, ...people] }),
        DEFAULT_OWNERSHIP_POLICY,
      ).evaluateEntity(
        { kind: 'component', namespace: 'default', name: 'checkout' },
        mockCredentials.service(),
      ),
  ],
];

function business(result: EntityOwnership): RoleEvaluation {
  return result.roles.find(r => r.role === 'business')!;
}

/** What must not depend on the spelling: everything but the value as written. */
function resolved(role: RoleEvaluation, isInvalid: boolean) {
  const { value: _value, problem, ...rest } = role;
  // An invalid value's problem quotes the value as written; its fix does not.
  return isInvalid ? rest : { ...rest, problem };
}

describe.each(evaluators)('owner ref spelling (%s)', (_path, evaluate) => {
  it('covers every ownership status', () => {
    expect(new Set(CASES.map(c => c.status))).toEqual(
      new Set(['ok', 'missing', 'unresolved', 'invalid', 'orphaned']),
    );
  });

  it.each(CASES.map(c => [c.status, c.spellings[1], c] as const))(
    '%s: %j resolves as its canonical spelling',
    async (status, _other, { spellings, as, expected }) => {
      const [canonical, other] = await Promise.all(
        spellings.map(value =>
          evaluate(
            as === 'system' ? subject(undefined, value) : subject(value),
          ),
        ),
      );

      expect(business(canonical)).toMatchObject({ status, ...expected });
      expect(business(other).status).toBe(status);
      expect(resolved(business(other), status === 'invalid')).toEqual(
        resolved(business(canonical), status === 'invalid'),
      );
      expect(other.compliant).toBe(canonical.compliant);
      expect(other.system).toBe(canonical.system);
      // The value is kept as written (an inherited role's comes from the system).
      expect(business(other).value).toBe(
        as === 'system' ? business(canonical).value : spellings[1],
      );
    },
  );

  it('reads spec.owner in any case', async () => {
    const spelled = (owner: string) =>
      evaluate(component('checkout', { owner }));
    const [canonical, other] = await Promise.all([
      spelled('group:default/payments'),
      spelled('Group:Default/Payments'),
    ]);
    expect(canonical.specOwner).toEqual({
      entityRef: 'group:default/payments',
      owner: expect.objectContaining({ memberCount: 1 }),
    });
    expect(other.specOwner).toEqual(canonical.specOwner);
  });
});

describe('CatalogOwnershipReader.evaluateEntity', () => {
  const reader = new CatalogOwnershipReader(
    catalogServiceMock({
      entities: [subject('user:default/jane.doe'), ...people],
    }),
    DEFAULT_OWNERSHIP_POLICY,
  );

  it('finds the entity whatever the case of its ref', async () => {
    const result = await reader.evaluateEntity(
      { kind: 'Component', namespace: 'Default', name: 'CheckOut' },
      mockCredentials.service(),
    );
    expect(result.entityRef).toBe('component:default/checkout');
    expect(business(result).status).toBe('ok');
  });

  it.each([
    ['a NUL', 'check\u0000out'],
    ['an emoji', 'check\u{1F600}'],
    ['a space', 'check out'],
  ])('answers a ref with %s with an InputError', async (_what, name) => {
    const evaluation = reader.evaluateEntity(
      { kind: 'component', namespace: 'default', name },
      mockCredentials.service(),
    );
    await expect(evaluation).rejects.toThrow(InputError);
    await expect(evaluation).rejects.toThrow(/^Entity ".*" is not an entity/);
  });
});
