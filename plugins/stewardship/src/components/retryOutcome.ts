/*
 * What follows a press of a RequestErrorPanel's "Try again", for keyboard and screen-reader users.
 *
 * The panel's callers replace it while they read again (a progress bar) and when the read
 * succeeds (the content): the button that had focus leaves the page, the browser hands focus to
 * the page's body (a keyboard user starts over at the top), and nothing says how the read ended.
 * The panel cannot know what its caller shows next, so what happens is worked out from the page
 * itself: focus that was lost goes to the nearest part of the page that stayed (made focusable
 * for the moment), and once no progress bar (nor Backstage's placeholder for one) is left there, a status line says that the read
 * succeeded, or, when a panel came back, that it failed again (focus on its Try again).
 */

/** A panel on the page, as the retry sees it. */
export interface ShownPanel {
  wrapper: HTMLElement;
  /** What the panel says failed, e.g. "Could not read the SLOs: No answer". */
  title: string;
}

/**
 * The attribute every panel's element carries, with what it says failed: how a panel that came
 * back is found on the page. From the page, not from the panels' effects: React may run a new
 * panel's effects after the moment the outcome is looked at.
 */
export const PANEL_ATTRIBUTE = 'data-stewardship-failure';

interface PendingRetry {
  /** The panel whose Try again was pressed. */
  panel: ShownPanel;
  /** Its ancestors when pressed, nearest first: where focus goes if the panel leaves. */
  ancestors: HTMLElement[];
  /** What was read, e.g. "the SLOs" (the panel's `reading`), for the sentence on success. */
  reading?: string;
  /** The panels on the page when it was pressed: one not among them failed again. */
  panelsBefore: Set<Element>;
  stop?: () => void;
}

let pending: PendingRetry | undefined;
let announcer: HTMLElement | undefined;

/**
 * A read still running: a progress bar, or Backstage's `Progress` before it shows one (it waits a
 * moment, with an empty placeholder, so that a quick read does not flash a bar).
 */
const STILL_READING = '[role="progressbar"], [data-testid="progress"]';

/** How long a retry's read is waited for before nothing more is said (a stuck request). */
const READ_WAIT_MS = 120_000;

/**
 * The status line the outcome is said on: on the page before anything is said in it (screen
 * readers ignore a live region inserted with its text), and each sentence a new node, so that
 * "failed again" twice is heard twice. Outside any panel, so it stays when the panel goes.
 */
export function ensureRetryAnnouncer(doc: Document = document): HTMLElement {
  if (announcer?.isConnected && announcer.ownerDocument === doc) {
    return announcer;
  }
  const region = doc.createElement('div');
  // A polite live region without role="status": the page's own status lines (a view's
  // ChangeAnnouncement) stay the page's only `status`, for tools and tests that look one up.
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  region.setAttribute('data-testid', 'stewardship-retry-status');
  // Visually hidden, as useVisuallyHidden does (no JSS here: it lives outside React).
  Object.assign(region.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    padding: '0',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  });
  doc.body.appendChild(region);
  announcer = region;
  return region;
}

function say(text: string) {
  const region = ensureRetryAnnouncer();
  const sentence = region.ownerDocument.createElement('span');
  sentence.textContent = text;
  region.replaceChildren(sentence);
}

function focusLost(doc: Document) {
  const active = doc.activeElement;
  return !active || active === doc.body;
}

/** Focus on an element that is not a control: made focusable until focus leaves it again. */
function focusRegion(region: HTMLElement) {
  if (!region.hasAttribute('tabindex')) {
    region.setAttribute('tabindex', '-1');
    region.addEventListener('blur', () => region.removeAttribute('tabindex'), {
      once: true,
    });
  }
  region.focus();
}

/** How many frames focus waits for a Try again's ripple before it gives up (about 2 s). */
const RIPPLE_WAIT_FRAMES = 120;

