/*
 * Ownership through Backstage's real parts: the catalog backend ingesting a file, the permission
 * backend with a policy, real tokens. Three things only the real catalog shows:
 *
 * - it keeps a relation to an entity it does not have (a group's spec.members naming a deleted
 *   user, a user's spec.memberOf naming a deleted group), so a group staffed only by a missing
 *   user, and a user whose only group is missing, must be orphaned, on the entity route and on
 *   the scorecard alike;
 * - a user the policy denies catalog reads gets a scorecard that says so, not one that passes
 *   for a catalog with nothing in scope;
 * - a user the catalog hides owners or systems from gets the statuses everyone gets, with only
 *   the hidden owners' refs, kinds and counts.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import request from 'supertest';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { startRealCatalogBackend } from '../__testUtils__/realCatalogBackend';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const openApi = loadOpenApiValidator();

const SERVICE_TOKEN = 'real-catalog-ownership-token-0123';
const service = `Bearer ${SERVICE_TOKEN}`;

/**
 * What users may read of the catalog: nothing, or everything but User entities (a privacy
 * rule), or everything but users and systems; everything else is allowed (services are never
 * asked). A test sets it.
 */
let usersRead: 'nothing' | 'all but users' | 'all but users and systems' =
  'nothing';
const usersReadPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'users-read',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(query, user) {
            if (
              user &&
              isPermission(query.permission, catalogEntityReadPermission)
            ) {
              return usersRead === 'nothing'
                ? { result: AuthorizeResult.DENY }
                : createCatalogConditionalDecision(
                    catalogEntityReadPermission,
                    {
                      not: catalogConditions.isEntityKind({
                        kinds:
                          usersRead === 'all but users'
                            ? ['user']
                            : ['user', 'system'],
                      }),
                    },
                  );
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const user = (
  name: string,
  memberOf: string[],
  profile?: { displayName: string; email: string },
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: { memberOf, ...(profile && { profile }) },
});
const group = (name: string, members: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [], members },
});
const component = (
  name: string,
  owners: { business: string; product: string; engineering: string },
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'stewardship.io/business-owner': owners.business,
      'stewardship.io/product-owner': owners.product,
      'stewardship.io/engineering-owner': owners.engineering,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: owners.business },
});

/*
 * No user `gone` and no group `gone-team`: ghosts' only member and wanderer's only group are
 * missing. present (in haunts) and jane (in team-a) exist on both sides. vaulted declares no
 * role: it inherits all three from its system, vault.
 */
const entities = [
  user('jane', ['team-a'], {
    displayName: 'Jane Doe',
    email: 'jane@example.com',
  }),
  user('present', []),
  user('wanderer', ['gone-team']),
  group('team-a', []),
  group('ghosts', ['gone']),
  group('haunts', ['present']),
  component('haunted', {
    business: 'group:default/ghosts',
    product: 'user:default/wanderer',
    engineering: 'group:default/haunts',
  }),
  component('staffed', {
    business: 'user:default/jane',
    product: 'group:default/team-a',
    engineering: 'user:default/present',
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'vault',
      annotations: {
        'stewardship.io/business-owner': 'group:default/haunts',
        'stewardship.io/product-owner': 'user:default/present',
        'stewardship.io/engineering-owner': 'group:default/team-a',
      },
    },
    spec: { owner: 'group:default/haunts' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'vaulted' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
      system: 'vault',
    },
  },
];

type Role = {
  role: string;
  status: string;
  owner?: { memberCount?: number; groupCount?: number };
};
const rolesOf = (body: { roles: Role[] }) =>
  body.roles.map(r => [
    r.role,
    r.status,
    r.owner?.memberCount ?? r.owner?.groupCount,
  ]);

