import { discoveryApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { stewardshipApiRef } from '../../api';

/** Stands in for a metric source's name when none can be named (none configured, or unread). */
export const METRIC_SOURCE_PLACEHOLDER = '<metric-source>';

/** Where the example API commands send their requests, and what they name. */
export interface SloCommandTarget {
  /** The Stewardship backend's base URL as this app reaches it, e.g. `https://backstage.example.com/api/stewardship`. */
  baseUrl: string;
  /** The metric source an example SLO reads from: the first configured one, or the placeholder. */
  metricSource: string;
  /** Every configured metric source's name; `undefined` when they could not be read. */
  metricSources?: string[];
}

/**
 * The backend URL and metric source for the copyable `curl` commands, so they work as pasted:
 * this app's own backend (discovery API) and a source this backend has, rather than a demo's.
 * A failed read of the sources leaves the placeholder in the command; it is only an example.
 */
export function useSloCommandTarget() {
  const discovery = useApi(discoveryApiRef);
  const api = useApi(stewardshipApiRef);
  return useAsync(async (): Promise<SloCommandTarget> => {
    const [baseUrl, sources] = await Promise.all([
      discovery.getBaseUrl('stewardship'),
      api.listMetricSources().then(
        list => list.map(source => source.name),
        () => undefined,
      ),
    ]);
    return {
      baseUrl,
      metricSource: sources?.[0] ?? METRIC_SOURCE_PLACEHOLDER,
      metricSources: sources,
    };
  }, [discovery, api]);
}
