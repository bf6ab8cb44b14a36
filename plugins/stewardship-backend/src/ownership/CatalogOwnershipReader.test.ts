/*
 * The entity tab's read path: for every entity of a catalog shaped as the catalog serves it
 * (relations stitched from `spec.system` and `spec.domain`), evaluating one entity through catalog
 * requests gives exactly what evaluating it against the whole catalog in memory gives, in two
 * dependent requests — the floor: the entity, then its owners — and a third when the owners have
 * members or groups, to learn which of those exist.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EntityOwnership,
  OwnershipRole,
  OwnershipStatus,
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
import {
  CatalogOwnershipReader,
  evaluateCatalogEntities,
} from './CatalogOwnershipReader';
import { DEFAULT_OWNERSHIP_POLICY } from './OwnershipPolicy';

/** Adds the partOf / hasPart relations the catalog's processors emit for spec.system and spec.domain. */
function stitched(entities: Entity[]): Entity[] {
  const copies = entities.map(e => ({
    ...e,
    relations: [...(e.relations ?? [])],
  }));
  const byRef = new Map(copies.map(e => [stringifyEntityRef(e), e]));
  for (const entity of copies) {
    for (const [field, kind] of [
      ['system', 'system'],
      ['domain', 'domain'],
    ] as const) {
      const value = entity.spec?.[field];
      if (typeof value !== 'string') continue;
      const parentRef = stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: kind,
          defaultNamespace: 'default',
        }),
      );
      entity.relations.push({ type: 'partOf', targetRef: parentRef });
      byRef.get(parentRef)?.relations.push({
        type: 'hasPart',
        targetRef: stringifyEntityRef(entity),
      });
    }
  }
  return copies;
}

const catalog: Entity[] = stitched([
  group('payments', ['user:default/jane']),
  group('empty', []),
  user('jane', ['group:default/payments'], { displayName: 'Jane Doe' }),
  user('leaver', []),
  domain('commerce', {
    annotations: {
      [ROLE_ANNOTATIONS.business]: 'group:default/payments',
      [ROLE_ANNOTATIONS.product]: 'User:Default/Jane',
    },
  }),
  domain('platform'),
  system('shop', {
    domain: 'commerce',
    annotations: { [ROLE_ANNOTATIONS.engineering]: 'user:default/leaver' },
  }),
  system('tools', { domain: 'platform' }),
  // Inherits business and product from the domain, engineering from the system.
  component('cart', { system: 'shop', owner: 'payments' }),
  // Own annotations, one naming nobody in the catalog, one a list.
  component('checkout', {
    system: 'shop',
    annotations: {
      ...allRoles('group:default/empty'),
      [ROLE_ANNOTATIONS.product]: 'user:default/ghost',
      [ROLE_ANNOTATIONS.business]: 'user:default/jane, user:default/leaver',
    },
  }),
  component('cli', { system: 'tools', owner: 'user:default/jane' }),
  component('loner', { owner: 'group:default/empty' }),
  component('payments-api', { kind: 'API', system: 'shop' }),
  // Links the catalog keeps to entities it no longer has: a deleted user, a deleted group.
  group('ghosts', ['user:default/gone']),
  user('wanderer', ['group:default/gone-team']),
  component('haunted', {
    owner: 'ghosts',
    annotations: {
      [ROLE_ANNOTATIONS.business]: 'group:default/ghosts',
      [ROLE_ANNOTATIONS.product]: 'user:default/wanderer',
      [ROLE_ANNOTATIONS.engineering]: 'group:default/payments',
    },
  }),
]);

type Statuses = Record<OwnershipRole, OwnershipStatus>;

/**
 * Every covered entity of `catalog` (users and groups are not) with its role statuses, worked
 * out by hand from the fixture: a role is its own annotation, else its system's, else its
 * domain's. payments has 1 member and jane is in 1 group (staffed); empty has 0 members and
 * leaver is in 0 groups (orphaned); ghost is not in the catalog (unresolved); ghosts' only member
 * and wanderer's only group are not in the catalog (orphaned).
 */
