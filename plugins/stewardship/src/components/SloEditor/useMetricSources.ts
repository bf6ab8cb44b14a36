import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { MetricSourceSummary, stewardshipApiRef } from '../../api';

/** The configured metric sources with their health, for the source picker. */
export function useMetricSources() {
  const api = useApi(stewardshipApiRef);
  return useAsync(
    (): Promise<MetricSourceSummary[]> => api.listMetricSources(),
    [api],
  );
}
