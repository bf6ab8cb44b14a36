import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/** The channel the backend signals incident changes on (a write, a PagerDuty event). */
export const INCIDENTS_SIGNAL_CHANNEL = 'stewardship:incidents';

/**
 * Calls `onSignal` whenever the backend says incidents changed, on the Backstage signals channel
 * `stewardship:incidents`. The message names nothing, so the caller reads again what it shows.
 * Without the signals plugin in the app (no signal API) this does nothing: the section then only
 * refreshes after the viewer's own changes. `undefined` unsubscribes (e.g. a past "as of" view).
 */
export function useIncidentsSignal(onSignal?: () => void): void {
  const signals = useApiHolder().get(signalApiRef);
  // The latest callback, without subscribing again on every render.
  const callback = useRef(onSignal);
  callback.current = onSignal;
  const listening = Boolean(onSignal);
  useEffect(() => {
    if (!signals || !listening) return undefined;
    const subscription = signals.subscribe(INCIDENTS_SIGNAL_CHANNEL, () =>
      callback.current?.(),
    );
    return () => subscription.unsubscribe();
  }, [signals, listening]);
}
