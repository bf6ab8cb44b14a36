import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';

/**
 * A signals service (`factory`, for a test backend) that records what the plugin publishes in
 * `published`, in order (clear it with `published.length = 0` before the writes a test checks).
 */
export function recordingSignals() {
  const published: SignalPayload[] = [];
  const factory = createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async (signal: SignalPayload) => {
        published.push(signal);
      },
    }),
  });
  return { published, factory };
}
