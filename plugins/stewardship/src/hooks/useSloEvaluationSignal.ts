import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { STEWARDSHIP_SLOS_SIGNAL_CHANNEL } from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef } from 'react';
import { createShownReader } from './shownReader';

/**
 * Every open tab hears every stored run at the same moment: each waits a random time up to this
 * long before it reads, so that a thousand open SLO tabs do not all ask the backend in the same
 * second. Statuses move every few minutes (the evaluation schedule); a few seconds more is
 * nothing to the reader.
 */
export const SLOS_SIGNAL_SPREAD_MS = 10_000;

/**
 * This page's wait, drawn once: the parts of a page that listen (the SLO list, the release gate)
 * read at the same moment, so they never disagree for long, while pages differ.
 */
let pageDelayMs: number | undefined;
function pageDelay(): number {
  pageDelayMs ??= Math.random() * SLOS_SIGNAL_SPREAD_MS;
  return pageDelayMs;
}

/**
 * Calls `onSignal` after the backend stored new SLO evaluations (the Backstage signals channel
 * `stewardship:slos`: a scheduled run, or someone's "evaluate now"), once per signal or burst of
 * signals, a random moment up to {@link SLOS_SIGNAL_SPREAD_MS} later (the same for the whole
 * page). A browser tab in the background reads when it is shown again, not while no one looks.
 * The message names nothing, so the caller reads again what it shows. Without the signals plugin in the app (no signal API)
 * this does nothing: the statuses are then those of the page's last read, as before. `undefined`
 * unsubscribes (e.g. a past "as of" view, which no evaluation changes).
 */
export function useSloEvaluationSignal(onSignal?: () => void): void {
  const signals = useApiHolder().get(signalApiRef);
  // The latest callback, without subscribing again on every render.
  const callback = useRef(onSignal);
  callback.current = onSignal;
  const listening = Boolean(onSignal);
  useEffect(() => {
    if (!signals || !listening) return undefined;
    const reader = createShownReader(() => callback.current?.());
    // Waiting for this page's moment to read; signals meanwhile are read with the first.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = signals.subscribe(
      STEWARDSHIP_SLOS_SIGNAL_CHANNEL,
      () => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          reader.request();
        }, pageDelay());
      },
    );
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
      reader.dispose();
    };
  }, [signals, listening]);
}
