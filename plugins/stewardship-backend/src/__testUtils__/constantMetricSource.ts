/*
 * A backend module that adds a metric source type to the plugin through its extension point: a
 * source that counts, in every window, `errorsPerMille` bad of 1,000 events (its own config), and
 * says it issued `const:<query>` for each query. For tests of the extension point and of what the
 * plugin does with a source's counts.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  MetricSource,
  stewardshipMetricSourcesExtensionPoint,
} from '@stewardship/backstage-plugin-stewardship-node';

/** The module adding source type `type`; each source it makes reads its own `errorsPerMille`. */
export function constantSourceModule(type: string) {
  return createBackendModule({
    pluginId: 'stewardship',
    moduleId: `${type}-metric-source`,
    register(env) {
      env.registerInit({
        deps: { sources: stewardshipMetricSourcesExtensionPoint },
        async init({ sources }) {
          sources.addMetricSourceFactory({
            type,
            create: ({ config }): MetricSource => {
              const perMille = config.getNumber('errorsPerMille');
              return {
                async countEvents({ windows, queries }) {
                  return {
                    counts: Object.fromEntries(
                      windows.map(w => [
                        w.key,
                        { good: 1000 - perMille, total: 1000 },
                      ]),
                    ),
                    issuedQueries: Object.values(queries).map(
                      q => `const:${q}`,
                    ),
                  };
                },
                async countEventsPerSlice() {
                  return { slices: [], issuedQueries: [] };
                },
              };
            },
          });
        },
      });
    },
  });
}