describe('ownership with the real catalog, permission and auth backends', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startRealCatalogBackend({
      database: testDatabase,
      policy: usersReadPolicy,
      entities,
      kinds: ['Component', 'User', 'Group', 'System'],
      serviceToken: SERVICE_TOKEN,
      stewardship: { ownership: { cacheTtl: '0s' } },
    }));

    // The catalog ingests and stitches in the background: wait until every entity is served
    // with the membership relations this test is about (both sides of each link).
    const linked = (e: any, type: string, target: string) =>
      (e.relations ?? []).some(
        (r: any) => r.type === type && r.targetRef === target,
      );
    for (const started = Date.now(); ; ) {
      const res = await request(server)
        .get(
          '/api/catalog/entities/by-query?filter=kind=user&filter=kind=group&filter=kind=component&filter=kind=system',
        )
        .set('Authorization', service);
      const byName = new Map<string, any>(
        (res.body.items ?? []).map((e: any) => [e.metadata.name, e]),
      );
      if (
        byName.size === entities.length &&
        linked(byName.get('ghosts'), 'hasMember', 'user:default/gone') &&
        linked(byName.get('haunts'), 'hasMember', 'user:default/present') &&
        linked(byName.get('wanderer'), 'memberOf', 'group:default/gone-team') &&
        linked(byName.get('jane'), 'memberOf', 'group:default/team-a') &&
        linked(byName.get('team-a'), 'hasMember', 'user:default/jane')
      ) {
        break;
      }
      if (Date.now() - started > 30_000) throw new Error('catalog not ready');
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }, 60_000);

  it('orphans a group whose only member is missing and a user whose only group is missing, on the entity route', async () => {
    const haunted = await request(server)
      .get('/api/stewardship/entities/component/default/haunted/ownership')
      .set('Authorization', service);
    expect(haunted.status).toBe(200);
    openApi.assertMatches('EntityOwnership', haunted.body);
    expect(rolesOf(haunted.body)).toEqual([
      ['business', 'orphaned', 0],
      ['product', 'orphaned', 0],
      // The same shape of group, with its member in the catalog.
      ['engineering', 'ok', 1],
    ]);
    expect(haunted.body.compliant).toBe(false);

    const staffed = await request(server)
      .get('/api/stewardship/entities/component/default/staffed/ownership')
      .set('Authorization', service);
    expect(rolesOf(staffed.body)).toEqual([
      ['business', 'ok', 1],
      ['product', 'ok', 1],
      // present is in haunts, which lists them in spec.members.
      ['engineering', 'ok', 1],
    ]);
  });

  it('counts them orphaned on the scorecard, which evaluates the whole catalog', async () => {
    const scorecard = await request(server)
      .get('/api/stewardship/ownership/scorecard')
      .set('Authorization', service);
    expect(scorecard.status).toBe(200);
    openApi.assertMatches('OwnershipScorecard', scorecard.body);
    expect(scorecard.body.catalogReadDenied).toBeUndefined();
    // haunted: business and product orphaned, engineering ok; staffed, vault and vaulted: all ok.
    const { roles } = scorecard.body.summary;
    expect(scorecard.body.summary.entities).toBe(4);
    expect(scorecard.body.summary.compliant).toBe(3);
    expect([roles.business.orphaned, roles.business.ok]).toEqual([1, 3]);
    expect([roles.product.orphaned, roles.product.ok]).toEqual([1, 3]);
    expect([roles.engineering.orphaned, roles.engineering.ok]).toEqual([0, 4]);
    expect(
      scorecard.body.failing.items.map((f: any) => [
        f.entityRef,
        f.problems.map((p: any) => [p.role, p.status]),
      ]),
    ).toEqual([
      [
        'component:default/haunted',
        [
          ['business', 'orphaned'],
          ['product', 'orphaned'],
        ],
      ],
    ]);
  });

  const signInJane = async () => {
    const signIn = await request(server)
      .get('/api/auth/guest/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(signIn.status).toBe(200);
    return `Bearer ${signIn.body.backstageIdentity.token}`;
  };

  const ownershipOf = async (name: string, authorization: string) => {
    const res = await request(server)
      .get(`/api/stewardship/entities/component/default/${name}/ownership`)
      .set('Authorization', authorization);
    expect(res.status).toBe(200);
    openApi.assertMatches('EntityOwnership', res.body);
    return res.body;
  };

  it('judges owners the catalog hides from the caller as for everyone, and shows only their refs, kinds and counts', async () => {
    const asService = await ownershipOf('staffed', service);
    expect(asService.roles[0].owner).toEqual({
      entityRef: 'user:default/jane',
      kind: 'user',
      displayName: 'Jane Doe',
      email: 'jane@example.com',
      groupCount: 1,
    });

    usersRead = 'all but users';
    try {
      const jane = await signInJane();
      const janeSeesUsers = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=user')
        .set('Authorization', jane);
      expect(janeSeesUsers.body.items).toEqual([]);

      // Users named as owners, and groups whose members she may not read, are judged as for
      // everyone; ghosts' missing member and wanderer's missing group still count for nothing.
      const staffed = await ownershipOf('staffed', jane);
      expect(rolesOf(staffed)).toEqual([
        ['business', 'ok', 1],
        ['product', 'ok', 1],
        ['engineering', 'ok', 1],
      ]);
      // Of a user she may not read, only what the status rests on.
      expect(staffed.roles[0].owner).toEqual({
        entityRef: 'user:default/jane',
        kind: 'user',
        displayName: 'jane',
        groupCount: 1,
        hidden: true,
      });
      // A group she may read is shown in full.
      expect(staffed.roles[1].owner).toEqual({
        entityRef: 'group:default/team-a',
        kind: 'group',
        displayName: 'team-a',
        memberCount: 1,
      });
      const haunted = await ownershipOf('haunted', jane);
      expect(rolesOf(haunted)).toEqual([
        ['business', 'orphaned', 0],
        ['product', 'orphaned', 0],
        ['engineering', 'ok', 1],
      ]);
      expect(haunted.roles[1].owner.hidden).toBe(true);
      expect(haunted.roles[1].problem).toBe(
        'user:default/wanderer belongs to no group; they may have left the organisation.',
      );

      // The scorecard counts what the service's does.
      const scorecard = await request(server)
        .get('/api/stewardship/ownership/scorecard')
        .set('Authorization', jane);
      openApi.assertMatches('OwnershipScorecard', scorecard.body);
      const { roles } = scorecard.body.summary;
      expect(scorecard.body.summary.entities).toBe(4);
      expect([roles.business.orphaned, roles.business.ok]).toEqual([1, 3]);
      expect([roles.product.orphaned, roles.product.ok]).toEqual([1, 3]);
      expect([roles.engineering.orphaned, roles.engineering.ok]).toEqual([
        0, 4,
      ]);
      expect(roles.product.unresolved).toBe(0);
    } finally {
      usersRead = 'nothing';
    }
  });

  it('inherits roles from a system the catalog hides from the caller, on the entity route and the scorecard', async () => {
    usersRead = 'all but users and systems';
    try {
      const jane = await signInJane();
      const janeSeesSystems = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=system')
        .set('Authorization', jane);
      expect(janeSeesSystems.body.items).toEqual([]);

      const vaulted = await ownershipOf('vaulted', jane);
      expect(
        vaulted.roles.map((r: any) => [r.role, r.status, r.source?.entityRef]),
      ).toEqual([
        ['business', 'ok', 'system:default/vault'],
        ['product', 'ok', 'system:default/vault'],
        ['engineering', 'ok', 'system:default/vault'],
      ]);
      expect(vaulted.system).toBe('system:default/vault');
      expect(vaulted.roles[1].owner.hidden).toBe(true);

      // The hidden system is not on her scorecard; what inherits from it is, as compliant.
      const scorecard = await request(server)
        .get('/api/stewardship/ownership/scorecard')
        .set('Authorization', jane);
      expect(scorecard.body.summary.entities).toBe(3);
      expect(scorecard.body.summary.compliant).toBe(2);
      expect(scorecard.body.failing.items.map((f: any) => f.entityRef)).toEqual(
        ['component:default/haunted'],
      );
    } finally {
      usersRead = 'nothing';
    }
  });

  it('tells a user the policy denies catalog reads that they may not read it', async () => {
    const jane = await signInJane();
    // The catalog itself shows jane nothing.
    const janeSees = await request(server)
      .get('/api/catalog/entities/by-query?filter=kind=component')
      .set('Authorization', jane);
    expect(janeSees.body.items).toEqual([]);

    const scorecard = await request(server)
      .get('/api/stewardship/ownership/scorecard')
      .set('Authorization', jane);
    expect(scorecard.status).toBe(200);
    openApi.assertMatches('OwnershipScorecard', scorecard.body);
    expect(scorecard.body.catalogReadDenied).toBe(true);
    expect(scorecard.body.summary.entities).toBe(0);
  });
});
