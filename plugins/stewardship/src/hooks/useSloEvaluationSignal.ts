import { STEWARDSHIP_SLOS_SIGNAL_CHANNEL } from '@stewardship/backstage-plugin-stewardship-common';
import { readAfterSilence } from './readAfterSilence';
import { SignalPace, useSignalReads } from './useSignalReads';

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
 * Without a signal for this long, the page reads again as if it had heard one: the shortest
 * staleness limit (`stewardship.slos.evaluation.staleAfter` is at least 10 minutes), so a signal
 * lost (published while the page's websocket was reconnecting after a backend restart, or before
 * it had subscribed) leaves figures at most this much behind, and an evaluation that stopped is
 * shown stale by the backend's own answer. Runs every 5 minutes signal the page long before.
 */
export const SLOS_SILENCE_READ_MS = 10 * 60_000;

/** One read per burst, this page's wait after its first signal. */
const afterPageDelay: SignalPace = read => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    heard() {
      // Signals heard while waiting are read with the first.
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        read();
      }, pageDelay());
    },
    stop: () => clearTimeout(timer),
  };
};

/** Defined once: a new pace would subscribe again. */
const evaluationPace = readAfterSilence(afterPageDelay, SLOS_SILENCE_READ_MS);

/**
 * Calls `onSignal` after the backend stored new SLO evaluations (the Backstage signals channel
 * `stewardship:slos`: a scheduled run, or someone's "evaluate now"), once per signal or burst of
 * signals, a random moment up to {@link SLOS_SIGNAL_SPREAD_MS} later (the same for the whole
 * page), and after {@link SLOS_SILENCE_READ_MS} without any signal. A browser tab in the
 * background reads when it is shown again, not while no one looks.
 * The message names nothing, so the caller reads again what it shows. Without the signals plugin
 * in the app (no signal API) this does nothing: the statuses are then those of the page's last
 * read, as before. `undefined` unsubscribes (e.g. a past "as of" view, which no evaluation
 * changes).
 */
export function useSloEvaluationSignal(onSignal?: () => void): void {
  useSignalReads(STEWARDSHIP_SLOS_SIGNAL_CHANNEL, onSignal, evaluationPace);
}
