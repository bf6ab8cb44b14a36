/*
 * The demo's permission policy: who may change what in Stewardship.
 *
 * - Members of `group:default/platform-admins` may do everything.
 * - Stewardship's permissions (`stewardship.*`, all on catalog entities): the entity's owners may
 *   write. The answer is a condition, `isEntityOwner` with the caller's ownership claims (the user
 *   and their groups), which the permission backend has the catalog resolve against the entity's
 *   `ownedBy` relations.
 * - The catalog's own writes (registering or unregistering entities and locations, refreshing):
 *   platform admins only. An unregistered entity takes its SLOs and incidents out of every view,
 *   so leaving this open would let anyone hide any service's reliability.
 * - Everything else (reading the catalog, search, notifications, …) is allowed, so the whole demo
 *   stays browsable for everyone, the guest included.
 *
 * Service principals (e.g. the demo's static seeding token in app-config.demo.yaml) never reach a
 * policy: Backstage allows them outright, bounded only by the `accessRestrictions` configured for
 * their token. A request with no user at all (unauthenticated) is denied Stewardship's writes and
 * the catalog's.
 */
import {
  BackstageUserInfo,
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';

/** The group whose members may do everything. */
export const PLATFORM_ADMINS = 'group:default/platform-admins';

/** Owners write Stewardship data, platform admins anything (the catalog too), everyone reads. */
export class StewardshipDemoPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const isStewardship = permission.name.startsWith('stewardship.');
    const isCatalogWrite =
      permission.name.startsWith('catalog.') &&
      permission.attributes.action !== undefined &&
      permission.attributes.action !== 'read';
    if (!user) {
      return {
        result:
          isStewardship || isCatalogWrite
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      };
    }

    // `user.info` is deprecated (permission-node 0.11): ask the user info service instead.
    const info: BackstageUserInfo = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (info.ownershipEntityRefs.includes(PLATFORM_ADMINS)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isStewardship) {
      if (!isResourcePermission(permission, 'catalog-entity')) {
        // Every Stewardship permission is on a catalog entity; one that is not is new to this
        // policy, and what it guards is unknown here: only admins may use it.
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: info.ownershipEntityRefs }),
      );
    }
    return {
      result: isCatalogWrite ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    };
  }
}

/** Installs {@link StewardshipDemoPolicy} as the permission backend's policy. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'stewardship-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new StewardshipDemoPolicy(userInfo));
      },
    });
  },
});
