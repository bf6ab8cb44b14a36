import { useApi } from '@backstage/core-plugin-api';
import { SloHistoryPoint } from '@stewardship/backstage-plugin-stewardship-common';
import { SloHistory, stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * One point per moment, the last of each in the given order. The backend lists the snapshots of
 * one moment in the order they were stored (a re-evaluation with `POST /slos/:id/evaluate?at=`
 * after a correction adds one), so this keeps the one its "as of" reads pick: the stored last.
 */
function lastPointPerMoment(
  points: readonly SloHistoryPoint[],
): SloHistoryPoint[] {
  // A Map keeps each moment where it first came (the list is oldest first) and its last point.
  const byMoment = new Map<string, SloHistoryPoint>();
  for (const point of points) byMoment.set(point.at, point);
  return [...byMoment.values()];
}

/**
 * Loads an SLO's stored snapshots for its burndown and SLI charts: the SLO
 * window ending at `at` (or now), oldest first, one per moment (of two stored
 * as of one moment, the one stored last, as the backend's "as of" reads).
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
    async signal => {
      const history = await api.getSloHistory(
        id,
        atTime === undefined ? {} : { to: new Date(atTime) },
        { signal },
      );
      return { ...history, points: lastPointPerMoment(history.points) };
    },
    [api, id, atTime],
  );
  return { value, loading, error, retry };
}
