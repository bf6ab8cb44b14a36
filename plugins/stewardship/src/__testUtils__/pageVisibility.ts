/**
 * Shows or hides the page as a browser does when its tab goes to the background or comes back:
 * `document.visibilityState` changes and `visibilitychange` is dispatched. Tests set it back to
 * `visible` after themselves.
 */
export function setPageVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}
