import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { OWNERSHIP_RELATION_PAIRS } from '@stewardship/backstage-plugin-stewardship';

/**
 * The catalog graph draws only the relation types its API knows; the Stewardship catalog module
 * adds businessOwnedBy/businessOwnerOf, productOwnedBy/productOwnerOf and
 * engineeringOwnedBy/engineeringOwnerOf. Registered as packages/app/src/apis.ts does, so the
 * entity card and the graph page draw them.
 *
 * Replaces the catalog graph's own API extension: an extension without a name in a module for
 * `catalog-graph` has the same ID as the plugin's, `api:catalog-graph`, and the module's wins.
 */
export const catalogGraphApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: catalogGraphApiRef,
      deps: {},
      factory: () =>
        new DefaultCatalogGraphApi({
          knownRelations: [
            ...ALL_RELATIONS,
            ...OWNERSHIP_RELATION_PAIRS.flat(),
          ],
          knownRelationPairs: [
            ...ALL_RELATION_PAIRS,
            ...OWNERSHIP_RELATION_PAIRS,
          ],
          // Required once options are given (catalog-graph 0.6.8 reads it unguarded): all known
          // relations are drawn by default, the Stewardship ones included.
          defaultRelationTypes: { exclude: [] },
        }),
    }),
});

/** What this app adds to the catalog graph plugin: the Stewardship ownership relations. */
export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [catalogGraphApi],
});
