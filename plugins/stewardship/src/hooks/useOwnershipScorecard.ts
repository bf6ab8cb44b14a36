import { useApi } from '@backstage/core-plugin-api';
import { OwnershipScorecard } from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipScorecardQuery, stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads the ownership scorecard for a query. While a new query loads, the
 * previous `value` stays available so tables do not flicker when paging.
 *
 * @public
 */
export function useOwnershipScorecard(query: OwnershipScorecardQuery): {
  value?: OwnershipScorecard;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  // Callers build the query inline; compare it by value, not identity.
  const key = JSON.stringify(query);
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal => api.getOwnershipScorecard(JSON.parse(key), { signal }),
    [api, key],
  );
  return { value, loading, error, retry };
}
