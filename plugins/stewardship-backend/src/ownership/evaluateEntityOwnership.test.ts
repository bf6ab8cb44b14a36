import { Entity } from '@backstage/catalog-model';
import {
  allRoles,
  component,
  domain,
  group,
  ROLE_ANNOTATIONS,
  system,
  user,
} from '../__testUtils__/entities';
import { EntityIndex } from './EntityIndex';
import { evaluateEntityOwnership } from './evaluateEntityOwnership';
import { DEFAULT_OWNERSHIP_POLICY, OwnershipPolicy } from './OwnershipPolicy';

const people: Entity[] = [
  group('payments', ['user:default/jane', 'user:default/joe']),
  group('ghost-team', []),
  user('jane', ['group:default/payments'], {
    displayName: 'Jane Doe',
    email: 'jane@acme.example',
  }),
  user('joe', ['group:default/payments']),
  user('leaver', []),
];

function evaluate(
  entity: Entity,
  others: Entity[] = [],
  policy: OwnershipPolicy = DEFAULT_OWNERSHIP_POLICY,
) {
  return evaluateEntityOwnership(
    entity,
    new EntityIndex([entity, ...others, ...people]),
    policy,
  );
}

function role(
  result: ReturnType<typeof evaluate>,
  name: 'business' | 'product' | 'engineering',
) {
  return result.roles.find(r => r.role === name)!;
}

