import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';
import { createShownReader } from './shownReader';

/**
 * When to read after hearing a signal: `heard()` is called for every message, and calls `read`
 * when it is time to (at once, later, once for many); `stop()` drops what is pending. Defined
 * once, outside components: a new pace subscribes again.
 */
export type SignalPace = (read: () => void) => {
  heard: () => void;
  stop: () => void;
};

/**
 * Calls `onSignal` when the backend signals on `channel`, as `pace` spaces the reads. A browser
 * tab in the background reads nothing until it is shown again, then once. Without the signals
 * plugin in the app (no signal API) this does nothing; `undefined` unsubscribes.
 */
export function useSignalReads(
  channel: string,
  onSignal: (() => void) | undefined,
  pace: SignalPace,
): void {
  const signals = useApiHolder().get(signalApiRef);
  // The latest callback, without subscribing again on every render.
  const callback = useRef(onSignal);
  callback.current = onSignal;
  const listening = Boolean(onSignal);
  useEffect(() => {
    if (!signals || !listening) return undefined;
    const reader = createShownReader(() => callback.current?.());
    const paced = pace(reader.request);
    const subscription = signals.subscribe(channel, paced.heard);
    return () => {
      subscription.unsubscribe();
      paced.stop();
      reader.dispose();
    };
  }, [signals, listening, channel, pace]);
}
