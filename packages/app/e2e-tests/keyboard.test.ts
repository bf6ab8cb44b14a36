/* eslint-disable no-restricted-imports */
/*
 * The Stewardship tabs with the keyboard alone, in the built app against the real backend, in
 * Debian's Chromium. Every path under test is driven with page.keyboard only (Tab, Shift+Tab,
 * Enter, Space, Escape, arrow keys, typing). Where focus is, is document.activeElement, with the
 * role and name Chromium's accessibility tree gives it (what a screen reader announces).
 *
 * Every control of the plugin that Tab reaches on the way is checked for an accessible name and a
 * visible focus indicator: the pixels around it, captured focused and then blurred, must differ
 * (one control of each kind, i.e. of the same element and MUI classes, is captured). Each dialog must take focus
 * when it opens (inside the element with role "dialog"), keep it while Tab goes round, close on
 * Escape and hand focus back to the control that opened it.
 *
 * Signed in as the demo's platform admin, who may use every control. Data changed: an exemption
 * for shipping-service's engineering owner, granted and removed (every exemption there is removed
 * before and after, as governance.test.ts does: ownership.test.ts counts the demo's statuses), and
 * an attestation of checkout-service's engineering owner, which governance.test.ts makes too (it
 * changes no status).
 */
import { BrowserContext, CDPSession, expect, Page } from '@playwright/test';
import { test } from './pageErrors';
import { BACKSTAGE_CHROME, useTheme } from './axe';
import { recordAnnouncements, saidOnPage } from './announcements';
import { signInAs, tokenOf } from './signIn';

test.use({
  viewport: { width: 1440, height: 1000 },
  timezoneId: 'UTC',
  locale: 'en-US',
});

/** The focused element as the accessibility tree has it. */
interface Focus {
  role: string;
  name: string;
  expanded?: boolean;
  /** A toggle button's state: "true", "false" or "mixed". */
  pressed?: string;
  /** The accessible name of the dialog focus is in, if any. */
  dialog?: string;
  /** MUI's container around a dialog, where its focus trap parks focus between rounds. */
  dialogContainer: boolean;
  /** A control of the plugin (not Backstage's sidebar, header or tabs). */
  ours: boolean;
  /** The same element as the previous read (a date input's next segment). */
  same: boolean;
}

/** Focus moves at once, or after a render: look again soon. */
const POLL = { intervals: [25, 50, 100] };

/** Pixels around a control that its focus indicator may change. */
const MARGIN = 16;

/** Where a control is, and the window's part of the page, both in the page's coordinates. */
interface Place {
  control: { x: number; y: number; w: number; h: number };
  window: { x: number; y: number; w: number; h: number };
}
type Clip = { x: number; y: number; width: number; height: number; scale: 1 };

/**
 * The pixels around a control within the window: the indicator may be drawn around the control,
 * or on its frame (a text field's outline sits ~14 px around the input element).
 */
function clipAround({ control, window: view }: Place): Clip {
  const x = Math.max(view.x, control.x - MARGIN);
  const y = Math.max(view.y, control.y - MARGIN);
  return {
    x,
    y,
    width: Math.min(view.x + view.w, control.x + control.w + MARGIN) - x,
    height: Math.min(view.y + view.h, control.y + control.h + MARGIN) - y,
    scale: 1,
  };
}

const describe = (f: Focus) =>
  `${f.role} "${f.name}"${f.dialog ? ` in dialog "${f.dialog}"` : ''}`;

/** A role and a name (exact, or a pattern) that a focused element should have. */
type Wanted = { role: string; name: string | RegExp };

const matches = (f: Focus, wanted: Wanted) =>
  f.role === wanted.role &&
  (typeof wanted.name === 'string'
    ? f.name === wanted.name
    : wanted.name.test(f.name));

/**
 * The keyboard user: presses keys, reads focus, and checks each newly focused control of the
 * plugin for a name and a visible focus indicator (problems are collected, reported at the end).
 */
class KeyboardUser {
  readonly problems: string[] = [];
  private readonly checked = new Set<string>();

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async on(page: Page) {
    // A text field's blinking caret would make focused and blurred differ by chance.
    await page.addStyleTag({
      content: '* { caret-color: transparent !important; }',
    });
    return new KeyboardUser(page, await page.context().newCDPSession(page));
  }

