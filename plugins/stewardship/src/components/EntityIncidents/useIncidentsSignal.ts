import { STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL } from '@stewardship/backstage-plugin-stewardship-common';
import { SignalPace, useSignalReads } from '../../hooks/useSignalReads';

/**
 * Signals in a burst (a PagerDuty incident's events, an import) are read once per this long: the
 * first at once, the rest together at the end of the window.
 */
export const INCIDENTS_SIGNAL_WINDOW_MS = 1000;

/** The first signal read at once; the rest of a burst once, at the end of its window. */
const burstWindow: SignalPace = read => {
  let window: ReturnType<typeof setTimeout> | undefined;
  let missed = false;
  const open = () => {
    window = setTimeout(() => {
      window = undefined;
      if (missed) {
        missed = false;
        read();
        open();
      }
    }, INCIDENTS_SIGNAL_WINDOW_MS);
  };
  return {
    heard() {
      if (window) {
        missed = true;
        return;
      }
      read();
      open();
    },
    stop: () => clearTimeout(window),
  };
};

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
