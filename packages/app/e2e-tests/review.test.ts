/* eslint-disable no-restricted-imports */
/*
 * The planning review end to end: the built app and the real backend with the demo's SLOs,
 * stored evaluations and incidents, in Debian's Chromium. The demo's system payment-processing is
 * reviewed over the default period (the last 30 days); every figure checked on the page is
 * computed here from the review the page itself received from GET /api/stewardship/review, and
 * the entities' verdicts are worked out again from their SLOs' figures. CSV and Markdown downloads
 * are read back. Screenshots (light and dark) land in docs/screenshots/.
 */
import { expect, Page, Response, test } from '@playwright/test';
import fs from 'fs';
import path from 'path';
import { expectNoSeriousA11yViolations } from './axe';
import { signInAsGuest } from './signIn';

const root = path.resolve(__dirname, '../../..');
const screenshots = path.join(root, 'docs/screenshots');
const SCOPE = 'system:default/payment-processing';

/** The parts of the review this test reads (PlanningReview in the common package). */
interface Review {
  scope: string;
  from: string;
  to: string;
  summary: { entities: number; met: number; missed: number };
  rows: Array<{
    entityRef: string;
    objectives: 'met' | 'missed' | 'no-data' | 'no-slos';
    lowestBudgetRemaining?: number;
    releaseGate: string;
    incidents: { count: number };
    slos: Array<{
      name: string;
      evaluatedSnapshots: number;
      budgetRemainingAtEnd?: number;
    }>;
  }>;
}

const percent = (fraction?: number) =>
  fraction === undefined ? '—' : `${Number((fraction * 100).toFixed(2))} %`;

const OBJECTIVES = {
  met: 'Met',
  missed: 'Missed',
  'no-data': 'No data',
  'no-slos': 'No SLOs',
};

/** The verdict from the SLOs' budgets at the end, as the common README defines it. */
function verdict(
  row: Review['rows'][number],
): Review['rows'][number]['objectives'] {
  if (row.slos.length === 0) return 'no-slos';
  const known = row.slos.filter(s => s.budgetRemainingAtEnd !== undefined);
  if (known.length === 0) return 'no-data';
  return known.every(s => s.budgetRemainingAtEnd! >= 0) ? 'met' : 'missed';
}

const isReview = (response: Response) =>
  response.url().includes('/api/stewardship/review?') &&
  response.request().method() === 'GET';

/** Opens the review of payment-processing through the picker; returns what the page received. */
async function openReview(page: Page): Promise<Review> {
  await page.goto('/stewardship/review');
  await expect(page.getByText('Pick a scope to review')).toBeVisible({
    timeout: 30_000,
  });
  const scope = page.getByLabel('Scope');
  await expect(scope.locator(`option[value="${SCOPE}"]`)).toHaveCount(1, {
    timeout: 30_000,
  });
  const [response] = await Promise.all([
    page.waitForResponse(isReview),
    scope.selectOption(SCOPE),
  ]);
  expect(response.status()).toBe(200);
  const review = (await response.json()) as Review;
  await expect(page).toHaveURL(
    /scope=system(%3A|:)default(%2F|\/)payment-processing/,
  );
  await expect(page.getByText('Entities', { exact: true })).toBeVisible();
  return review;
}

async function useTheme(page: Page, theme: 'light' | 'dark') {
  // Backstage's AppThemeSelector keeps the user's choice in localStorage under `theme`.
  await page.addInitScript(t => window.localStorage.setItem('theme', t), theme);
}

/** Backstage's own page chrome, left out of the accessibility checks (as in slos.test.ts). */
const BACKSTAGE_CHROME = ['nav', 'header', '[data-testid^="header-tab-"]'];

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

test.describe('Planning review', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('payment-processing over the last 30 days: the figures of the review the page read', async ({
    page,
  }) => {
    const review = await openReview(page);
    expect(review.scope).toBe(SCOPE);
    // The default period is the last 30 days.
    expect(Date.parse(review.to) - Date.parse(review.from)).toBe(
      30 * 86_400_000,
    );
    // The demo fills it: entities, and stored evaluations within the period.
    expect(review.rows.length).toBeGreaterThan(0);
    expect(
      review.rows.some(row => row.slos.some(s => s.evaluatedSnapshots > 0)),
    ).toBe(true);

    // Each verdict follows from the SLOs' budgets at the end; the summary counts them.
    for (const row of review.rows) expect(row.objectives).toBe(verdict(row));
    const met = review.rows.filter(row => verdict(row) === 'met').length;
    await expect(
      page.getByText(`${met} of ${review.rows.length} met`, { exact: true }),
    ).toBeVisible();

    // One table row per entity, with its verdict, lowest budget and gate in words.
    const table = page
      .locator('table')
      .filter({
        has: page.getByRole('columnheader', { name: 'Release gate' }),
      });
    for (const row of review.rows) {
      const [kindName, name] = row.entityRef.split('/');
      const kind = kindName.split(':')[0];
      const line = table.locator('tr').filter({
        has: page.locator(`a[href="/catalog/default/${kind}/${name}/slos"]`),
      });
      await expect(line).toHaveCount(1);
      await expect(line).toContainText(OBJECTIVES[row.objectives]);
      await expect(line).toContainText(percent(row.lowestBudgetRemaining));
      await expect(line).toContainText(row.releaseGate);
      await expect(line).toContainText(`${row.incidents.count} (`);
    }
  });

  test('CSV and Markdown downloads hold the same review', async ({ page }) => {
    const review = await openReview(page);
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(
      /^planning-review-system-default-payment-processing-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = fs
      .readFileSync((await csvDownload.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toMatch(/^entity,objectives,slos,/);
    expect(csv).toHaveLength(review.rows.length + 1);
    review.rows.forEach((row, i) =>
      expect(csv[i + 1]).toMatch(
        new RegExp(`^${row.entityRef},${row.objectives},${row.slos.length},`),
      ),
    );

    const [mdDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    const markdown = fs.readFileSync((await mdDownload.path())!, 'utf8');
    const met = review.rows.filter(row => verdict(row) === 'met').length;
    expect(markdown).toContain(`# Planning review: ${SCOPE}`);
    expect(markdown).toContain(
      `- ${met} of ${review.rows.length} entities met their objectives`,
    );
    for (const row of review.rows) {
      expect(markdown).toContain(
        `| ${row.entityRef} | ${OBJECTIVES[row.objectives]} | ${percent(
          row.lowestBudgetRemaining,
        )} |`,
      );
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no serious accessibility violation, ${theme} theme (with screenshots)`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      await openReview(page);
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the planning review (${theme})`,
      });
      // The app scrolls inside its own content area: a tall window shows the whole review.
      await page.setViewportSize({ width: 1440, height: 2000 });
      await page.screenshot({
        path: path.join(screenshots, `review-${theme}.png`),
      });
    });
  }
});
