import userEvent from '@testing-library/user-event';

/** An outline as the plugin's focus-ring rules draw it: `style: 'none'` when none applies. */
export interface DrawnOutline {
  style: string;
  width: string;
  color: string;
  offset: string;
}

/**
 * The outline the plugin's focus-ring rules give `element` as it is now (focused or not): the
 * rules whose selector contains `ruleMarker` (the state class `.Mui-focusVisible`, or `FocusRing`,
 * the plugin's own ring classes) and match it. Read from the style sheets rather than
 * getComputedStyle: jsdom's cascade ignores specificity, so MUI's `outline: 0` on every button and
 * input (less specific; the browser's cascade lets ours win) would hide it. The e2e keyboard test
 * reads Chromium's computed style.
 */
export function focusRingOf(
  element: Element,
  ruleMarker: string = 'FocusRing',
): DrawnOutline {
  const drawn = { style: 'none', width: '', color: '', offset: '' };
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules) as CSSStyleRule[]) {
      if (
        !rule.selectorText?.includes(ruleMarker) ||
        !element.matches(rule.selectorText)
      ) {
        continue;
      }
      // JSS writes the shorthand as given: "2px solid rgba(0, 0, 0, 0.87)".
      const shorthand = rule.style.getPropertyValue('outline');
      const [width, style, ...color] = shorthand.split(' ');
      if (style) Object.assign(drawn, { width, style, color: color.join(' ') });
      drawn.offset =
        rule.style.getPropertyValue('outline-offset') || drawn.offset;
    }
  }
  return drawn;
}

/** Presses Tab (at most 20 times) until `element` has the focus, as a keyboard user reaches it. */
export async function tabTo(
  user: ReturnType<typeof userEvent.setup>,
  element: Element,
) {
  for (let i = 0; i < 20 && document.activeElement !== element; i++) {
    await user.tab();
  }
}