  private async axNode(expression: string) {
    const { result } = await this.cdp.send('Runtime.evaluate', { expression });
    if (!result.objectId) return undefined;
    const { nodes } = await this.cdp.send('Accessibility.getPartialAXTree', {
      objectId: result.objectId,
      fetchRelatives: false,
    });
    return nodes[0];
  }

  /** Where focus is now. */
  async focus(): Promise<Focus> {
    const where = await this.page.evaluate(chrome => {
      const el = document.activeElement;
      const w = window as any;
      const same = w.__keyboardLast === el;
      w.__keyboardLast = el;
      if (!el || el === document.body) return undefined;
      w.__keyboardDialog = el.closest('[role="dialog"]');
      return {
        same,
        container: !!el.querySelector(':scope > [role="dialog"]'),
        inDialog: !!w.__keyboardDialog,
        ours:
          !!w.__keyboardDialog ||
          (!!el.closest('main') && !chrome.some(c => el.closest(c))),
      };
    }, BACKSTAGE_CHROME);
    if (!where) {
      return {
        role: 'none',
        name: 'the page body (focus lost)',
        dialogContainer: false,
        ours: false,
        same: false,
      };
    }
    const [node, dialog] = await Promise.all([
      this.axNode('window.__keyboardLast'),
      where.inDialog ? this.axNode('window.__keyboardDialog') : undefined,
    ]);
    const property = (key: string) =>
      node?.properties?.find(p => p.name === key)?.value.value;
    return {
      role: String(node?.role?.value ?? ''),
      name: String(node?.name?.value ?? ''),
      expanded: property('expanded') as boolean | undefined,
      pressed: property('pressed') as string | undefined,
      dialog: dialog ? String(dialog.name?.value ?? '') : undefined,
      dialogContainer: where.container,
      ours: where.ours,
      same: where.same,
    };
  }

  /** Presses `key` and returns where focus went, checking a newly focused control. */
  async press(key: string): Promise<Focus> {
    await this.page.keyboard.press(key);
    const focus = await this.focus();
    if (focus.ours && !focus.same && !focus.dialogContainer) {
      await this.check(focus);
    }
    return focus;
  }

  /**
   * Tab on through the page's remaining controls (each checked as `press` checks it) until focus
   * leaves the plugin's markup, at most `presses` times.
   */
  async tabThroughRest(presses: number) {
    for (let i = 0; i < presses; i++) {
      if (!(await this.press('Tab')).ours) break;
    }
  }

  /** A name, and pixels around the control that change when it loses focus. */
  private async check(focus: Focus) {
    const control = await this.page.evaluate(() => {
      const el = document.activeElement!;
      (window as any).__keyboardControl = el;
      // MUI's classes without the numbers each page's style sheets add (MuiButton-root-754).
      const classes = [
        ...new Set(
          [...el.classList]
            .filter(c => /^Mui[A-Z]/.test(c))
            .map(c => c.replace(/-\d+$/, '')),
        ),
      ]
        .sort()
        .join(' ');
      return {
        kind: `${el.tagName} ${el.getAttribute('type') ?? ''} ${
          el.getAttribute('role') ?? ''
        } ${classes}`,
        html: el.outerHTML.slice(0, 160),
      };
    });
    const label = `${describe(focus)}${
      focus.name.trim() ? '' : ` (${control.html})`
    }`;
    if (!focus.name.trim()) this.problems.push(`${label}: no accessible name`);
    // Controls of one kind show focus alike, so one of each is screenshotted (a tab has a hundred
    // controls, and each costs two screenshots): the same element and MUI classes. The plugin's
    // own styles touch no focus style (no outline, no :focus rule).
    if (this.checked.has(control.kind)) return;
    this.checked.add(control.kind);
    // Chromium's own screenshots of the pixels around the control, focused and then blurred
    // (Playwright's screenshot waits for a stable page, which takes a hundred times longer).
    const shots = await this.shootFocusedAndBlurred();
    if (!shots) {
      this.problems.push(`${label}: focused but not in the window`);
    } else if (shots.focused.equals(shots.blurred)) {
      this.problems.push(`${label}: no visible focus indicator`);
    }
  }

