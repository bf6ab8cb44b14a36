import {
  RefreshableState,
  RetryableState,
  useRefreshInPlace,
} from './useRefreshInPlace';
import { useSloEvaluationSignal } from './useSloEvaluationSignal';

/**
 * A read of what SLO statuses decide (the SLOs themselves, a backlog's SLO items) that moves on,
 * in place, after every stored evaluation run: {@link useRefreshInPlace} called by
 * {@link useSloEvaluationSignal}. `view` names what is shown (the entity); `listening: false`
 * (a past moment) reads nothing again.
 */
export function useRefreshedOnEvaluation<T>(
  state: RetryableState<T>,
  view: string,
  listening = true,
): RefreshableState<T> {
  const refreshable = useRefreshInPlace(state, view);
  useSloEvaluationSignal(listening ? refreshable.refresh : undefined);
  return refreshable;
}
