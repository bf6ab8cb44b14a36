import { STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL } from '@stewardship/backstage-plugin-stewardship-common';
import { burstWindow, SIGNAL_BURST_WINDOW_MS } from '../../hooks/burstWindow';
import { useSignalReads } from '../../hooks/useSignalReads';

/** Incident signals in a burst are read once per this long (see {@link burstWindow}). */
export const INCIDENTS_SIGNAL_WINDOW_MS = SIGNAL_BURST_WINDOW_MS;

/**
 * Calls `onSignal` whenever the backend says incidents changed, on the Backstage signals channel
 * `stewardship:incidents`, at most once per {@link INCIDENTS_SIGNAL_WINDOW_MS} (every tab open
 * anywhere hears every incident write, so a burst must not become a burst of reads each). The
 * message names nothing, so the caller reads again what it shows. Without the signals plugin in
 * the app (no signal API) this does nothing: the section then only refreshes after the viewer's
 * own changes. A browser tab in the background reads once, when it is shown again.
 * `undefined` unsubscribes (e.g. a past "as of" view).
 */
export function useIncidentsSignal(onSignal?: () => void): void {
  useSignalReads(STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL, onSignal, burstWindow);
}
