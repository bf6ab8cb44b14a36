import { StewardshipApi } from '../../api';
import { mapBounded } from '../mapBounded';

/**
 * How long a save or an import waits for the first evaluations before its dialog closes without
 * them.
 */
export const EVALUATION_AFTER_SAVE_WAIT_MS = 10_000;

/**
 * How many SLOs {@link evaluateAllSoon} evaluates at once: an import of many must not flood the
 * metric sources.
 */
export const EVALUATIONS_IN_FLIGHT = 4;

/**
 * Evaluates just-saved SLOs now, so that the tab shows their figures when the dialog closes rather
 * than after the next scheduled evaluation (every 5 minutes by default). Like a scheduled run it
 * goes through the status notifier, so a changed status can reach the owners at once. A metric
 * source that is down still gives an answer: the evaluator stores a `no-data` snapshot with its
 * reason, which the tab shows. Only a refusal (429: the SLO's on-demand allowance is used; 403: a
 * permission to create SLOs without one to change them) or sources slower than
 * {@link EVALUATION_AFTER_SAVE_WAIT_MS} leave the first figures to the next scheduled run: the
 * SLOs are saved either way, and the tab says they have not been evaluated yet. So this never
 * rejects.
 *
 * At most {@link EVALUATIONS_IN_FLIGHT} run at once, all under one deadline: when it passes, the
 * running requests are aborted and the rest are not started.
 */
export async function evaluateAllSoon(
  api: StewardshipApi,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced as well as aborted: a custom StewardshipApi may ignore the signal.
  const waited = new Promise<void>(resolve => {
    timer = setTimeout(() => {
      controller.abort();
      resolve();
    }, EVALUATION_AFTER_SAVE_WAIT_MS);
  });
  const evaluated = mapBounded(
    ids,
    EVALUATIONS_IN_FLIGHT,
    async id => {
      try {
        await api.evaluateSlo(id, { signal: controller.signal });
      } catch {
        // Left to the schedule, as above; the other SLOs are still evaluated.
      }
    },
    controller.signal,
  );
  try {
    await Promise.race([evaluated, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** Evaluates one just-saved SLO now: {@link evaluateAllSoon} for one. */
export function evaluateSoon(api: StewardshipApi, id: string): Promise<void> {
  return evaluateAllSoon(api, [id]);
}
