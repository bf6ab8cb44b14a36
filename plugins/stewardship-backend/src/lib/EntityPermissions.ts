import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Authorizes Stewardship's writes against the entities they touch, through Backstage's
 * permission framework (`coreServices.permissions`): the app's policy decides, for example that
 * only an entity's owners may change its SLOs. A denial is a 403 naming the permission and the
 * entity. Service principals are allowed unless their `accessRestrictions` say otherwise (the
 * framework's own rule).
 */
export class EntityPermissions {
  constructor(private readonly permissions: PermissionsService) {}

  /** Throws NotAllowedError unless `permission` is allowed on every one of `entityRefs`. */
  async authorize(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRefs: string | readonly string[],
  ): Promise<void> {
    const refs = [
      ...new Set(typeof entityRefs === 'string' ? [entityRefs] : entityRefs),
    ];
    if (refs.length === 0) return;
    const decisions = await this.permissions.authorize(
      refs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    const denied = refs.filter(
      (_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW,
    );
    if (denied.length > 0) {
      throw new NotAllowedError(
        `Permission ${permission.name} is denied for ${denied.join(', ')}`,
      );
    }
  }
}
