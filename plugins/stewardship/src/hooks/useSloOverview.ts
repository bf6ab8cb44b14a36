import { useApi } from '@backstage/core-plugin-api';
import {
  SloOverview,
  SloOverviewFilter,
} from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads the catalog-wide SLO overview for a filter, as of `at` (default now). While a new
 * filter loads, the previous `value` stays available so the table does not flicker.
 *
 * @public
 */
export function useSloOverview(
  filter: SloOverviewFilter,
  at?: Date,
): {
  value?: SloOverview;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  // Callers build the filter inline; compare it by value, not identity.
  const key = JSON.stringify(filter);
  const atTime = at?.getTime();
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal =>
      api.getSloOverview(JSON.parse(key), {
        at: atTime === undefined ? undefined : new Date(atTime),
        signal,
      }),
    [api, key, atTime],
  );
  return { value, loading, error, retry };
}
