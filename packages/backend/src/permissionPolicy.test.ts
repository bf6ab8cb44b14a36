import {
  BackstageCredentials,
  BackstageUserInfo,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PolicyQueryUser,
  ServerPermissionClient,
} from '@backstage/plugin-permission-node';
import { PLATFORM_ADMINS, StewardshipDemoPolicy } from './permissionPolicy';

// Stewardship's permissions as -common declares them (names and the catalog's resource type).
const sloUpdate = createPermission({
  name: 'stewardship.slo.update',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const incidentCreate = createPermission({
  name: 'stewardship.incident.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});
const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const catalogLocationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
const catalogEntityDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const catalogEntityRefresh = createPermission({
  name: 'catalog.entity.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
// Reads a location's contents to register it; no action of its own.
const catalogLocationAnalyze = createPermission({
  name: 'catalog.location.analyze',
  attributes: {},
});

/** The user info service as the auth backend fills it: the user and the groups they are in. */
const users: Record<string, string[]> = {
  'user:default/noah.davis': [
    'user:default/noah.davis',
    'group:default/commerce',
  ],
  'user:default/sophia.rodriguez': [
    'user:default/sophia.rodriguez',
    'group:default/platform',
    PLATFORM_ADMINS,
  ],
  'user:development/guest': ['user:development/guest'],
};
const userInfo: UserInfoService = {
  async getUserInfo(credentials): Promise<BackstageUserInfo> {
    const { userEntityRef } = (
      credentials as BackstageCredentials<BackstageUserPrincipal>
    ).principal;
    return { userEntityRef, ownershipEntityRefs: users[userEntityRef] };
  },
};

function asUser(userEntityRef: string): PolicyQueryUser {
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef },
    },
    // Deprecated and deliberately wrong here: the policy must not read it.
    info: { userEntityRef, ownershipEntityRefs: [PLATFORM_ADMINS] },
  };
}

/** A demo component owned by `owner`, as the catalog stores it (with its ownedBy relation). */
function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}
const checkoutService = component('checkout-service', 'group:default/commerce');
const paymentGateway = component('payment-gateway', 'group:default/payments');

/** Resolves a decision against an entity the way the catalog does for the permission backend. */
const catalogAllows = createConditionAuthorizer<Entity>({
  getRuleByName: name => {
    const rule = Object.values(permissionRules).find(r => r.name === name);
    if (!rule) throw new Error(`no catalog rule ${name}`);
    return rule as any;
  },
});

describe('StewardshipDemoPolicy', () => {
  const policy = new StewardshipDemoPolicy(userInfo);

  it("lets an entity's owners write its Stewardship data: a condition the catalog resolves", async () => {
    await expect(
      policy.handle(
        { permission: sloUpdate },
        asUser('user:default/noah.davis'),
      ),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/noah.davis', 'group:default/commerce'],
        },
      },
    });
  });

  it("resolved by the catalog, the condition lets owners change their team's entities only", async () => {
    const asNoah: PolicyDecision = await policy.handle(
      { permission: sloUpdate },
      asUser('user:default/noah.davis'),
    );
    expect(catalogAllows(asNoah, checkoutService)).toBe(true);
    expect(catalogAllows(asNoah, paymentGateway)).toBe(false);
    const asGuest = await policy.handle(
      { permission: sloUpdate },
      asUser('user:development/guest'),
    );
    expect(catalogAllows(asGuest, checkoutService)).toBe(false);
  });

  it('gives someone who owns nothing, like the guest, a condition no entity meets', async () => {
    await expect(
      policy.handle(
        { permission: incidentCreate },
        asUser('user:development/guest'),
      ),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:development/guest'] },
      },
    });
  });

  it('allows platform admins everything, without a condition', async () => {
    for (const permission of [
      sloUpdate,
      incidentCreate,
      catalogLocationCreate,
    ]) {
      await expect(
        policy.handle({ permission }, asUser('user:default/sophia.rodriguez')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('allows everyone the rest of the demo (reading the catalog and so on)', async () => {
    for (const who of ['user:default/noah.davis', 'user:development/guest']) {
      for (const permission of [catalogRead, catalogLocationAnalyze]) {
        await expect(
          policy.handle({ permission }, asUser(who)),
        ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      }
    }
  });

  it("leaves the catalog's own writes to admins: unregistering an entity would hide its SLOs and incidents", async () => {
    for (const permission of [
      catalogLocationCreate,
      catalogEntityDelete,
      catalogEntityRefresh,
    ]) {
      for (const who of ['user:default/noah.davis', 'user:development/guest']) {
        await expect(
          policy.handle({ permission }, asUser(who)),
        ).resolves.toEqual({ result: AuthorizeResult.DENY });
      }
      await expect(
        policy.handle({ permission }, asUser('user:default/sophia.rodriguez')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it("denies Stewardship's writes and the catalog's to a request without a user (service principals never get here)", async () => {
    for (const permission of [sloUpdate, catalogEntityDelete]) {
      await expect(policy.handle({ permission })).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
    await expect(policy.handle({ permission: catalogRead })).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies a Stewardship permission that is not on a catalog entity to all but admins', async () => {
    const basic = createPermission({
      name: 'stewardship.something.new',
      attributes: {},
    });
    await expect(
      policy.handle({ permission: basic }, asUser('user:default/noah.davis')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle(
        { permission: basic },
        asUser('user:default/sophia.rodriguez'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('service principals (e.g. the demo seeding token): decided without the policy', () => {
  // The permissions service every plugin uses decides for service principals itself, from their
  // token's accessRestrictions, and never asks the permission backend (and so the policy): the
  // discovery below would throw if it did.
  const permissions = ServerPermissionClient.fromConfig(
    new ConfigReader({ permission: { enabled: true } }),
    {
      discovery: {
        getBaseUrl: () => Promise.reject(new Error('the policy was asked')),
        getExternalBaseUrl: () =>
          Promise.reject(new Error('the policy was asked')),
      },
      auth: {
        isPrincipal: (credentials: BackstageCredentials, type: string) =>
          (credentials.principal as { type: string }).type === type,
      } as any,
    },
  );
  const service = (permissionNames?: string[]): BackstageCredentials => ({
    $$type: '@backstage/BackstageCredentials',
    principal: {
      type: 'service',
      subject: 'external:stewardship-demo-seed',
      accessRestrictions: permissionNames ? { permissionNames } : undefined,
    },
  });
  const resourceRef = 'component:default/checkout-service';

  it('an unrestricted token may write anything (the demo seeds SLOs and incidents with one)', async () => {
    await expect(
      permissions.authorize(
        [
          { permission: sloUpdate, resourceRef },
          { permission: incidentCreate, resourceRef },
        ],
        { credentials: service() },
      ),
    ).resolves.toEqual([
      { result: AuthorizeResult.ALLOW },
      { result: AuthorizeResult.ALLOW },
    ]);
  });

  it('a token restricted to incidents may record incidents and nothing else', async () => {
    await expect(
      permissions.authorize(
        [
          { permission: incidentCreate, resourceRef },
          { permission: sloUpdate, resourceRef },
        ],
        { credentials: service(['stewardship.incident.create']) },
      ),
    ).resolves.toEqual([
      { result: AuthorizeResult.ALLOW },
      { result: AuthorizeResult.DENY },
    ]);
  });
});