  /**
   * Where the control under check is once its page has settled, in the page's coordinates (those
   * of Chromium's screenshots), with the window's part of the page.
   */
  private async settledPlace(): Promise<Place> {
    return this.page.evaluate(async () => {
      // Once the control's transitions (a background fading in) have ended: mid-way, focused
      // and blurred can look the same. Endless animations (MUI's pulsing ripple) never end.
      // Two frames first: MUI draws a keyboard focus in React state (focusVisible, then its
      // ripple mounts), and an animation not started yet cannot be waited for (the row's
      // "Show details" button was seen without its indicator, now and then).
      await new Promise(resolve =>
        requestAnimationFrame(() => requestAnimationFrame(resolve)),
      );
      const control = (window as any).__keyboardControl as Element;
      const near = (a: Animation) => {
        const target = (a.effect as KeyframeEffect | null)?.target;
        return (
          !!target && (control.contains(target) || target.contains(control))
        );
      };
      await Promise.race([
        Promise.all(
          document
            .getAnimations()
            .filter(
              a =>
                near(a) &&
                a.effect?.getComputedTiming().iterations !== Infinity,
            )
            .map(a => a.finished.catch(() => undefined)),
        ),
        new Promise(resolve => setTimeout(resolve, 1000)),
      ]);
      const r = control.getBoundingClientRect();
      const { scrollX, scrollY, innerWidth, innerHeight } = window;
      return {
        control: {
          x: r.x + scrollX,
          y: r.y + scrollY,
          w: r.width,
          h: r.height,
        },
        window: { x: scrollX, y: scrollY, w: innerWidth, h: innerHeight },
      };
    });
  }

  /**
   * The same pixels around the control under check, focused and then blurred (focus is given
   * back after), or nothing when the control is outside the window. The control's place is read
   * before each screenshot and after the pair, and the pair taken again when it moved: measured
   * once, a part of the page still loading above the control (an incident's Owner field on the
   * SLO tab was seen 103 px lower by the blurred shot) left it outside the clip, and two shots of
   * the page beside it look alike.
   */
  private async shootFocusedAndBlurred(): Promise<
    { focused: Buffer; blurred: Buffer } | undefined
  > {
    const shoot = async (clip: Clip) => {
      const { data } = await this.cdp.send('Page.captureScreenshot', {
        clip,
        optimizeForSpeed: true,
      });
      return Buffer.from(data, 'base64');
    };
    const samePlace = (a: Place, b: Place) =>
      JSON.stringify(a) === JSON.stringify(b);
    let shots: { focused: Buffer; blurred: Buffer } | undefined;
    for (let attempt = 0; attempt < 5 && !shots; attempt++) {
      const place = await this.settledPlace();
      const clip = clipAround(place);
      if (clip.width <= 0 || clip.height <= 0) return undefined;
      const focused = await shoot(clip);
      await this.page.evaluate(() => (window as any).__keyboardControl.blur());
      const blurredPlace = await this.settledPlace();
      const blurred = await shoot(clip);
      await this.page.evaluate(() => (window as any).__keyboardControl.focus());
      if (
        samePlace(place, blurredPlace) &&
        samePlace(place, await this.settledPlace())
      ) {
        shots = { focused, blurred };
      }
    }
    if (!shots) throw new Error('The control under check kept moving');
    return shots;
  }

  /**
   * Presses `key` (Tab, or Shift+Tab) until focus is on `wanted`, checking every control on the
   * way; fails with the path taken when it is not reached within `max` presses.
   */
  async moveTo(wanted: Wanted, key = 'Tab', max = 80): Promise<Focus> {
    const path: string[] = [];
    for (let i = 0; i < max; i++) {
      const focus = await this.press(key);
      path.push(describe(focus));
      if (matches(focus, wanted)) return focus;
    }
    throw new Error(
      `${wanted.role} "${
        wanted.name
      }" not reached with ${key}; focus went to:\n${path.join('\n')}`,
    );
  }

  /** Expects focus on `wanted` (in the dialog named `dialog`, or in none). */
  async expectFocus(wanted: Wanted & { dialog?: string }) {
    await expect
      .poll(async () => {
        const focus = await this.focus();
        return matches(focus, wanted) && focus.dialog === wanted.dialog
          ? 'as wanted'
          : describe(focus);
      }, POLL)
      .toBe('as wanted');
    return this.focus();
  }

