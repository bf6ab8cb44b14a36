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
import { OWNERSHIP_RELATIONS } from '@stewardship/backstage-plugin-stewardship';

// The catalog graph draws only the relation types its API knows; the Stewardship catalog module
// adds businessOwnedBy/businessOwnerOf, productOwnedBy/productOwnerOf and
// engineeringOwnedBy/engineeringOwnerOf. Registered as packages/app/src/apis.ts does (owner-of
// first, as catalog-graph pairs ownerOf/ownedBy), so the entity card and the graph page draw them.
const stewardshipRelationPairs = Object.values(OWNERSHIP_RELATIONS).map(
  ({ ownerOf, ownedBy }): [string, string] => [ownerOf, ownedBy],
);

/**
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
            ...stewardshipRelationPairs.flat(),
          ],
          knownRelationPairs: [
            ...ALL_RELATION_PAIRS,
            ...stewardshipRelationPairs,
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
