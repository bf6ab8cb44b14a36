import { useApi } from '@backstage/core-plugin-api';
import { EntityIncidentSummary, stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads an entity's incident figures (count, MTTA, MTTM, MTTR, MTTD per severity; fire drills
 * apart) over [from, to), or from `from` up to the backend's now when `to` is left out. Leave it
 * out for "now": the backend refuses a `to` in its future, and the browser's clock may be ahead.
 */
export function useEntityIncidentSummary(
  entityRef: string,
  period: { from: Date; to?: Date },
): {
  value?: EntityIncidentSummary;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const from = period.from.getTime();
  const to = period.to?.getTime();
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal =>
      api.getEntityIncidentSummary(
        entityRef,
        {
          from: new Date(from),
          to: to === undefined ? undefined : new Date(to),
        },
        { signal },
      ),
    [api, entityRef, from, to],
  );
  return { value, loading, error, retry };
}