  /**
   * With focus on the control that opens it: opens the dialog named `dialog` with Enter, expects
   * focus on its first control (`first`), goes round all its controls with Tab (focus must
   * never leave the dialog), closes it with Escape and expects focus back on the opener.
   */
  async openAndEscape(opener: Wanted, dialog: string, first: Wanted) {
    await this.page.keyboard.press('Enter');
    await this.expectFocus({ ...first, dialog });
    await this.check(await this.focus());
    const path: string[] = [];
    for (let i = 0; ; i++) {
      const focus = await this.press('Tab');
      path.push(describe(focus));
      if (!focus.dialog && !focus.dialogContainer) {
        throw new Error(`Tab left the dialog "${dialog}":\n${path.join('\n')}`);
      }
      if (matches(focus, first) && focus.dialog === dialog) break;
      if (i > 60) throw new Error(`Tab never came round:\n${path.join('\n')}`);
    }
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('dialog', { name: dialog })).toBeHidden();
    await this.expectFocus(opener);
  }

  /** Fails when a control met on the way had no name or no visible focus indicator. */
  expectNoProblems() {
    expect(this.problems, this.problems.join('\n')).toEqual([]);
  }
}

/** Opens a tab and waits until it has loaded: `ready` shows and no spinner is left. */
async function openTab(page: Page, path: string, ready: Wanted) {
  await page.goto(path);
  await expect(
    page.getByRole(ready.role as any, { name: ready.name }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('progressbar')).toHaveCount(0, {
    timeout: 30_000,
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The focused element's outline as Chromium draws it, and its contrast with what it is drawn on:
 * the background beside the element (or, for an outline drawn inside it, its own), the
 * translucent layers composited down to the first opaque one (WCAG 1.4.11 asks 3:1).
 */
async function focusOutline(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const rgba = (colour: string) => {
      const [r, g, b, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a };
    };
    type Rgba = ReturnType<typeof rgba>;
    const over = (top: Rgba, below: Rgba): Rgba => ({
      r: top.a * top.r + (1 - top.a) * below.r,
      g: top.a * top.g + (1 - top.a) * below.g,
      b: top.a * top.b + (1 - top.a) * below.b,
      a: 1,
    });
    const inside = parseFloat(style.outlineOffset) < 0;
    const layers: Rgba[] = [];
    for (
      let e: Element | null = inside ? el : el.parentElement;
      e;
      e = e.parentElement
    ) {
      const layer = rgba(getComputedStyle(e).backgroundColor);
      if (layer.a > 0) layers.push(layer);
      if (layer.a >= 1) break;
    }
    const background = layers
      .reverse()
      .reduce((below, top) => over(top, below), {
        r: 255,
        g: 255,
        b: 255,
        a: 1,
      });
    const line = over(rgba(style.outlineColor), background);
    const luminance = ({ r, g, b }: Rgba) => {
      const [lr, lg, lb] = [r, g, b].map(v => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
    };
    const [light, dark] = [luminance(line), luminance(background)].sort(
      (a, b) => b - a,
    );
    return {
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      // Negative: drawn inside the element, where no neighbour or parent's edge can cover it.
      offset: parseFloat(style.outlineOffset),
      contrast: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
      colours: `${style.outlineColor} on ${JSON.stringify(background)}`,
    };
  });
}

/** A focus indicator that is easy to see: a line of 2 px or more, at 3:1 or more. */
function expectClearOutline(
  drawn: Awaited<ReturnType<typeof focusOutline>>,
  what: string,
) {
  expect(drawn.style, `${what}: outline style`).not.toBe('none');
  expect(drawn.width, `${what}: outline width`).toBeGreaterThanOrEqual(2);
  expect(drawn.contrast, `${what}: ${drawn.colours}`).toBeGreaterThanOrEqual(3);
}

const SHIPPING = '/api/stewardship/entities/component/default/shipping-service';

test.describe('the keyboard alone', () => {
  // Each key press is followed by a read of where focus went, so these tests take 40-50 s on a
  // quiet machine and over 90 s on a busy one (seen with other test runs sharing its 2 cores):
  // the bound is for a hang, not for a slow machine.
  test.describe.configure({ timeout: 180_000 });
  // Signed in once: the demo keeps the choice in the browser's storage, which each test starts with.
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signInAs(page, 'admin', '/');
    signedIn = await page.context().storageState();
    await page.close();
  });
  test.use({
    storageState: async ({ baseURL: _ }, provide) => provide(signedIn),
  });

  test('SLOs tab: as of, SLO details, why this number, the SLO and incident dialogs', async ({
    page,
  }) => {
    const SHOW = { role: 'button', name: 'Show details of availability' };
    await openTab(
      page,
      '/catalog/default/component/checkout-service/slos',
      SHOW,
    );
    const user = await KeyboardUser.on(page);

    // "As of": type a moment (yesterday 09:30, the browser's zone is UTC), then back to now.
    const asOf = { role: 'DateTime', name: 'As of (your local time)' };
    await user.moveTo(asOf);
    const day = new Date(Date.now() - 86_400_000);
    const [yyyy, mm, dd] = [
      day.getUTCFullYear(),
      pad(day.getUTCMonth() + 1),
      pad(day.getUTCDate()),
    ];
    await page.keyboard.type(`${mm}${dd}${yyyy}0930A`);
    await expect(page).toHaveURL(
      new RegExp(`[?&]at=${yyyy}-${mm}-${dd}T09%3A30%3A00\\.000Z`),
    );
    await expect(
      page.getByText(`Showing the state as of ${yyyy}-${mm}-${dd} 09:30 UTC`),
    ).toBeVisible();
    await user.expectFocus(asOf);
    await user.moveTo({ role: 'button', name: /^now$/i });
    await page.keyboard.press('Enter');
    await expect(page).not.toHaveURL(/[?&]at=/);
    await expect(page.getByText('Showing the current state')).toBeVisible();
    // "Now" is disabled at once: focus goes back to the input rather than to the page's body.
    await user.expectFocus(asOf);
    await expect(page.getByRole('button', SHOW)).toBeVisible();

    // The SLO dialogs: each takes focus, keeps it, closes on Escape and gives it back.
    const create = { role: 'button', name: 'Create SLO' };
    await user.moveTo(create);
    await user.openAndEscape(create, 'New SLO', {
      role: 'textbox',
      name: 'Name',
    });
    const edit = { role: 'button', name: 'Edit availability' };
    await user.moveTo(edit);
    // Editing: the same form as a new SLO's, gone round above; its delete confirmation starts on
    // Keep (Enter deletes nothing) and hands focus back to Delete when closed with Escape.
    await page.keyboard.press('Enter');
    const editing = 'Edit SLO availability';
    await user.expectFocus({ role: 'textbox', name: 'Name', dialog: editing });
    const remove = { role: 'button', name: /^delete$/i };
    await user.moveTo(remove);
    await page.keyboard.press('Enter');
    await user.expectFocus({
      role: 'button',
      name: /^keep$/i,
      dialog: 'Delete SLO availability?',
    });
    await page.keyboard.press('Escape');
    await user.expectFocus({ ...remove, dialog: editing });
    // (MUI takes the editor's Escape only once the confirmation has faded out.)
    await expect(
      page.getByRole('dialog', { name: 'Delete SLO availability?' }),
    ).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await user.expectFocus(edit);

    // An SLO's details open with Enter on its button, which keeps focus and says it is expanded.
    await user.moveTo(SHOW, 'Shift+Tab');
    await page.keyboard.press('Enter');
    const hide = await user.expectFocus({
      role: 'button',
      name: 'Hide details of availability',
    });
    expect(hide.expanded).toBe(true);
    await expect(
      page.getByRole('heading', { name: 'Error budget burndown' }),
    ).toBeVisible({ timeout: 30_000 });

    const addCorrection = { role: 'button', name: /^add correction$/i };
    await user.moveTo(addCorrection);
    await user.openAndEscape(
      addCorrection,
      'Add a correction to availability',
      {
        role: 'textbox',
        name: 'Reason',
      },
    );

    // "Why this number": each figure's panel opens with Enter and closes with Space.
    const why = { role: 'button', name: 'Why this SLI' };
    await expect(page.getByRole('button', why)).toBeVisible({
      timeout: 30_000,
    });
    await user.moveTo(why);
    await page.keyboard.press('Enter');
    expect((await user.expectFocus(why)).expanded).toBe(true);
    await expect(
      // A bad / total SLI reads its counts as bad, total and the good they give.
      page.getByText(/^(good|bad) = .*, total = .*\(SLO window\)$/).first(),
    ).toBeVisible();
    await user.moveTo({ role: 'button', name: 'Copy query 1' });
    await user.moveTo(why, 'Shift+Tab');
    await page.keyboard.press(' ');
    await expect
      .poll(async () => (await user.focus()).expanded, POLL)
      .toBe(false);
    // Gone once folded (Tab would otherwise still reach into the folding panel).
    await expect(
      page.getByRole('button', { name: 'Copy query 1' }),
    ).toHaveCount(0);

    // Recording an incident: the dialog, and its severity menu inside it, each close on Escape.
    const record = { role: 'button', name: /^record incident$/i };
    const title = { role: 'textbox', name: 'Title' };
    await user.moveTo(record);
    await user.openAndEscape(record, 'Record incident', title);
    await page.keyboard.press('Enter');
    await user.expectFocus({ ...title, dialog: 'Record incident' });
    const severity = { role: 'button', name: /^Severity / };
    await user.moveTo(severity);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('listbox')).toBeVisible();
    await user.expectFocus({ role: 'option', name: 'SEV3' });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toBeHidden();
    await user.expectFocus({ ...severity, dialog: 'Record incident' });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await user.expectFocus(record);

    // An incident's details, and the rest of the tab to the end of the page.
    const incident = {
      role: 'button',
      name: /^Show details of (?!availability)/,
    };
    await user.moveTo(incident);
    await page.keyboard.press('Enter');
    expect(
      (await user.expectFocus({ role: 'button', name: /^Hide details of / }))
        .expanded,
    ).toBe(true);
    await user.tabThroughRest(80);
    user.expectNoProblems();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`a text button and an expander show a clear outline when Tab reaches them (${theme} theme)`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      const show = { role: 'button', name: 'Show details of availability' };
      await openTab(
        page,
        '/catalog/default/component/checkout-service/slos',
        show,
      );
      const user = await KeyboardUser.on(page);
      await user.moveTo(show);
      expectClearOutline(await focusOutline(page), `"${show.name}"`);

      // "Why this number": an expander, whose line is drawn inside it.
      await page.keyboard.press('Enter');
      const why = { role: 'button', name: 'Why this SLI' };
      await expect(page.getByRole('button', why)).toBeVisible({
        timeout: 30_000,
      });
      await user.moveTo(why);
      const drawn = await focusOutline(page);
      expectClearOutline(drawn, `"${why.name}"`);
      // Inside the expander: the panels above and below paint over a line drawn outside it.
      expect(drawn.offset, `"${why.name}": outline offset`).toBeLessThan(0);
      user.expectNoProblems();
    });
  }

  test('Scorecard: arrowing through a filter reads the scorecard once, for the option it stays on; a sort is said', async ({
    page,
  }) => {
    // On a closed native select each arrow key is a change: each was a new scorecard read and a
    // new "Showing …" line, five for five options.
    await openTab(page, '/stewardship', {
      role: 'heading',
      name: /^Failing entities \(\d+\)$/,
    });
    const user = await KeyboardUser.on(page);
    const kind = { role: 'combobox', name: /^Kind$/ };
    await user.moveTo(kind);
    const reads: string[] = [];
    page.on('request', request => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/api/stewardship/ownership/scorecard')) {
        reads.push(url.searchParams.get('kind') ?? '(any)');
      }
    });
    // All kinds, component, api, system: three steps down, each well within the 400 ms a choice
    // must stay (key presses are milliseconds apart, even on a busy machine).
    const answered = page.waitForResponse(response => {
      const url = new URL(response.url());
      return (
        url.pathname.endsWith('/api/stewardship/ownership/scorecard') &&
        url.searchParams.get('kind') === 'system'
      );
    });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect((await answered).status()).toBe(200);
    await expect(page).toHaveURL(/[?&]kind=system(&|$)/);
    await expect(page.getByLabel('Kind')).toHaveValue('system');
    // Another second: no late read for an option passed on the way.
    await page.waitForTimeout(1_000);
    expect(reads).toEqual(['system']);
    await user.expectFocus(kind);

    // A column sort is said, not only drawn as an arrow (aria-sort is read only on the header).
    await openTab(page, '/stewardship?groupBy=owner', {
      role: 'heading',
      name: /^By owning group/,
    });
    const groupSorts = await KeyboardUser.on(page);
    // Chromium names a header's button as drawn, upper case.
    const group = { role: 'button', name: /^group$/i };
    await groupSorts.moveTo(group);
    await page.keyboard.press('Enter');
    const header = page.getByRole('columnheader', { name: /^group$/i });
    await expect(header).toHaveAttribute('aria-sort', /^(a|de)scending$/);
    const direction = await header.getAttribute('aria-sort');
    await expect(
      page.getByRole('status').filter({ hasText: /^Sorted by / }),
    ).toHaveText(`Sorted by Group, ${direction}.`);
    await groupSorts.expectFocus(group);
    user.expectNoProblems();
    groupSorts.expectNoProblems();
  });

  test('Backlog tab: its views, its links, the release gate override', async ({
    page,
  }) => {
    // legacy-billing's budget is spent: its gate blocks, and the admin may override it.
    const views = { role: 'button', name: /^ranked$/i };
    await openTab(
      page,
      '/catalog/default/component/legacy-billing/backlog',
      views,
    );
    const user = await KeyboardUser.on(page);

    const override = { role: 'button', name: /^override the block/i };
    await user.moveTo(override);
    await user.openAndEscape(override, 'Override the release gate', {
      role: 'textbox',
      name: 'Justification',
    });

    // A view is a toggle: Enter presses it, and focus stays on it while the list changes.
    const reliability = { role: 'button', name: /^reliability work$/i };
    await user.moveTo(reliability);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { name: /^Reliability work \(\d+\)$/ }),
    ).toBeVisible();
    expect((await user.expectFocus(reliability)).pressed).toBe('true');
    await user.moveTo(views, 'Shift+Tab');
    await page.keyboard.press(' ');
    await expect(
      page.getByRole('heading', { name: /^Ranked \(\d+\)$/ }),
    ).toBeVisible();
    expect((await user.expectFocus(views)).pressed).toBe('true');

    // The sortable headings and the items' links, to the end of the page.
    await user.tabThroughRest(80);
    user.expectNoProblems();
  });

  test('Ownership tab: granting and removing an exemption, confirming an owner', async ({
    page,
  }) => {
    // shipping-service has no engineering owner: the admin may grant an exemption. Other tests
    // count its roles (ownership.test.ts), so none is left behind, whatever happens here.
    const removeExemptions = async () => {
      const headers = {
        Authorization: `Bearer ${await tokenOf(page, 'admin')}`,
      };
      const list = await page.request.get(`${SHIPPING}/ownership/exemptions`, {
        headers,
      });
      expect(list.status()).toBe(200);
      for (const { id } of (await list.json()).items) {
        const res = await page.request.delete(
          `${SHIPPING}/ownership/exemptions/${id}`,
          { headers },
        );
        expect(res.status()).toBe(204);
      }
    };
    await removeExemptions();
    try {
      const grant = {
        role: 'button',
        name: 'Grant exemption for the engineering owner',
      };
      const dialog = 'Grant an exemption for the engineering owner';
      const reason = { role: 'textbox', name: 'Reason' };
      await openTab(
        page,
        '/catalog/default/component/shipping-service/ownership',
        grant,
      );
      let user = await KeyboardUser.on(page);
      await user.moveTo(grant);
      await user.openAndEscape(grant, dialog, reason);

      // Granted: the Grant button is gone with the re-read; focus goes to the exemption's
      // sentence (MUI would hand it back to the button, which then leaves the page).
      await page.keyboard.press('Enter');
      await user.expectFocus({ ...reason, dialog });
      await page.keyboard.type('Engineering team being staffed');
      await user.moveTo({ role: 'button', name: /^grant exemption$/i });
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog')).toBeHidden();
      await user.expectFocus({
        role: 'paragraph',
        name: /^Exempt until .*, granted by sophia\.rodriguez on .*: Engineering team being staffed\./,
      });

      // Removing asks first, focus on Keep (Escape keeps too); once removed, the Remove button
      // is gone and focus goes to Grant, back in its place.
      const remove = {
        role: 'button',
        name: 'Remove exemption for the engineering owner',
      };
      const removeDialog = 'Remove the exemption for the engineering owner?';
      await user.moveTo(remove);
      await user.openAndEscape(remove, removeDialog, {
        role: 'button',
        name: /^keep$/i,
      });
      await page.keyboard.press('Enter');
      await user.expectFocus({
        role: 'button',
        name: /^keep$/i,
        dialog: removeDialog,
      });
      await user.moveTo({ role: 'button', name: /^remove$/i });
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog')).toBeHidden();
      await expect(page.getByText(/^Exempt until/)).toHaveCount(0);
      await user.expectFocus(grant);
      await user.tabThroughRest(40);
      user.expectNoProblems();

      // Confirming keeps focus on the button while the request runs and after (disabled while
      // it ran, the button dropped focus to the page's body until it was done).
      const confirm = { role: 'button', name: 'Confirm the engineering owner' };
      await openTab(
        page,
        '/catalog/default/component/checkout-service/ownership',
        confirm,
      );
      user = await KeyboardUser.on(page);
      await user.moveTo(confirm);
      let answered = false;
      const attested = page
        .waitForResponse(
          res =>
            res.request().method() === 'POST' &&
            res.url().endsWith('/ownership/attestations'),
        )
        .then(res => {
          answered = true;
          return res;
        });
      await page.keyboard.press('Enter');
      const focusWhileRunning = new Set<string>();
      do {
        focusWhileRunning.add(describe(await user.focus()));
      } while (!answered);
      expect((await attested).status()).toBe(201);
      expect([...focusWhileRunning]).toEqual([
        'button "Confirm the engineering owner"',
      ]);
      await expect(
        page.getByText(/^Confirmed by sophia\.rodriguez on /),
      ).toBeVisible();
      await user.expectFocus(confirm);
      user.expectNoProblems();
    } finally {
      await removeExemptions();
    }
  });

  // Each tab's own read, what its panel says when nothing answers, and what the sentence after a
  // successful retry calls the read. Entities whose tab holds controls after the read, so the
  // next Tab has somewhere to go within it.
  for (const tab of [
    {
      name: 'ownership',
      entity: 'shipping-service',
      failed:
        'Could not read the owners: The stewardship backend could not be reached',
      reading: 'the owners',
    },
    {
      name: 'slos',
      entity: 'checkout-service',
      // The tab's own title for a backend that does not answer (its other cards read it too).
      failed:
        'The Stewardship backend cannot be reached. The SLOs, release gate, dependency ceiling and incidents of this entity show once it answers',
      reading:
        'the SLOs, release gate, dependency ceiling and incidents of this entity',
    },
    {
      name: 'backlog',
      entity: 'checkout-service',
      failed:
        'Could not read the backlog: The stewardship backend could not be reached',
      reading: 'the backlog',
    },
  ]) {
    test(`Try again after a failed read (${tab.name} tab): focus stays on the page, and how the read ended is said`, async ({
      page,
    }) => {
      await recordAnnouncements(page);
      // The tab's read fails as it does when nothing answers, until the test lets it.
      let failing = true;
      await page.route(
        `**/api/stewardship/entities/component/default/${tab.entity}/${tab.name}`,
        route =>
          failing ? route.abort('connectionrefused') : route.fallback(),
      );
      const tryAgain = { role: 'button', name: /^try again$/i };
      await openTab(
        page,
        `/catalog/default/component/${tab.entity}/${tab.name}`,
        tryAgain,
      );
      await expect(page.getByText(tab.failed).first()).toBeVisible();
      const user = await KeyboardUser.on(page);
      await user.moveTo(tryAgain);

      // Fails again: focus on the new Try again, and said so.
      await page.keyboard.press('Enter');
      await expect
        .poll(() => saidOnPage(page, /^Tried again\. /), POLL)
        .toEqual([
          expect.stringMatching(
            new RegExp(`^Tried again\\. ${tab.failed.replace(/\./g, '\\.')}`),
          ),
        ]);
      await user.expectFocus(tryAgain);

      // Answers: the tab's content shows, focus stays in the tab (not the page's top), said so.
      failing = false;
      await page.keyboard.press('Enter');
      await expect
        .poll(() => saidOnPage(page, /^Loaded /), POLL)
        .toEqual([`Loaded ${tab.reading}.`]);
      await expect(
        page.getByRole('button', { name: /^try again$/i }),
      ).toHaveCount(0);
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          body: !el || el === document.body,
          inMain: !!el?.closest('main'),
          holdsOwners: !!el?.textContent?.match(/engineering owner/i),
        };
      });
      expect(focused).toMatchObject({
        body: false,
        inMain: true,
        ...(tab.name === 'ownership' && { holdsOwners: true }),
      });
      // The next Tab goes on into the tab's content, not back to the page's top.
      const next = await user.press('Tab');
      expect(next.ours).toBe(true);
      user.expectNoProblems();
    });
  }
});
