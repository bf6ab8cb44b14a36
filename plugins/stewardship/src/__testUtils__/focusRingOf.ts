/**
 * The outline the plugin's focus-ring rules give `element` as it is now (focused or not). Read
 * from the style sheets: jsdom's getComputedStyle ignores specificity, so MUI's `outline: 0` on a
 * focused input (less specific, and the browser's cascade lets ours win) would hide it.
 */
export function focusRingOf(element: Element) {
  const drawn = { style: 'none', width: '', offset: '' };
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules) as CSSStyleRule[]) {
      if (
        !rule.selectorText?.includes('FocusRing') ||
        !element.matches(rule.selectorText)
      ) {
        continue;
      }
      const [width, style] = rule.style.getPropertyValue('outline').split(' ');
      if (style) Object.assign(drawn, { width, style });
      drawn.offset =
        rule.style.getPropertyValue('outline-offset') || drawn.offset;
    }
  }
  return drawn;
}
