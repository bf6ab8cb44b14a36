import { useEffect, useRef } from 'react';
import { createShownReader } from './shownReader';

/** setTimeout's longest wait: a longer one fires at once. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/**
 * How long after the moment an answer stops holding the page reads again: past it on the
 * backend's clock even when the answer was slow to arrive or a timer fires a little early.
 */
export const DUE_READ_SLACK_MS = 1000;

/**
 * Calls `read` when an answer stops being true by time alone: at `validUntil`, measured from the
 * answer's own moment `answeredAt` (both ISO, on the backend's clock, so a browser clock set
 * wrong neither hurries nor delays it), plus {@link DUE_READ_SLACK_MS}. An override that ends or
 * an SLO evaluation that grows stale then shows at once, where signals would say nothing (no new
 * evaluation was stored) and the silence read would come up to ten minutes later. A browser tab
 * in the background reads when it is shown again. Nothing without a `validUntil` (a past moment
 * shown, or nothing that time alone changes) or without `read`; a new answer starts over.
 */
export function useReadAgainWhenDue(
  validUntil: string | undefined,
  answeredAt: string | undefined,
  read: (() => void) | undefined,
): void {
  // The latest callback, without starting the wait over on every render.
  const callback = useRef(read);
  callback.current = read;
  const listening = Boolean(read);
  useEffect(() => {
    if (!listening || validUntil === undefined || answeredAt === undefined) {
      return undefined;
    }
    const wait =
      Date.parse(validUntil) - Date.parse(answeredAt) + DUE_READ_SLACK_MS;
    // Not a moment (NaN), or further off than a timer can wait: a later answer will say again.
    if (!(wait >= 0 && wait <= LONGEST_WAIT_MS)) return undefined;
    const reader = createShownReader(() => callback.current?.());
    const timer = setTimeout(reader.request, wait);
    return () => {
      clearTimeout(timer);
      reader.dispose();
    };
  }, [listening, validUntil, answeredAt]);
}