describe('evaluateEntityOwnership', () => {
  it('is ok and compliant when all roles name staffed owners', () => {
    const result = evaluate(
      component('checkout', {
        annotations: {
          [ROLE_ANNOTATIONS.business]: 'user:default/jane',
          [ROLE_ANNOTATIONS.product]: 'user:joe',
          [ROLE_ANNOTATIONS.engineering]: 'group:default/payments',
        },
      }),
    );
    expect(result.compliant).toBe(true);
    expect(result.roles.map(r => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(role(result, 'business')).toMatchObject({
      source: { type: 'own', entityRef: 'component:default/checkout' },
      owner: {
        entityRef: 'user:default/jane',
        displayName: 'Jane Doe',
        email: 'jane@acme.example',
        groupCount: 1,
      },
    });
    expect(role(result, 'product').owner?.entityRef).toBe('user:default/joe');
    expect(role(result, 'engineering').owner).toMatchObject({
      kind: 'group',
      memberCount: 2,
      displayName: 'Team payments',
    });
    expect(role(result, 'business').problem).toBeUndefined();
  });

  it('reports missing roles with the annotation to add', () => {
    const result = evaluate(component('lonely'));
    expect(result.compliant).toBe(false);
    expect(result.roles.map(r => r.status)).toEqual([
      'missing',
      'missing',
      'missing',
    ]);
    expect(role(result, 'product').fix).toContain(
      '"stewardship.io/product-owner: group:default/<team>"',
    );
    expect(role(result, 'product').fix).toContain('component:default/lonely');
  });

  it('flags a ref to an entity that is not in the catalog as unresolved', () => {
    const result = evaluate(
      component('c', {
        annotations: { [ROLE_ANNOTATIONS.business]: 'user:default/nobody' },
      }),
    );
    expect(role(result, 'business')).toMatchObject({
      status: 'unresolved',
      value: 'user:default/nobody',
      problem: 'user:default/nobody is not in the catalog.',
    });
  });

  it.each([
    [
      'user:default/jane, user:default/joe',
      'list',
      'Expected one accountable owner, found 2: user:default/jane, user:default/joe.',
    ],
    // Brackets make a list even around one ref.
    [
      '[user:default/jane]',
      'list',
      'Expected one accountable owner, found 1: user:default/jane.',
    ],
    [
      'user:jane;group:payments',
      'list',
      'Expected one accountable owner, found 2: user:jane, group:payments.',
    ],
    [
      'jane',
      'kind',
      '"jane" is not an entity ref of the form user:namespace/name or group:namespace/name.',
    ],
    [
      'component:default/checkout',
      'kind',
      '"component:default/checkout" names a component; an owner must be a user or a group.',
    ],
    // The space splits it in two.
    [
      'user:default/Not Valid!',
      'list',
      'Expected one accountable owner, found 2: user:default/Not, Valid!.',
    ],
    [
      'user:default/bad!name',
      'malformed',
      '"user:default/bad!name" is not a valid entity ref: names may use letters, digits, "-", "_" and ".".',
    ],
    [
      'user:',
      'malformed',
      '"user:" is not an entity ref of the form user:namespace/name or group:namespace/name.',
    ],
    ['   ', 'empty', 'The annotation is empty.'],
  ])('flags %j as invalid (%s)', (value, why, problem) => {
    const result = evaluate(
      component('c', { annotations: { [ROLE_ANNOTATIONS.business]: value } }),
    );
    const business = role(result, 'business');
    expect(business.status).toBe('invalid');
    expect(business.problem).toBe(problem);
    // A list is fixed by keeping one of its owners; anything else by writing one ref.
    const fixStart =
      why === 'list'
        ? 'Keep one accountable owner in "stewardship.io/business-owner" on component:default/c, e.g. '
        : 'Set "stewardship.io/business-owner" on component:default/c to one user or group ref, ';
    expect(business.fix?.slice(0, fixStart.length)).toBe(fixStart);
  });

  it('suggests keeping the first valid owner of a list', () => {
    const result = evaluate(
      component('c', {
        annotations: {
          [ROLE_ANNOTATIONS.business]: 'user:default/jane, user:default/joe',
        },
      }),
    );
    expect(role(result, 'business').problem).toBe(
      'Expected one accountable owner, found 2: user:default/jane, user:default/joe.',
    );
    expect(role(result, 'business').fix).toContain(
      '"stewardship.io/business-owner: user:default/jane"',
    );
  });

  it('flags a group without members and a user in no group as orphaned', () => {
    const result = evaluate(
      component('c', {
        annotations: {
          [ROLE_ANNOTATIONS.business]: 'group:default/ghost-team',
          [ROLE_ANNOTATIONS.product]: 'user:default/leaver',
        },
      }),
    );
    expect(role(result, 'business')).toMatchObject({
      status: 'orphaned',
      owner: { entityRef: 'group:default/ghost-team', memberCount: 0 },
    });
    expect(role(result, 'product')).toMatchObject({
      status: 'orphaned',
      owner: { entityRef: 'user:default/leaver', groupCount: 0 },
    });
  });

  it('counts members from spec when relations are absent', () => {
    const bare: Entity = {
      ...user('solo', ['group:default/payments']),
      relations: undefined,
    };
    const result = evaluateEntityOwnership(
      component('c', {
        annotations: { [ROLE_ANNOTATIONS.business]: 'user:default/solo' },
      }),
      new EntityIndex([bare, group('payments', ['user:default/solo'])]),
      DEFAULT_OWNERSHIP_POLICY,
    );
    expect(role(result, 'business').status).toBe('ok');
  });

  describe('members and groups the catalog no longer has', () => {
    // The catalog keeps a relation to an entity that is gone: a user deleted while the group's
    // spec.members still lists them, a group deleted while the user's spec.memberOf names it.
    const haunted = component('haunted', {
      annotations: {
        [ROLE_ANNOTATIONS.business]: 'group:default/ghosts',
        [ROLE_ANNOTATIONS.product]: 'user:default/wanderer',
      },
    });

    it('flags a group whose only member is gone and a user whose only group is gone as orphaned', () => {
      const result = evaluate(haunted, [
        group('ghosts', ['user:default/gone']),
        user('wanderer', ['group:default/gone-team']),
      ]);
      expect(role(result, 'business')).toMatchObject({
        status: 'orphaned',
        owner: { entityRef: 'group:default/ghosts', memberCount: 0 },
        problem:
          'group:default/ghosts has no members, so nobody is accountable.',
      });
      expect(role(result, 'product')).toMatchObject({
        status: 'orphaned',
        owner: { entityRef: 'user:default/wanderer', groupCount: 0 },
      });
    });

    it('counts only the links whose targets the index holds, in relations and in spec', () => {
      const result = evaluate(haunted, [
        // jane is in the catalog, gone is not: one member.
        group('ghosts', ['user:default/gone', 'user:default/jane']),
        // Without relations, from spec: payments is in the catalog, gone-team is not.
        {
          ...user('wanderer', ['gone-team', 'payments']),
          relations: undefined,
        },
      ]);
      expect(role(result, 'business')).toMatchObject({
        status: 'ok',
        owner: { memberCount: 1 },
      });
      expect(role(result, 'product')).toMatchObject({
        status: 'ok',
        owner: { groupCount: 1 },
      });
    });

    it('counts a member the index knows to exist without holding it', () => {
      const ghosts = group('ghosts', ['user:default/gone']);
      const result = evaluateEntityOwnership(
        haunted,
        new EntityIndex([haunted, ghosts], ['user:default/gone']),
        DEFAULT_OWNERSHIP_POLICY,
      );
      expect(role(result, 'business')).toMatchObject({
        status: 'ok',
        owner: { memberCount: 1 },
      });
    });

    it('describes the same group object against each index by what that index holds', () => {
      const ghosts = group('ghosts', ['user:default/gone']);
      const gone = user('gone', ['group:default/ghosts']);
      const staffed = evaluate(haunted, [ghosts, gone]);
      const abandoned = evaluate(haunted, [ghosts]);
      expect(role(staffed, 'business').status).toBe('ok');
      expect(role(abandoned, 'business').status).toBe('orphaned');
    });
  });

  describe('inheritance', () => {
    const payments = system('payments', {
      domain: 'commerce',
      annotations: { [ROLE_ANNOTATIONS.product]: 'user:default/joe' },
    });
    const commerce = domain('commerce', {
      annotations: allRoles('group:default/payments'),
    });
    const child = component('ledger', {
      system: 'payments',
      annotations: { [ROLE_ANNOTATIONS.engineering]: 'user:default/jane' },
    });

    it('takes roles from the system, then the domain, and says where from', () => {
      const result = evaluate(child, [payments, commerce]);
      expect(result.system).toBe('system:default/payments');
      expect(result.domain).toBe('domain:default/commerce');
      expect(role(result, 'engineering').source).toEqual({
        type: 'own',
        entityRef: 'component:default/ledger',
      });
      expect(role(result, 'product')).toMatchObject({
        status: 'ok',
        source: {
          type: 'inherited',
          entityRef: 'system:default/payments',
          via: 'system',
        },
        owner: { entityRef: 'user:default/joe' },
      });
      expect(role(result, 'business')).toMatchObject({
        status: 'ok',
        source: {
          type: 'inherited',
          entityRef: 'domain:default/commerce',
          via: 'domain',
        },
      });
      expect(result.compliant).toBe(true);
    });

    it('lets a system inherit from its domain', () => {
      const result = evaluate(payments, [commerce]);
      expect(role(result, 'business').source?.entityRef).toBe(
        'domain:default/commerce',
      );
      expect(role(result, 'product').source?.type).toBe('own');
    });

    it('names the parents a missing role was looked for on', () => {
      const bare = domain('commerce');
      const result = evaluate(system('payments', { domain: 'commerce' }), [
        bare,
      ]);
      expect(role(result, 'business').problem).toBe(
        'No business owner is declared on system:default/payments nor inherited from domain:default/commerce.',
      );
      const leaf = evaluate(component('ledger', { system: 'payments' }), [
        system('payments', { domain: 'commerce' }),
        bare,
      ]);
      expect(role(leaf, 'business').problem).toBe(
        'No business owner is declared on component:default/ledger nor inherited from system:default/payments or domain:default/commerce.',
      );
    });

    it('reports a broken inherited value against the entity that declares it', () => {
      const brokenSystem = system('payments', {
        annotations: { [ROLE_ANNOTATIONS.business]: 'user:default/ghost' },
      });
      const result = evaluate(component('x', { system: 'payments' }), [
        brokenSystem,
      ]);
      expect(role(result, 'business')).toMatchObject({
        status: 'unresolved',
        source: { type: 'inherited', entityRef: 'system:default/payments' },
      });
      expect(role(result, 'business').fix).toContain(
        'on system:default/payments',
      );
    });

    it('prefers the own value even when it is broken', () => {
      const result = evaluate(
        component('x', {
          system: 'payments',
          annotations: { [ROLE_ANNOTATIONS.product]: 'nope' },
        }),
        [payments, commerce],
      );
      expect(role(result, 'product')).toMatchObject({
        status: 'invalid',
        source: { type: 'own' },
      });
    });

    it('ignores parents when inheritance is off', () => {
      const result = evaluate(child, [payments, commerce], {
        ...DEFAULT_OWNERSHIP_POLICY,
        inheritance: false,
      });
      expect(result.roles.map(r => r.status)).toEqual([
        'missing',
        'missing',
        'ok',
      ]);
      expect(result.system).toBe('system:default/payments');
    });

    it('evaluates what entities inherit from one parent for each of them', () => {
      // One index, as the scorecard's: an inherited role is evaluated once per parent and shared,
      // so what differs between the entities sharing it must still differ.
      const api = component('ledger-api', {
        kind: 'API',
        system: 'payments',
        annotations: { [ROLE_ANNOTATIONS.engineering]: 'user:default/jane' },
      });
      const index = new EntityIndex([
        child,
        api,
        payments,
        commerce,
        ...people,
      ]);
      const componentsOnly: OwnershipPolicy = {
        ...DEFAULT_OWNERSHIP_POLICY,
        appliesTo: [{ kind: 'component', types: [] }],
      };
      const covered = evaluateEntityOwnership(child, index, componentsOnly);
      const uncovered = evaluateEntityOwnership(api, index, componentsOnly);
      const attested = evaluateEntityOwnership(child, index, componentsOnly, {
        attestations: true,
      });
      const own = evaluateEntityOwnership(child, index, {
        ...componentsOnly,
        inheritance: false,
      });

      const inherited = {
        status: 'ok',
        value: 'user:default/joe',
        source: {
          type: 'inherited',
          entityRef: 'system:default/payments',
          via: 'system',
        },
      };
      expect(role(covered, 'product')).toMatchObject({
        ...inherited,
        required: true,
      });
      expect(role(covered, 'product').attestation).toBeUndefined();
      expect(role(uncovered, 'product')).toMatchObject({
        ...inherited,
        required: false,
      });
      expect(role(attested, 'product')).toMatchObject({
        ...inherited,
        required: true,
        attestation: { state: 'none' },
      });
      expect(role(own, 'product').status).toBe('missing');
      expect(role(covered, 'product')).toMatchObject(inherited);
    });

    it('treats a system missing from the catalog as no parent', () => {
      const result = evaluate(component('x', { system: 'gone' }));
      expect(result.system).toBe('system:default/gone');
      expect(result.domain).toBeUndefined();
      expect(role(result, 'business').status).toBe('missing');
    });
  });

  describe('policy', () => {
    it('only requires the configured roles', () => {
      const result = evaluate(
        component('c', {
          annotations: { [ROLE_ANNOTATIONS.engineering]: 'user:default/jane' },
        }),
        [],
        { ...DEFAULT_OWNERSHIP_POLICY, requiredRoles: ['engineering'] },
      );
      expect(result.compliant).toBe(true);
      expect(result.roles.map(r => [r.role, r.required, r.status])).toEqual([
        ['business', false, 'missing'],
        ['product', false, 'missing'],
        ['engineering', true, 'ok'],
      ]);
    });

    it('does not apply to kinds or types outside appliesTo', () => {
      const policy: OwnershipPolicy = {
        ...DEFAULT_OWNERSHIP_POLICY,
        appliesTo: [{ kind: 'component', types: ['service'] }],
      };
      const website = evaluate(
        component('site', { type: 'website' }),
        [],
        policy,
      );
      expect(website.applies).toBe(false);
      expect(website.compliant).toBe(true);
      expect(website.roles.every(r => !r.required)).toBe(true);
      expect(
        evaluate(component('svc', { type: 'service' }), [], policy).applies,
      ).toBe(true);
    });
  });

  it('resolves spec.owner beside the roles', () => {
    const result = evaluate(component('c', { owner: 'payments' }));
    expect(result.specOwner).toEqual({
      entityRef: 'group:default/payments',
      owner: expect.objectContaining({ displayName: 'Team payments' }),
    });
    expect(evaluate(component('d', { owner: 'group:x/y' })).specOwner).toEqual({
      entityRef: 'group:x/y',
    });
  });
});
