import {
  EntityOwnership,
  OwnershipRole,
  OwnershipStatus,
  RoleEvaluation,
  applyExemptions,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  allRoles,
  component,
  domain,
  group,
  ROLE_ANNOTATIONS,
  system,
  user,
} from '../__testUtils__/entities';
import { evaluateCatalogEntities } from './CatalogOwnershipReader';
import { buildScorecard } from './buildScorecard';
import { DEFAULT_OWNERSHIP_POLICY } from './OwnershipPolicy';

const catalog = [
  group('payments', ['user:default/jane']),
  group('web', ['user:default/jane']),
  user('jane', ['group:default/payments']),
  domain('commerce', { annotations: allRoles('group:default/payments') }),
  system('shop', { domain: 'commerce' }),
  system('legacy'),
  component('cart', { system: 'shop', owner: 'group:default/web' }),
  component('checkout', {
    system: 'shop',
    annotations: { [ROLE_ANNOTATIONS.product]: 'user:default/ghost' },
  }),
  component('mainframe', { system: 'legacy' }),
  component('site', {
    type: 'website',
    system: 'legacy',
    owner: 'group:default/web',
  }),
];
const evaluations = evaluateCatalogEntities(catalog, DEFAULT_OWNERSHIP_POLICY);
const all = { filter: {}, offset: 0, limit: 50 };