const STATUSES: Record<string, Statuses> = {
  // No parents. business: payments → ok; product: User:Default/Jane, jane in any case → ok;
  // engineering: declared nowhere → missing.
  'domain:default/commerce': {
    business: 'ok',
    product: 'ok',
    engineering: 'missing',
  },
  // No annotations, no parents.
  'domain:default/platform': {
    business: 'missing',
    product: 'missing',
    engineering: 'missing',
  },
  // business and product from commerce; engineering its own, leaver → orphaned.
  'system:default/shop': {
    business: 'ok',
    product: 'ok',
    engineering: 'orphaned',
  },
  // Nothing on it nor on platform.
  'system:default/tools': {
    business: 'missing',
    product: 'missing',
    engineering: 'missing',
  },
  // Nothing of its own: business and product from commerce, engineering from shop (leaver).
  'component:default/cart': {
    business: 'ok',
    product: 'ok',
    engineering: 'orphaned',
  },
  // Its own, winning over shop's and commerce's: business a list of two → invalid; product
  // ghost → unresolved; engineering the empty group → orphaned.
  'component:default/checkout': {
    business: 'invalid',
    product: 'unresolved',
    engineering: 'orphaned',
  },
  // spec.owner is no role; tools and platform declare nothing.
  'component:default/cli': {
    business: 'missing',
    product: 'missing',
    engineering: 'missing',
  },
  // No system, no annotations; spec.owner is no role.
  'component:default/loner': {
    business: 'missing',
    product: 'missing',
    engineering: 'missing',
  },
  // As cart: through shop and commerce.
  'api:default/payments-api': {
    business: 'ok',
    product: 'ok',
    engineering: 'orphaned',
  },
  // Its own: ghosts (member gone) and wanderer (group gone) → orphaned; payments → ok.
  'component:default/haunted': {
    business: 'orphaned',
    product: 'orphaned',
    engineering: 'ok',
  },
};

/**
 * The entities among some of whose owners (the users and groups named on it, its system or its
 * domain, and its spec.owner) one has members or groups: payments, jane, ghosts or wanderer.
 * Only these need the third request; platform, tools and loner name none of them (team-a is not
 * in the catalog, empty and leaver have no links).
 */
const READS_LINKS = new Set([
  'domain:default/commerce',
  'system:default/shop',
  'component:default/cart',
  'component:default/checkout',
  'component:default/cli',
  'api:default/payments-api',
  'component:default/haunted',
]);

const statusesOf = (ownership: EntityOwnership) =>
  Object.fromEntries(ownership.roles.map(r => [r.role, r.status]));

/** The catalog, counting the requests made to it. */
function countingCatalog(entities: Entity[]) {
  const inner = catalogServiceMock({ entities });
  const calls: string[] = [];
  const counted = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return value.apply(target, args);
      };
    },
  }) as CatalogService;
  return { catalog: counted, calls };
}

const credentials = mockCredentials.user('user:default/jane');
/** The reference: each covered entity evaluated against the whole catalog held in memory. */
const expectedFor = (entities: Entity[]) =>
  new Map(
    evaluateCatalogEntities(entities, DEFAULT_OWNERSHIP_POLICY).map(e => [
      e.entityRef,
      e,
    ]),
  );

