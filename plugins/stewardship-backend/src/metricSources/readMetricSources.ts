import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  MetricSource,
  MetricSourceFactory,
} from '@stewardship/backstage-plugin-stewardship-node';

/**
 * Creates the metric sources configured under `stewardship.metricSources.<name>`, each with the
 * factory registered for its `type`. A type without a factory is a startup error naming the
 * source and the known types, never a source that silently never answers.
 */
export function readMetricSources(
  config: Config,
  factories: ReadonlyMap<string, MetricSourceFactory>,
  logger: LoggerService,
): Map<string, MetricSource> {
  const sources = new Map<string, MetricSource>();
  const sourcesConfig = config.getOptionalConfig('stewardship.metricSources');
  for (const name of sourcesConfig?.keys() ?? []) {
    const sourceConfig = sourcesConfig!.getConfig(name);
    const type = sourceConfig.getString('type');
    const factory = factories.get(type);
    if (!factory) {
      const known = [...factories.keys()].sort().join(', ') || 'none';
      throw new Error(
        `Unknown type "${type}" of metric source "${name}" at stewardship.metricSources.${name}.type; known types: ${known}`,
      );
    }
    sources.set(
      name,
      factory.create({
        name,
        config: sourceConfig,
        logger: logger.child({ metricSource: name }),
      }),
    );
  }
  return sources;
}
