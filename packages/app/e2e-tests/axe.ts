/* eslint-disable no-restricted-imports */
import { expect, Page } from '@playwright/test';
import fs from 'fs';
import type { AxeResults, Result } from 'axe-core';

/**
 * Backstage's own page chrome, left out of the accessibility checks of our pages: the sidebar, the
 * entity header and its tabs (in the dark theme the tabs' grey on grey is 3.79:1, a Backstage
 * theme matter this plugin cannot fix).
 */
export const BACKSTAGE_CHROME = [
  'nav',
  'header',
  '[data-testid^="header-tab-"]',
];

/**
 * Opens the test's pages in `theme`: both apps' theme selectors keep the user's choice in
 * localStorage under `theme`.
 */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript(t => window.localStorage.setItem('theme', t), theme);
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules) on the page, or on the elements matching `include`, and fails
 * on every serious or critical violation, listing each with the markup axe flagged.
 *
 * axe-core comes from node_modules (`require.resolve`), so nothing is fetched at run time.
 * `exclude` leaves out markup that is not ours (e.g. Backstage's own sidebar when only the plugin
 * is under test).
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  options: { include?: string; exclude?: string[]; label: string },
) {
  // Let finite animations end first (a dialog fading in): mid-fade, axe measures text against the
  // backdrop and reports contrast that no user sees. Endless ones (progress spinners) never end.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every(
            a =>
              a.playState !== 'running' ||
              a.effect?.getComputedTiming().iterations === Infinity,
          ),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) {
    // Evaluated, not added as a <script>: the app's CSP refuses inline scripts but allows eval.
    await page.evaluate(
      fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
    );
  }
  const results: AxeResults = await page.evaluate(
    async ({ include, exclude }) => {
      const axe = (window as any).axe;
      const context: Record<string, unknown> = {};
      if (include) context.include = [include];
      if (exclude && exclude.length > 0) {
        context.exclude = exclude.map(selector => [selector]);
      }
      return axe.run(Object.keys(context).length > 0 ? context : document, {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
        },
        resultTypes: ['violations'],
      });
    },
    { include: options.include, exclude: options.exclude },
  );
  const serious = results.violations.filter(
    (v: Result) => v.impact === 'serious' || v.impact === 'critical',
  );
  const report = serious.map(v => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(
      n =>
        `${n.target.join(' ')}: ${n.failureSummary} (${n.html.slice(0, 200)})`,
    ),
    url: page.url(),
  }));
  expect(report, `axe violations on ${options.label}`).toEqual([]);
}

/** The overview's Stewardship cards, by the table each holds; the other cards are Backstage's. */
const STEWARDSHIP_CARD_TABLES = [
  'Ownership roles',
  'SLOs by status',
  'Backlog health',
];

/**
 * Marks each Stewardship card of the overview for axe (`[data-axe-scope]`): the outermost element
 * around its table that holds none of the other two, i.e. its grid cell. The production build's
 * class names are generated, so no selector names a card, and a card's title heading alone would
 * not say where its card ends; the checks make sure no mark reaches Backstage's own cards (each an
 * `<article>`).
 */
export async function markStewardshipCards(page: Page): Promise<string> {
  const tables = STEWARDSHIP_CARD_TABLES.map(t => `table[aria-label="${t}"]`);
  await expect(page.locator(tables.join(', '))).toHaveCount(tables.length);
  const marked = await page.evaluate(selectors => {
    const ours = selectors.join(', ');
    return selectors.map(selector => {
      let cell = document.querySelector(selector)!;
      while (cell.parentElement?.querySelectorAll(ours).length === 1) {
        cell = cell.parentElement;
      }
      cell.setAttribute('data-axe-scope', '');
      return cell.querySelectorAll('article').length;
    });
  }, tables);
  expect(marked, "no mark holds one of Backstage's cards").toEqual(
    tables.map(() => 0),
  );
  await expect(page.locator('[data-axe-scope]')).toHaveCount(tables.length);
  return '[data-axe-scope]';
}
