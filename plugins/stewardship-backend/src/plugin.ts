import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseStewardshipStore } from './database/DatabaseStewardshipStore';
import { CatalogOwnershipReader } from './ownership/CatalogOwnershipReader';
import { readOwnershipPolicy } from './ownership/OwnershipPolicy';
import { OwnershipService } from './ownership/OwnershipService';
import { scheduleScorecardSnapshots } from './ownership/scheduleScorecardSnapshots';
import { createRouter } from './service/createRouter';

/**
 * The Stewardship backend plugin: ownership evaluation and scorecard, served at
 * /api/stewardship.
 *
 * @public
 */
export const stewardshipPlugin = createBackendPlugin({
  pluginId: 'stewardship',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        auth,
        httpAuth,
        httpRouter,
        database,
        scheduler,
        catalog,
      }) {
        const policy = readOwnershipPolicy(config);
        const store = await DatabaseStewardshipStore.create({ database });
        const ownership = new OwnershipService(
          new CatalogOwnershipReader(catalog, policy),
          store,
        );

        httpRouter.use(await createRouter({ httpAuth, ownership }));
        await scheduleScorecardSnapshots({
          config,
          scheduler,
          logger,
          auth,
          ownership,
        });
      },
    });
  },
});
