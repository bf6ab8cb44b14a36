import { useApi } from '@backstage/core-plugin-api';
import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../../api';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';

/** What the backend is asked for: a scope over a period (its defaults where left out). */
export type PlanningReviewQuery = { scope: string; from?: Date; to?: Date };

/** The query in a string that changes exactly when another review is asked for; `''` without one. */
export const planningReviewKey = (query: PlanningReviewQuery | undefined) =>
  query
    ? JSON.stringify([
        query.scope,
        query.from?.getTime() ?? null,
        query.to?.getTime() ?? null,
      ])
    : '';

const dateOrUndefined = (ms: number | null) =>
  ms === null ? undefined : new Date(ms);

/** Loads the review of a scope over a period; nothing while no scope is picked. */
export function usePlanningReview(query: PlanningReviewQuery | undefined): {
  value?: PlanningReview;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const key = planningReviewKey(query);
  return useAbortableAsyncRetry(
    async signal => {
      if (!key) return undefined;
      const [scope, from, to] = JSON.parse(key);
      return api.getPlanningReview(
        { scope, from: dateOrUndefined(from), to: dateOrUndefined(to) },
        { signal },
      );
    },
    [api, key],
  );
}
