import {
  BackstageCredentials,
  BackstageUserInfo,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
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
      await expect(
        policy.handle({ permission: catalogRead }, asUser(who)),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(
        policy.handle({ permission: catalogLocationCreate }, asUser(who)),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('denies Stewardship writes to a request without a user (service principals never get here)', async () => {
    await expect(policy.handle({ permission: sloUpdate })).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
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
