import axe from 'axe-core';

/**
 * axe-core's serious and critical violations inside `element`, one `rule: target (help)` line
 * per node, for component tests that sweep a form's states in jsdom. jsdom has no layout, so
 * colour contrast is left to the e2e (axe in Chromium); every other rule applies.
 */
export async function seriousAxeViolations(
  element: Element,
): Promise<string[]> {
  const { violations } = await axe.run(element, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v =>
      v.nodes.map(n => `${v.id}: ${n.target.join(' ')} (${v.help})`),
    );
}