describe('CatalogOwnershipReader.evaluateEntity', () => {
  const expected = expectedFor(catalog);

  it('covers the entities of the hand-worked table, with its statuses, in memory', () => {
    expect(
      Object.fromEntries(
        [...expected].map(([entityRef, e]) => [entityRef, statusesOf(e)]),
      ),
    ).toEqual(STATUSES);
  });

  it.each(Object.entries(STATUSES))(
    'evaluates %s as the whole-catalog evaluation does, in two or three catalog requests',
    async (entityRef, statuses) => {
      const { catalog: counted, calls } = countingCatalog(catalog);
      const reader = new CatalogOwnershipReader(
        counted,
        DEFAULT_OWNERSHIP_POLICY,
      );
      const result = await reader.evaluateEntity(
        parseEntityRef(entityRef),
        credentials,
      );
      expect(statusesOf(result)).toEqual(statuses);
      expect(result).toEqual(expected.get(entityRef));
      expect(calls).toEqual(
        READS_LINKS.has(entityRef)
          ? ['getEntities', 'getEntitiesByRefs', 'getEntitiesByRefs']
          : ['getEntities', 'getEntitiesByRefs'],
      );
    },
  );

  it.each(Object.keys(STATUSES))(
    'with the plugin’s own credentials, evaluates %s alike and asks them only for refs the catalog lacks',
    async entityRef => {
      const inner = catalogServiceMock({ entities: catalog });
      const own = mockCredentials.service('plugin:stewardship');
      const askedWithOwn: string[] = [];
      const spied = new Proxy(inner, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          return (request: any, options: any) => {
            if (options?.credentials === own && request?.fields?.length !== 1) {
              askedWithOwn.push(...(request.entityRefs ?? [request]));
            }
            return value.call(target, request, options);
          };
        },
      }) as CatalogService;
      const reader = new CatalogOwnershipReader(
        spied,
        DEFAULT_OWNERSHIP_POLICY,
        { getOwnServiceCredentials: async () => own },
      );
      const result = await reader.evaluateEntity(
        parseEntityRef(entityRef),
        credentials,
      );
      expect(result).toEqual(expected.get(entityRef));
      // The caller sees the whole catalog: only refs to entities it does not hold are asked
      // for again (the existence of members, asked for keys only, aside).
      const held = new Set(catalog.map(e => stringifyEntityRef(e)));
      expect(askedWithOwn.filter(ref => held.has(ref))).toEqual([]);
      // A gone owner is asked for.
      expect(askedWithOwn.length).toBeGreaterThanOrEqual(
        result.roles.some(r => r.status === 'unresolved') ? 1 : 0,
      );
    },
  );

  it('counts only the members and groups the catalog still has', async () => {
    const { catalog: counted } = countingCatalog(catalog);
    const reader = new CatalogOwnershipReader(
      counted,
      DEFAULT_OWNERSHIP_POLICY,
    );
    const haunted = await reader.evaluateEntity(
      { kind: 'component', namespace: 'default', name: 'haunted' },
      credentials,
    );
    expect(
      haunted.roles.map(r => [
        r.role,
        r.owner?.memberCount ?? r.owner?.groupCount,
      ]),
    ).toEqual([
      ['business', 0],
      ['product', 0],
      ['engineering', 1],
    ]);
    expect(haunted.specOwner?.owner?.memberCount).toBe(0);
  });

  it('reads the members of a large group in bounded requests side by side', async () => {
    const members = Array.from(
      { length: 501 },
      (_, i) => `user:default/member-${i}`,
    );
    const entities = [
      group('crowd', members),
      // Only the last member, beyond the first 500 refs, is still in the catalog.
      user('member-500', ['group:default/crowd']),
      component('popular', { annotations: allRoles('group:default/crowd') }),
    ];
    const { catalog: counted, calls } = countingCatalog(entities);
    const reader = new CatalogOwnershipReader(
      counted,
      DEFAULT_OWNERSHIP_POLICY,
    );
    const popular = await reader.evaluateEntity(
      { kind: 'component', namespace: 'default', name: 'popular' },
      credentials,
    );
    expect(popular.roles.map(r => [r.status, r.owner?.memberCount])).toEqual([
      ['ok', 1],
      ['ok', 1],
      ['ok', 1],
    ]);
    expect(calls).toEqual([
      'getEntities',
      'getEntitiesByRefs',
      'getEntitiesByRefs',
      'getEntitiesByRefs',
    ]);
  });

  it('resolves the inherited roles of a component through its system and domain', async () => {
    const { catalog: counted } = countingCatalog(catalog);
    const reader = new CatalogOwnershipReader(
      counted,
      DEFAULT_OWNERSHIP_POLICY,
    );
    const cart = await reader.evaluateEntity(
      { kind: 'component', namespace: 'default', name: 'cart' },
      credentials,
    );
    expect(cart.system).toBe('system:default/shop');
    expect(cart.domain).toBe('domain:default/commerce');
    expect(
      cart.roles.map(r => [r.role, r.status, r.source?.entityRef]),
    ).toEqual([
      ['business', 'ok', 'domain:default/commerce'],
      ['product', 'ok', 'domain:default/commerce'],
      ['engineering', 'orphaned', 'system:default/shop'],
    ]);
    expect(cart.specOwner?.owner?.memberCount).toBe(1);
  });

  it('reads a system the catalog has not related to the entity by ref, with the same result', async () => {
    // The system exists but its hasPart relation is not stitched yet.
    const unstitched = catalog.map(e =>
      e.metadata.name === 'shop'
        ? {
            ...e,
            relations: e.relations!.filter(r => r.type !== 'hasPart'),
          }
        : e,
    );
    const { catalog: counted, calls } = countingCatalog(unstitched);
    const reader = new CatalogOwnershipReader(
      counted,
      DEFAULT_OWNERSHIP_POLICY,
    );
    const cart = await reader.evaluateEntity(
      { kind: 'component', namespace: 'default', name: 'cart' },
      credentials,
    );
    expect(statusesOf(cart)).toEqual(STATUSES['component:default/cart']);
    expect(cart).toEqual(expectedFor(unstitched).get('component:default/cart'));
    expect(calls).toEqual([
      'getEntities',
      'getEntityByRef',
      'getEntitiesByRefs',
      'getEntitiesByRefs',
    ]);
  });

  it('reports a system missing from the catalog as before', async () => {
    const entities = [
      ...catalog,
      component('stray', { system: 'gone', owner: 'payments' }),
    ];
    const { catalog: counted } = countingCatalog(entities);
    const reader = new CatalogOwnershipReader(
      counted,
      DEFAULT_OWNERSHIP_POLICY,
    );
    const stray = await reader.evaluateEntity(
      { kind: 'component', namespace: 'default', name: 'stray' },
      credentials,
    );
    // No annotations, and a system absent from the catalog has none to inherit.
    expect(statusesOf(stray)).toEqual({
      business: 'missing',
      product: 'missing',
      engineering: 'missing',
    });
    expect(stray).toEqual(expectedFor(entities).get('component:default/stray'));
    expect(stray.system).toBe('system:default/gone');
    expect(stray.domain).toBeUndefined();
  });

  it('answers NotFoundError for an entity not in the catalog, after one request', async () => {
    const { catalog: counted, calls } = countingCatalog(catalog);
    const reader = new CatalogOwnershipReader(
      counted,
      DEFAULT_OWNERSHIP_POLICY,
    );
    await expect(
      reader.evaluateEntity(
        { kind: 'component', namespace: 'default', name: 'nope' },
        credentials,
      ),
    ).rejects.toThrow(NotFoundError);
    expect(calls).toEqual(['getEntities']);
  });
});

