import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { STEWARDSHIP_FACT_RETRIEVER_ID } from './facts';
import { createStewardshipFactRetriever } from './stewardshipFactRetriever';

/**
 * Adds the Stewardship fact retriever to the tech-insights backend under the key
 * `stewardshipFactRetriever`. It only runs once
 * `techInsights.factRetrievers.stewardshipFactRetriever.cadence` is configured.
 *
 * @public
 */
export const techInsightsModuleStewardship = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'stewardship',
  register(reg) {
    reg.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({
          [STEWARDSHIP_FACT_RETRIEVER_ID]: createStewardshipFactRetriever(),
        });
      },
    });
  },
});