/**
 * Focus on a panel's Try again once React has finished mounting it, unless the user has moved on:
 * MUI's ButtonBase throws ("Cannot read properties of null (reading 'pulsate')", and the whole
 * tab shows Backstage's error page) when the keyboard focuses it before its mount effect has
 * rendered its ripple, and the outcome is seen from a mutation observer inside the commit that
 * mounts it. The next frame is not always late enough: on a busy machine React ran those effects
 * later still (seen once in CI). So focus waits until the ripple is on the page, frame by frame,
 * and is not moved at all if it never comes.
 */
function focusWhenMounted(panel: HTMLElement, region: HTMLElement) {
  const doc = panel.ownerDocument;
  const win = doc.defaultView ?? window;
  let frames = 0;
  const attempt = () => {
    const button = panel.querySelector<HTMLElement>('[data-retry]');
    if (!button?.isConnected) return;
    const ready =
      !button.classList.contains('MuiButtonBase-root') ||
      button.querySelector('.MuiTouchRipple-root') !== null;
    if (!ready) {
      if (frames++ < RIPPLE_WAIT_FRAMES) win.requestAnimationFrame(attempt);
      return;
    }
    if (focusLost(doc) || doc.activeElement === region) {
      button.focus();
    }
  };
  win.requestAnimationFrame(() => win.setTimeout(attempt, 0));
}

function finish(retry: PendingRetry) {
  retry.stop?.();
  if (pending === retry) pending = undefined;
}

/** Try again was pressed on `panel`, inside `reading` (e.g. "the SLOs") when given. */
export function retryStarted(panel: ShownPanel, reading?: string) {
  if (pending) finish(pending);
  const ancestors: HTMLElement[] = [];
  for (let el = panel.wrapper.parentElement; el; el = el.parentElement) {
    ancestors.push(el);
  }
  const panelsBefore = new Set(
    panel.wrapper.ownerDocument.querySelectorAll(`[${PANEL_ATTRIBUTE}]`),
  );
  pending = { panel, ancestors, reading, panelsBefore };
}

/** The panel whose Try again was pressed still shows, with a new failure: it failed again. */
export function panelFailedAgain(panel: ShownPanel) {
  if (pending?.panel !== panel) return;
  const retry = pending;
  finish(retry);
  say(`Tried again. ${panel.title}`);
}

/**
 * A panel left the page. When it is the retried one, the caller reads again or shows what it
 * read: focus lost with the panel goes to the nearest part of the page that stayed, and the
 * outcome is said once no progress bar is left there.
 */
export function panelGone(panel: ShownPanel) {
  if (pending?.panel !== panel) return;
  const retry = pending;
  // After the commit that removed the panel: the caller's new content (or the next panel) is
  // on the page by then.
  const timer = setTimeout(() => settle(retry), 0);
  retry.stop = () => clearTimeout(timer);
}

function settle(retry: PendingRetry) {
  const region = retry.ancestors.find(el => el.isConnected);
  if (!region) {
    finish(retry);
    return;
  }
  const doc = region.ownerDocument;
  if (focusLost(doc)) focusRegion(region);

  const outcome = () => {
    const again = [
      ...region.querySelectorAll<HTMLElement>(`[${PANEL_ATTRIBUTE}]`),
    ].find(el => !retry.panelsBefore.has(el));
    if (again) {
      finish(retry);
      focusWhenMounted(again, region);
      say(`Tried again. ${again.getAttribute(PANEL_ATTRIBUTE)}`);
      return true;
    }
    if (region.querySelector(STILL_READING)) return false;
    finish(retry);
    say(retry.reading ? `Loaded ${retry.reading}.` : 'Loaded.');
    return true;
  };

  if (outcome()) return;
  const observer = new MutationObserver(() => {
    outcome();
  });
  observer.observe(region, { childList: true, subtree: true });
  const timer = setTimeout(() => finish(retry), READ_WAIT_MS);
  retry.stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}
