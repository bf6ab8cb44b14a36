import { useApi } from '@backstage/core-plugin-api';
import { SloHistory, stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads an SLO's stored snapshots for its burndown and SLI charts: the SLO
 * window ending at `at` (or now), oldest first.
 *
 * @public
 */
export function useSloHistory(
  id: string,
  at?: Date,
): {
  value?: SloHistory;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  // A Date is a new object on every render; depend on the instant it names.
  const atTime = at?.getTime();
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal =>
      api.getSloHistory(
        id,
        atTime === undefined ? {} : { to: new Date(atTime) },
        { signal },
      ),
    [api, id, atTime],
  );
  return { value, loading, error, retry };
}
