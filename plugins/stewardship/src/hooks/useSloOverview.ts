import { useApi } from '@backstage/core-plugin-api';
import {
  SloOverview,
  SloOverviewFilter,
} from '@stewardship/backstage-plugin-stewardship-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stewardshipApiRef } from '../api';

/**
 * Loads the catalog-wide SLO overview for a filter. While a new filter loads, the previous
 * `value` stays available so the table does not flicker.
 *
 * @public
 */
export function useSloOverview(filter: SloOverviewFilter): {
  value?: SloOverview;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  // Callers build the filter inline; compare it by value, not identity.
  const key = JSON.stringify(filter);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getSloOverview(JSON.parse(key)),
    [api, key],
  );
  return { value, loading, error, retry };
}
