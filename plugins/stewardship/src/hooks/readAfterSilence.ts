import { SignalPace } from './useSignalReads';

/**
 * `pace`, plus a signal of its own after `silenceMs` without one: a page kept current by signals
 * reads again by itself when it has heard nothing for that long. A signal is lost when published
 * while the page's websocket was reconnecting (a backend restart) or before it had subscribed,
 * and some changes send none at all; this bounds how far behind the page can fall. Each signal
 * heard starts the silence over. Apply once, outside components: a new pace subscribes again.
 */
export function readAfterSilence(
  pace: SignalPace,
  silenceMs: number,
): SignalPace {
  return read => {
    const paced = pace(read);
    let silence: ReturnType<typeof setTimeout>;
    const listen = () => {
      clearTimeout(silence);
      silence = setTimeout(() => {
        listen();
        paced.heard();
      }, silenceMs);
    };
    listen();
    return {
      heard() {
        listen();
        paced.heard();
      },
      stop() {
        clearTimeout(silence);
        paced.stop();
      },
    };
  };
}