describe('CatalogOwnershipReader.evaluateCatalog', () => {
  it('evaluates every covered entity as the in-memory evaluation of whole entities does', async () => {
    const inner = catalogServiceMock({ entities: catalog });
    const requests: Array<{ kinds: string[]; fields?: string[] }> = [];
    const recording: CatalogService = {
      ...inner,
      streamEntities(request, options) {
        requests.push({
          kinds: (request?.filter as { kind: string[] }).kind,
          fields: request?.fields,
        });
        return inner.streamEntities(request, options);
      },
      // Which of the links the read did not return exist (the ghosts' missing members).
      getEntitiesByRefs: (request, options) =>
        inner.getEntitiesByRefs(request, options),
    };
    const reader = new CatalogOwnershipReader(
      recording,
      DEFAULT_OWNERSHIP_POLICY,
    );

    const result = await reader.evaluateCatalog(credentials);

    // Group membership lives only in relations here, so the owners' read must carry them.
    const expected = expectedFor(catalog);
    expect(new Map(result.map(e => [e.entityRef, e]))).toEqual(expected);
    expect(
      Object.fromEntries(result.map(e => [e.entityRef, statusesOf(e)])),
    ).toEqual(STATUSES);
    // Relations (most of an entity's size) are read for users and groups only.
    expect(requests).toHaveLength(2);
    const owners = requests.find(r => r.kinds.includes('user'))!;
    const others = requests.find(r => r.kinds.includes('component'))!;
    expect(owners.kinds.sort()).toEqual(['group', 'user']);
    expect(owners.fields).toContain('relations');
    expect(others.kinds.sort()).toEqual([
      'api',
      'component',
      'domain',
      'system',
    ]);
    expect(others.fields).not.toContain('relations');
  });

  it('with the plugin’s own credentials, evaluates alike and asks them only for refs the catalog lacks', async () => {
    const inner = catalogServiceMock({ entities: catalog });
    const own = mockCredentials.service('plugin:stewardship');
    const askedWithOwn: string[] = [];
    const recording: CatalogService = {
      ...inner,
      streamEntities: (request, options) =>
        inner.streamEntities(request, options),
      getEntitiesByRefs(request, options) {
        if (options?.credentials === own && request.fields?.length !== 1) {
          askedWithOwn.push(...request.entityRefs);
        }
        return inner.getEntitiesByRefs(request, options);
      },
    };
    const reader = new CatalogOwnershipReader(
      recording,
      DEFAULT_OWNERSHIP_POLICY,
      { getOwnServiceCredentials: async () => own },
    );

    const result = await reader.evaluateCatalog(credentials);

    expect(new Map(result.map(e => [e.entityRef, e]))).toEqual(
      expectedFor(catalog),
    );
    // The caller sees the whole catalog: only the refs it lacks (checkout's ghost, the spec
    // owners that are gone) are asked for again.
    const held = new Set(catalog.map(e => stringifyEntityRef(e)));
    expect(askedWithOwn.length).toBeGreaterThan(0);
    expect(askedWithOwn.filter(ref => held.has(ref))).toEqual([]);
  });
});
