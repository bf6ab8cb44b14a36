import { useApi } from '@backstage/core-plugin-api';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads an entity's incidents detected in [from, to) (at most `limit`, default 100), without
 * their timelines, action items and budget cost (those come with {@link useIncident}).
 */
export function useEntityIncidents(
  entityRef: string,
  period: { from: Date; to: Date },
  limit = 100,
): {
  value?: { items: Incident[]; totalCount: number };
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  // Dates are new objects on every render; depend on the instants they name.
  const from = period.from.getTime();
  const to = period.to.getTime();
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal =>
      api.listEntityIncidents(
        entityRef,
        { from: new Date(from), to: new Date(to), limit },
        { signal },
      ),
    [api, entityRef, from, to, limit],
  );
  return { value, loading, error, retry };
}
