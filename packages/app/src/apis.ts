import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
  ScmAuth,
} from '@backstage/integration-react';
import {
  AnyApiFactory,
  configApiRef,
  createApiFactory,
  discoveryApiRef,
  errorApiRef,
  fetchApiRef,
  identityApiRef,
  storageApiRef,
} from '@backstage/core-plugin-api';
import { UserSettingsStorage } from '@backstage/plugin-user-settings';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { OWNERSHIP_RELATION_PAIRS } from '@stewardship/backstage-plugin-stewardship';

export const apis: AnyApiFactory[] = [
  createApiFactory({
    api: scmIntegrationsApiRef,
    deps: { configApi: configApiRef },
    factory: ({ configApi }) => ScmIntegrationsApi.fromConfig(configApi),
  }),
  createApiFactory({
    api: storageApiRef,
    deps: {
      discoveryApi: discoveryApiRef,
      errorApi: errorApiRef,
      fetchApi: fetchApiRef,
      identityApi: identityApiRef,
      signalApi: signalApiRef,
    },
    factory: deps => UserSettingsStorage.create(deps),
  }),
  ScmAuth.createDefaultApiFactory(),
  // The catalog graph draws only the relation types it knows; the Stewardship catalog module
  // adds businessOwnedBy/businessOwnerOf, productOwnedBy/productOwnerOf and
  // engineeringOwnedBy/engineeringOwnerOf, registered here so entity pages and the graph page
  // show them.
  createApiFactory({
    api: catalogGraphApiRef,
    deps: {},
    factory: () =>
      new DefaultCatalogGraphApi({
        knownRelations: [...ALL_RELATIONS, ...OWNERSHIP_RELATION_PAIRS.flat()],
        knownRelationPairs: [
          ...ALL_RELATION_PAIRS,
          ...OWNERSHIP_RELATION_PAIRS,
        ],
        // Required once options are given (catalog-graph 0.6.8 reads it unguarded): all known
        // relations are drawn by default, the Stewardship ones included.
        defaultRelationTypes: { exclude: [] },
      }),
  }),
];
