export {
  PrometheusMetricSource,
  prometheusMetricSourceFactory,
} from './PrometheusMetricSource';
export {
  DatadogMetricSource,
  datadogMetricSourceFactory,
} from './DatadogMetricSource';
export { readMetricSources } from './readMetricSources';
export { MetricSourceHealthService } from './MetricSourceHealthService';
