import { useApi } from '@backstage/core-plugin-api';
import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../../api';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';

/** Loads the review of a scope over a period; nothing while no scope is picked. */
export function usePlanningReview(
  query: { scope: string; from: Date; to: Date } | undefined,
): {
  value?: PlanningReview;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const key = query
    ? JSON.stringify([query.scope, query.from.getTime(), query.to.getTime()])
    : '';
  return useAbortableAsyncRetry(
    async signal => {
      if (!key) return undefined;
      const [scope, from, to] = JSON.parse(key);
      return api.getPlanningReview(
        { scope, from: new Date(from), to: new Date(to) },
        { signal },
      );
    },
    [api, key],
  );
}
