import { STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL } from '@stewardship/backstage-plugin-stewardship-common';
import { burstWindow, SIGNAL_BURST_WINDOW_MS } from '../../hooks/burstWindow';
import { readAfterSilence } from '../../hooks/readAfterSilence';
import { useSignalReads } from '../../hooks/useSignalReads';

/** Incident signals in a burst are read once per this long (see {@link burstWindow}). */
export const INCIDENTS_SIGNAL_WINDOW_MS = SIGNAL_BURST_WINDOW_MS;

/**
 * Without a signal for this long, the incidents are read again as if one had come: a signal lost
 * while the page's websocket was reconnecting (a backend restart) is caught up.
 */
export const INCIDENTS_SILENCE_READ_MS = 10 * 60_000;

/** Defined once: a new pace would subscribe again. */
const incidentsPace = readAfterSilence(burstWindow, INCIDENTS_SILENCE_READ_MS);

/**
 * Calls `onSignal` whenever the backend says incidents changed, on the Backstage signals channel
 * `stewardship:incidents`, at most once per {@link INCIDENTS_SIGNAL_WINDOW_MS} (every tab open
 * anywhere hears every incident write, so a burst must not become a burst of reads each). The
 * message names nothing, so the caller reads again what it shows. Without the signals plugin in
 * the app (no signal API) this does nothing: the section then only refreshes after the viewer's
 * own changes. After {@link INCIDENTS_SILENCE_READ_MS} without a signal it reads as if it had
 * heard one. A browser tab in the background reads once, when it is shown again.
 * `undefined` unsubscribes (e.g. a past "as of" view).
 */
export function useIncidentsSignal(onSignal?: () => void): void {
  useSignalReads(STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL, onSignal, incidentsPace);
}
