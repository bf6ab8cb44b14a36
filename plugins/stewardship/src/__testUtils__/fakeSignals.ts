import { signalApiRef } from '@backstage/plugin-signals-react';

/**
 * A signal API that remembers its subscribers, so a test can send them a message as the signals
 * backend would (`send(channel, message)`).
 */
export function fakeSignals() {
  const subscribers = new Map<string, Set<(message: object) => void>>();
  const api: typeof signalApiRef.T = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      const deliver = (message: object) => onMessage(message as never);
      set.add(deliver);
      subscribers.set(channel, set);
      return { unsubscribe: () => void set.delete(deliver) };
    },
  };
  return {
    subscribers,
    api,
    /** How many subscribe to `channel` now. */
    listening: (channel: string) => subscribers.get(channel)?.size ?? 0,
    send: (channel: string, message: object = {}) =>
      subscribers.get(channel)?.forEach(deliver => deliver(message)),
  };
}
