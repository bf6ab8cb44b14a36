/**
 * Reads for a page that may be in a background browser tab: `request()` reads at once when the
 * page is shown, or once it is shown again, however many requests came while it was hidden. A
 * page no one looks at asks the backend nothing; the reader sees current figures when they come
 * back. `dispose()` stops listening (a read still due is dropped).
 */
export function createShownReader(read: () => void): {
  request: () => void;
  dispose: () => void;
} {
  let due = false;
  const onVisibilityChange = () => {
    if (!due || document.visibilityState === 'hidden') return;
    due = false;
    read();
  };
  document.addEventListener('visibilitychange', onVisibilityChange);
  return {
    request() {
      if (document.visibilityState === 'hidden') {
        due = true;
        return;
      }
      read();
    },
    dispose() {
      due = false;
      document.removeEventListener('visibilitychange', onVisibilityChange);
    },
  };
}
