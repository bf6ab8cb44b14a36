import { SignalPace } from './useSignalReads';

/**
 * Signals in a burst (a PagerDuty incident's events, an import, exemptions granted one after
 * another) are read once per this long: the first at once, the rest together at the end of the
 * window.
 */
export const SIGNAL_BURST_WINDOW_MS = 1000;

/**
 * The pace of signals someone's write sends: the first read at once (the change is news to
 * whoever looks), the rest of a burst once, at the end of its window. Every tab open anywhere
 * hears every such write, so a burst must not become a burst of reads each.
 */
export const burstWindow: SignalPace = read => {
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
    }, SIGNAL_BURST_WINDOW_MS);
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
