import { useApi } from '@backstage/core-plugin-api';
import { EntityIncidentSummary, stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads an entity's incident figures (count, MTTA, MTTM, MTTR, MTTD per severity; fire drills
 * apart) over [from, to); `to` left out is the backend's now, `from` left out 90 days before `to`.
 * Leave them out for "now": the backend refuses a `to` in its future, and the browser's clock may
 * be ahead.
 */
export function useEntityIncidentSummary(
  entityRef: string,
  period: { from?: Date; to?: Date },
  /** Any value whose change reads the figures again (e.g. the moment of the last signal). */
  readKey?: unknown,
): {
  value?: EntityIncidentSummary;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const from = period.from?.getTime();
  const to = period.to?.getTime();
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal =>
      api.getEntityIncidentSummary(
        entityRef,
        {
          from: from === undefined ? undefined : new Date(from),
          to: to === undefined ? undefined : new Date(to),
        },
        { signal },
      ),
    [api, entityRef, from, to, readKey],
  );
  return { value, loading, error, retry };
}
