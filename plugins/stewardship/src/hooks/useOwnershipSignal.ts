import { STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL } from '@stewardship/backstage-plugin-stewardship-common';
import { burstWindow } from './burstWindow';
import { readAfterSilence } from './readAfterSilence';
import { useSignalReads } from './useSignalReads';

/**
 * Without a signal for this long, the page reads the owners again as if it had heard one: a
 * signal lost (a websocket reconnecting) is caught up, and so are changes in the catalog itself
 * (an annotation edited, a group's members), which send none.
 */
export const OWNERSHIP_SILENCE_READ_MS = 10 * 60_000;

/** Defined once: a new pace would subscribe again. */
const ownershipPace = readAfterSilence(burstWindow, OWNERSHIP_SILENCE_READ_MS);

/**
 * Calls `onSignal` whenever the backend says owners changed in Stewardship's own data (an
 * exemption granted or removed, an owner confirmed: the Backstage signals channel
 * `stewardship:ownership`), the first at once and a burst once per {@link burstWindow}. The
 * message names nothing, so the caller reads again what it shows. Changes in the catalog are not
 * signalled: they are read after {@link OWNERSHIP_SILENCE_READ_MS} without a signal, as a lost
 * signal is. Without the signals plugin in the app (no signal API) this does nothing. A browser
 * tab in the background reads once, when it is shown again. `undefined` unsubscribes.
 */
export function useOwnershipSignal(onSignal?: () => void): void {
  useSignalReads(STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL, onSignal, ownershipPace);
}