describe('buildScorecard', () => {
  it('counts every role and status across covered entities', () => {
    const { summary } = buildScorecard(evaluations, all, []);
    // commerce, shop, legacy, cart, checkout, mainframe, site (users and groups are not covered)
    expect(summary.entities).toBe(7);
    // commerce, shop and cart inherit everything; checkout's product owner is unresolved.
    expect(summary.compliant).toBe(3);
    expect(summary.roles.business).toEqual({
      ok: 4,
      missing: 3,
      unresolved: 0,
      invalid: 0,
      orphaned: 0,
      exempt: 0,
    });
    expect(summary.roles.product).toMatchObject({
      ok: 3,
      missing: 3,
      unresolved: 1,
    });
  });

  it('counts exempt roles apart, and an exempt role is no problem of a failing entity', () => {
    const at = new Date('2026-11-15T00:00:00Z');
    const exemption = (entityRef: string, role: OwnershipRole) => ({
      id: `${entityRef}-${role}`,
      entityRef,
      role,
      reason: 'reorganisation',
      grantedBy: 'user:default/jane',
      grantedAt: '2026-11-01T00:00:00.000Z',
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    const exemptions = [
      // checkout: only product fails (unresolved) → compliant once exempt.
      exemption('component:default/checkout', 'product'),
      // mainframe: business exempt, the other roles still missing.
      exemption('component:default/mainframe', 'business'),
    ];
    const exempted = evaluations.map(e => applyExemptions(e, exemptions, at));
    const { summary, failing } = buildScorecard(exempted, all, []);
    expect(summary.compliant).toBe(4);
    expect(summary.roles.product).toMatchObject({
      ok: 3,
      missing: 3,
      unresolved: 0,
      exempt: 1,
    });
    expect(summary.roles.business).toMatchObject({
      ok: 4,
      missing: 2,
      exempt: 1,
    });
    const mainframe = failing.items.find(
      i => i.entityRef === 'component:default/mainframe',
    );
    expect(mainframe?.problems.map(p => p.role)).toEqual([
      'product',
      'engineering',
    ]);
  });

  it('pages failing entities worst first', () => {
    const first = buildScorecard(evaluations, { ...all, limit: 2 }, []);
    expect(first.failing.totalCount).toBe(4);
    expect(first.failing.items.map(i => i.entityRef)).toEqual([
      'component:default/mainframe',
      'component:default/site',
    ]);
    const last = buildScorecard(
      evaluations,
      { ...all, offset: 3, limit: 2 },
      [],
    );
    expect(last.failing.items.map(i => i.entityRef)).toEqual([
      'component:default/checkout',
    ]);
    expect(last.failing.items[0].problems).toEqual([
      expect.objectContaining({ role: 'product', status: 'unresolved' }),
    ]);
  });

  it('filters by kind, type, owner, system, domain, status and role', () => {
    const count = (filter: object) =>
      buildScorecard(evaluations, { ...all, filter }, []).summary.entities;
    expect(count({ kind: 'system' })).toBe(2);
    expect(count({ type: 'website' })).toBe(1);
    expect(count({ owner: 'group:default/web' })).toBe(2);
    // shop itself, cart and checkout.
    expect(count({ system: 'system:default/shop' })).toBe(3);
    // commerce itself, shop, cart and checkout.
    expect(count({ domain: 'domain:default/commerce' })).toBe(4);
    expect(count({ status: 'unresolved' })).toBe(1);
    expect(count({ status: 'unresolved', role: 'business' })).toBe(0);
    // legacy, mainframe and site.
    expect(count({ role: 'product', status: 'missing' })).toBe(3);
  });

  it('counts a system in its own system and a domain in its own domain', () => {
    const refsIn = (filter: object) =>
      buildScorecard(evaluations, { ...all, filter }, [])
        .failing.items.map(i => i.entityRef)
        .sort();
    const summaryOf = (filter: object) => {
      const { summary } = buildScorecard(evaluations, { ...all, filter }, []);
      return [summary.entities, summary.compliant];
    };
    // legacy (all missing), mainframe and site: 3 entities, none compliant.
    expect(summaryOf({ system: 'legacy' })).toEqual([3, 0]);
    expect(refsIn({ system: 'legacy' })).toEqual([
      'component:default/mainframe',
      'component:default/site',
      'system:default/legacy',
    ]);
    // shop and cart inherit commerce's roles, checkout's product owner is unresolved.
    expect(summaryOf({ system: 'shop' })).toEqual([3, 2]);
    // commerce, shop, cart compliant; checkout not.
    expect(summaryOf({ domain: 'commerce' })).toEqual([4, 3]);
    // A domain belongs to no system.
    expect(summaryOf({ kind: 'domain', system: 'shop' })).toEqual([0, 0]);
  });

  it('keeps, for a role alone, the entities that fail that role', () => {
    const refsFailing = (filter: object) => {
      const scorecard = buildScorecard(evaluations, { ...all, filter }, []);
      return [
        scorecard.summary.entities,
        scorecard.failing.items.map(i => i.entityRef).sort(),
      ];
    };
    // Business owner: commerce's, inherited by shop, cart and checkout; missing on the rest.
    expect(refsFailing({ role: 'business' })).toEqual([
      3,
      [
        'component:default/mainframe',
        'component:default/site',
        'system:default/legacy',
      ],
    ]);
    // Product owner: also checkout, whose own is unresolved.
    expect(refsFailing({ role: 'product' })).toEqual([
      4,
      [
        'component:default/checkout',
        'component:default/mainframe',
        'component:default/site',
        'system:default/legacy',
      ],
    ]);
    // With a status, that role with that status, as before.
    expect(refsFailing({ role: 'product', status: 'unresolved' })).toEqual([
      1,
      ['component:default/checkout'],
    ]);
  });

  it('counts an exempt role as met for a role alone', () => {
    const exempted = evaluations.map(e =>
      applyExemptions(
        e,
        [
          {
            id: 'x',
            entityRef: 'component:default/mainframe',
            role: 'business',
            reason: 'reorganisation',
            grantedBy: 'user:default/jane',
            grantedAt: '2026-11-01T00:00:00.000Z',
            expiresAt: '2026-12-01T00:00:00.000Z',
          },
        ],
        new Date('2026-11-15T00:00:00Z'),
      ),
    );
    const { summary, failing } = buildScorecard(
      exempted,
      { ...all, filter: { role: 'business' } },
      [],
    );
    // legacy and site; mainframe's business owner is exempt.
    expect(summary.entities).toBe(2);
    expect(failing.items.map(i => i.entityRef).sort()).toEqual([
      'component:default/site',
      'system:default/legacy',
    ]);
  });

  it('compares ref filters as the catalog does: any case, short forms', () => {
    const count = (filter: object) =>
      buildScorecard(evaluations, { ...all, filter }, []).summary.entities;
    expect(count({ owner: 'Group:Default/Web' })).toBe(2);
    expect(count({ owner: 'web' })).toBe(2);
    expect(count({ system: 'Shop' })).toBe(3);
    expect(count({ system: 'system:default/SHOP' })).toBe(3);
    expect(count({ domain: 'Domain:Commerce' })).toBe(4);
    expect(count({ owner: 'user:default/web' })).toBe(0);
    expect(() => count({ system: 'no such/system/ref' })).toThrow(
      'The system filter "no such/system/ref" is not an entity ref',
    );
  });

  it('groups by owner, system, domain and kind, least covered first', () => {
    const bySystem = buildScorecard(
      evaluations,
      { ...all, groupBy: 'system' },
      [],
    );
    // Each system with its own entity: legacy + mainframe + site (0 of 3), shop + cart +
    // checkout (2 of 3); only the domain commerce is in no system (1 of 1).
    expect(bySystem.groups?.map(g => [g.key, g.entities, g.compliant])).toEqual(
      [
        ['system:default/legacy', 3, 0],
        ['system:default/shop', 3, 2],
        ['none', 1, 1],
      ],
    );
    const byKind = buildScorecard(evaluations, { ...all, groupBy: 'kind' }, []);
    expect(byKind.groups?.map(g => g.key).sort()).toEqual([
      'component',
      'domain',
      'system',
    ]);
    const byDomain = buildScorecard(
      evaluations,
      { ...all, groupBy: 'domain' },
      [],
    );
    // commerce itself, shop, cart, checkout (3 of 4 compliant); legacy, mainframe, site (0 of 3).
    expect(byDomain.groups?.map(g => [g.key, g.entities, g.compliant])).toEqual(
      [
        ['none', 3, 0],
        ['domain:default/commerce', 4, 3],
      ],
    );
    const byOwner = buildScorecard(
      evaluations,
      { ...all, groupBy: 'owner' },
      [],
    );
    expect(
      byOwner.groups?.find(g => g.key === 'group:default/web')?.entities,
    ).toBe(2);
  });

  it('passes the trend through and stamps the time', () => {
    const trend = [
      {
        day: '2026-11-21',
        entities: 7,
        compliant: 2,
        roleOk: { business: 3, product: 3, engineering: 3 },
      },
    ];
    const now = new Date('2026-11-22T10:00:00Z');
    const scorecard = buildScorecard(evaluations, all, trend, now);
    expect(scorecard.trend).toBe(trend);
    expect(scorecard.generatedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(scorecard.evaluatedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(scorecard.ageSeconds).toBe(0);
  });

  it('says how old a reused evaluation is, in whole seconds', () => {
    const scorecard = buildScorecard(
      evaluations,
      all,
      [],
      new Date('2026-11-22T10:00:41.900Z'),
      new Date('2026-11-22T10:00:01.950Z'),
    );
    expect(scorecard.evaluatedAt).toBe('2026-11-22T10:00:01.950Z');
    // 39.95 s: not yet 40 seconds old.
    expect(scorecard.ageSeconds).toBe(39);
  });

  it('never says a negative age (an evaluation stamped after now by a clock ahead)', () => {
    // evaluatedAt 5 s after now: max(0, floor(−5)) = 0.
    const scorecard = buildScorecard(
      evaluations,
      all,
      [],
      new Date('2026-11-22T10:00:00.000Z'),
      new Date('2026-11-22T10:00:05.000Z'),
    );
    expect(scorecard.ageSeconds).toBe(0);
  });

  describe('with hand-built evaluations', () => {
    const role = (
      name: OwnershipRole,
      status: OwnershipStatus,
      extra: Partial<RoleEvaluation> = {},
    ): RoleEvaluation => ({
      role: name,
      required: true,
      status,
      annotation: `example.com/${name}`,
      ...extra,
    });
    const entity = (
      name: string,
      roles: RoleEvaluation[],
      extra: Partial<EntityOwnership> = {},
    ): EntityOwnership => ({
      entityRef: `component:default/${name}`,
      kind: 'Component',
      namespace: 'default',
      name,
      applies: true,
      compliant: roles.every(
        r => !r.required || r.status === 'ok' || r.status === 'exempt',
      ),
      roles,
      ...extra,
    });

    it('counts the attestations of held (ok) roles only', () => {
      // Every role arrives with an attestation state (none without one), also missing and
      // invalid ones, which nobody holds and so nobody could confirm:
      //   business:    a ok current, b ok none        → current 1, none 1
      //   product:     a missing none, b ok current   → current 1 (a's none not counted)
      //   engineering: a ok stale, b invalid none     → stale 1 (b's none not counted)
      const { summary } = buildScorecard(
        [
          entity('a', [
            role('business', 'ok', { attestation: { state: 'current' } }),
            role('product', 'missing', { attestation: { state: 'none' } }),
            role('engineering', 'ok', { attestation: { state: 'stale' } }),
          ]),
          entity('b', [
            role('business', 'ok', { attestation: { state: 'none' } }),
            role('product', 'ok', { attestation: { state: 'current' } }),
            role('engineering', 'invalid', { attestation: { state: 'none' } }),
          ]),
        ],
        all,
        [],
      );
      expect(summary.attestations).toEqual({
        business: { current: 1, stale: 0, none: 1 },
        product: { current: 1, stale: 0, none: 0 },
        engineering: { current: 0, stale: 1, none: 0 },
      });
    });

    it('leaves out entities the policy does not cover, and lists only required roles as problems', () => {
      // uncovered: applies false (compliant by definition), every role missing: not counted.
      // d: business missing (required), product missing (not required), engineering ok:
      //    1 entity, 0 compliant, one problem: business.
      const { summary, failing } = buildScorecard(
        [
          entity(
            'uncovered',
            [
              role('business', 'missing', { required: false }),
              role('product', 'missing', { required: false }),
              role('engineering', 'missing', { required: false }),
            ],
            { applies: false, compliant: true },
          ),
          entity('d', [
            role('business', 'missing'),
            role('product', 'missing', { required: false }),
            role('engineering', 'ok'),
          ]),
        ],
        all,
        [],
      );
      expect(summary.entities).toBe(1);
      expect(summary.compliant).toBe(0);
      expect(failing.totalCount).toBe(1);
      expect(failing.items[0].problems.map(p => p.role)).toEqual(['business']);
    });

    it('keeps, for a role alone, only entities that role is a problem for (required)', () => {
      // d: product missing but not required → not failing product; e: product required, missing.
      const evaluated = [
        entity('d', [
          role('business', 'ok'),
          role('product', 'missing', { required: false }),
          role('engineering', 'ok'),
        ]),
        entity('e', [
          role('business', 'ok'),
          role('product', 'missing'),
          role('engineering', 'ok'),
        ]),
      ];
      const { summary, failing } = buildScorecard(
        evaluated,
        { ...all, filter: { role: 'product' } },
        [],
      );
      expect(summary.entities).toBe(1);
      expect(failing.items.map(i => i.entityRef)).toEqual([
        'component:default/e',
      ]);
    });

    it('puts a system whose name has capitals in the same group as its parts', () => {
      // The catalog keeps the name's case in the entity's own ref; the parts' system ref is
      // lower case. Storefront (compliant) and web (not): one group, 1 of 2.
      const evaluated = [
        entity('Storefront', [role('business', 'ok')], {
          entityRef: 'system:default/Storefront',
          kind: 'System',
        }),
        entity('web', [role('business', 'missing')], {
          system: 'system:default/storefront',
        }),
      ];
      const bySystem = buildScorecard(
        evaluated,
        { ...all, filter: { system: 'storefront' }, groupBy: 'system' },
        [],
      );
      expect(bySystem.summary.entities).toBe(2);
      expect(
        bySystem.groups?.map(g => [g.key, g.entities, g.compliant]),
      ).toEqual([['system:default/storefront', 2, 1]]);
    });
  });
});
