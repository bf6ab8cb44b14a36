import { STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL } from '@stewardship/backstage-plugin-stewardship-common';
import { burstWindow } from './burstWindow';
import { useSignalReads } from './useSignalReads';

/**
 * Calls `onSignal` whenever the backend says owners changed in Stewardship's own data (an
 * exemption granted or removed, an owner confirmed: the Backstage signals channel
 * `stewardship:ownership`), the first at once and a burst once per {@link burstWindow}. The
 * message names nothing, so the caller reads again what it shows. Changes in the catalog are not
 * signalled; without the signals plugin in the app (no signal API) this does nothing. A browser
 * tab in the background reads once, when it is shown again. `undefined` unsubscribes.
 */
export function useOwnershipSignal(onSignal?: () => void): void {
  useSignalReads(STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL, onSignal, burstWindow);
}
