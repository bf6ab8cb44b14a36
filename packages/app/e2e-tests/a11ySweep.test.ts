/*
 * axe on the plugin's tabs and cards in the states the other e2e tests do not scan: each feature's
 * test runs axe on its busiest state (checkout-service's SLOs and backlog, the scorecard, …), but
 * an empty state, an SLO without data, a system's grouped SLOs or a domain's roles are other markup.
 * Here every such page of the demo is opened as the guest and scanned in both themes; Backstage's
 * own sidebar and header are left out, as everywhere (axe.ts).
 */
import { expect, Page } from '@playwright/test';
import { test } from './pageErrors';
import {
  BACKSTAGE_CHROME,
  expectNoSeriousA11yViolations,
  markStewardshipCards,
  useTheme,
} from './axe';
import { signInAsGuest } from './signIn';

/**
 * A page, a text that shows it has loaded the state it is opened for, and (where the page also
 * holds other plugins' markup) how to find the part to scan.
 */
const PAGES: Array<{
  path: string;
  shows: string | RegExp;
  state: string;
  scope?: (page: Page) => Promise<string>;
}> = [
  {
    path: '/catalog/default/component/checkout-service',
    shows: 'Error budget',
    state: "the Overview tab's Stewardship cards",
    scope: markStewardshipCards,
  },
  {
    path: '/catalog/default/component/mainframe-bridge/ownership',
    shows: '3 roles need attention',
    state: 'an Ownership tab with every role missing',
  },
  {
    path: '/catalog/default/component/design-system/ownership',
    shows: 'Engineering owner',
    state: 'an Ownership tab with inherited roles',
  },
  {
    path: '/catalog/default/domain/payments/ownership',
    shows: 'Business owner',
    state: "a domain's Ownership tab",
  },
  {
    path: '/catalog/default/component/product-catalog/slos',
    shows: 'requests-availability',
    state: 'a SLOs tab whose SLI matches no series, without incidents',
  },
  {
    path: '/catalog/default/system/payment-processing/slos',
    shows: 'SLOs of its components',
    state: "a system's SLOs tab, grouped by component",
  },
  {
    path: '/catalog/default/api/payments-api/slos',
    shows: 'No SLOs for this entity yet',
    state: "an API's SLOs tab without SLOs",
  },
  {
    path: '/stewardship?groupBy=owner',
    shows: 'By owning group',
    state: 'the scorecard grouped by owning group (sortable headers)',
  },
  {
    path: '/catalog/default/api/payments-api/backlog',
    shows: /No issue tracker for this entity|No open work items/,
    state: "an API's Backlog tab",
  },
];

test.use({ viewport: { width: 1440, height: 1000 } });

test.describe('accessibility of the states other tests do not scan', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`no serious violation on any of them, ${theme} theme`, async ({
      page,
    }) => {
      test.setTimeout(PAGES.length * 20_000);
      await useTheme(page, theme);
      await signInAsGuest(page);
      const failures: string[] = [];
      for (const { path, shows, state, scope } of PAGES) {
        await page.goto(path);
        await expect(
          page.getByText(shows).first(),
          `${state} (${path})`,
        ).toBeVisible({ timeout: 30_000 });
        // Every card has loaded: no progress bar left.
        await expect(page.getByRole('progressbar')).toHaveCount(0, {
          timeout: 30_000,
        });
        const include = await scope?.(page);
        // Every page is scanned, and every violation listed, before the test fails.
        await expectNoSeriousA11yViolations(page, {
          include,
          exclude: BACKSTAGE_CHROME,
          label: `${state} (${theme})`,
        }).catch(error => failures.push(String(error.message ?? error)));
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }
});

/**
 * Every card title of the plugin is a heading, at its place in the page's outline, so a screen
 * reader can jump to "SLOs" or "Backlog health" as it can to Backstage's own cards: h3 for the
 * overview's cards (as Backstage's About and Links), h2 for a tab's cards, h3 under the scorecard's
 * h2 sections, h4 for an SLO's details under the SLO's h3; an empty state's title too.
 */
const OUTLINES: Array<{ path: string; headings: Array<[number, string]> }> = [
  {
    path: '/catalog/default/component/checkout-service',
    headings: [
      [3, 'Ownership'],
      [3, 'SLOs'],
      [3, 'Backlog'],
    ],
  },
  {
    path: '/catalog/default/component/checkout-service/ownership',
    headings: [
      [2, 'Business owner'],
      [2, 'Product owner'],
      [2, 'Engineering owner'],
      [2, 'Owning team'],
    ],
  },
  {
    path: '/catalog/default/component/checkout-service/backlog',
    headings: [
      [2, 'Put reliability work first'],
      [2, 'Release gate'],
      [2, 'Backlog health'],
      [2, 'Age of open items'],
    ],
  },
  {
    path: '/stewardship',
    headings: [
      [2, 'Ownership scorecard'],
      [3, 'Coverage'],
      [4, 'Compliant'],
      [3, 'Trend'],
    ],
  },
  {
    path: '/stewardship?view=slos',
    headings: [
      [2, 'Service level objectives'],
      [3, 'SLO coverage'],
      [4, 'Broken SLIs'],
    ],
  },
  // Empty states: Backstage's EmptyState writes an h5 wherever it stands; the plugin's are at
  // their place in the outline.
  {
    path: '/catalog/default/api/payments-api/slos',
    headings: [[2, 'No SLOs for this entity yet']],
  },
  {
    path: '/catalog/default/component/product-catalog/slos',
    headings: [
      [2, 'Incidents'],
      [3, 'No incidents in this period'],
    ],
  },
  // Last: the test goes on to an SLO's details on this page.
  {
    path: '/catalog/default/component/checkout-service/slos',
    headings: [
      // Visually hidden: the outline has no gap between the page's h1 and the SLOs' names.
      [2, 'SLOs'],
      [3, 'availability'],
      [2, 'Release gate'],
      [2, 'Dependency ceiling'],
    ],
  },
];

test.describe('headings', () => {
  test('every card title is a heading at its level', async ({ page }) => {
    test.setTimeout(OUTLINES.length * 20_000 + 20_000);
    await signInAsGuest(page);
    for (const { path, headings } of OUTLINES) {
      await page.goto(path);
      for (const [level, name] of headings) {
        await expect(
          page.getByRole('heading', { level, name, exact: true }),
          `h${level} ${name} on ${path}`,
        ).toBeVisible({ timeout: 30_000 });
      }
    }
    // An SLO's details, under the SLO's own h3 (the page last opened above).
    await page
      .getByRole('button', { name: 'Show details of availability' })
      .click();
    for (const name of [
      'Summary',
      'Error budget burndown',
      'SLI over time',
      'Counted time and corrections',
      'Changes',
      'Burn rates',
      'Why this number',
    ]) {
      await expect(
        page.getByRole('heading', { level: 4, name, exact: true }),
        `h4 ${name} in the SLO's details`,
      ).toBeVisible({ timeout: 30_000 });
    }
  });
});
