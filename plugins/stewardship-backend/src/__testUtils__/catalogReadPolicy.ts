import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import { CatalogVisibility } from '../lib/CatalogVisibility';

/**
 * For a permission service mock whose policy lets everyone read the whole catalog (as the demo's
 * does): every `authorizeConditional` answer is ALLOW. Spread it beside the mock's `authorize`.
 */
export const everyoneReadsTheCatalog: Pick<
  PermissionsService,
  'authorizeConditional'
> = {
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
};

/** A policy's conditional answer for catalog reads ("only entities I own"). */
export const CONDITIONAL_CATALOG_READ: ConditionalPolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: [] },
  },
};

/**
 * A permission service whose policy puts conditions on catalog reads, as a policy that hides
 * entities from some users does: only the catalog can tell who sees what (the test's catalog
 * decides). Every other permission is allowed.
 */
export function conditionalCatalogReads() {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(({ permission }) =>
        permission.name === catalogEntityReadPermission.name
          ? CONDITIONAL_CATALOG_READ
          : { result: AuthorizeResult.ALLOW },
      ),
  });
}

/**
 * A service's `catalog` and the `visibility` decided over it, for services built by hand: with
 * the default permissions (every catalog read allowed), the catalog's entities are what exists.
 */
export function catalogAccess(
  catalog: CatalogService,
  permissions: PermissionsService = mockServices.permissions(),
) {
  return {
    catalog,
    visibility: new CatalogVisibility({
      catalog,
      permissions,
      auth: mockServices.auth(),
    }),
  };
}
