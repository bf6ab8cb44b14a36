import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { StewardshipOwnershipRelationsProcessor } from './StewardshipOwnershipRelationsProcessor';

/**
 * Catalog module adding the Stewardship ownership relations (`businessOwnedBy`/`businessOwnerOf`,
 * `productOwnedBy`/`productOwnerOf`, `engineeringOwnedBy`/`engineeringOwnerOf`).
 *
 * @public
 */
export const catalogModuleStewardshipOwnershipRelations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'stewardship-ownership-relations',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new StewardshipOwnershipRelationsProcessor());
      },
    });
  },
});
