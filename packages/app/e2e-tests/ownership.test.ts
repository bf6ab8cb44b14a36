/* eslint-disable no-restricted-imports */
/*
 * Ownership end to end: the real app (built, served by the real backend on SQLite with the demo
 * catalog from examples/) in Debian's Chromium. The expected statuses and numbers are the ones
 * docs/demo-catalog.md derives from the demo data by hand.
 *
 * Screenshots land in docs/screenshots/ (committed, shown in the README).
 */
import { expect, Page } from '@playwright/test';
import { test } from './pageErrors';
import fs from 'fs';
import path from 'path';
import { signInAsGuest } from './signIn';

const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

async function openOwnershipTab(page: Page, kind: string, name: string) {
  await page.goto(`/catalog/default/${kind}/${name}/ownership`);
  await expect(page.getByText('Business owner').first()).toBeVisible();
}

/** The role card with the given title. */
function roleCard(page: Page, title: string) {
  return page
    .locator('[class*="MuiCard-root"]')
    .filter({ has: page.getByText(title, { exact: true }) });
}

test.describe('ownership', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signInAsGuest(page);
  });

  test('a fully owned service shows three ok roles declared on itself', async ({
    page,
  }) => {
    await openOwnershipTab(page, 'component', 'checkout-service');
    await expect(
      page.getByText('All required ownership roles are in place.'),
    ).toBeVisible();
    for (const title of [
      'Business owner',
      'Product owner',
      'Engineering owner',
    ]) {
      const card = roleCard(page, title);
      await expect(card.getByText('ok', { exact: true })).toBeVisible();
      await expect(card.getByText('Declared on this entity')).toBeVisible();
    }
    await page.screenshot({
      path: path.join(screenshots, 'ownership-tab-ok.png'),
      fullPage: true,
    });
  });

  test('inherited roles name the domain they come from', async ({ page }) => {
    await openOwnershipTab(page, 'component', 'fraud-detection');
    const business = roleCard(page, 'Business owner');
    await expect(business.getByText('ok', { exact: true })).toBeVisible();
    await expect(business.getByText('Inherited from')).toBeVisible();
    await expect(
      business.getByRole('link', { name: 'domain:default/payments' }),
    ).toBeVisible();
  });

  test('a list where one owner is expected is invalid, with the fix', async ({
    page,
  }) => {
    await openOwnershipTab(page, 'component', 'legacy-billing');
    await expect(
      page.getByText(/1 role needs attention: Business owner \(invalid\)/),
    ).toBeVisible();
    const business = roleCard(page, 'Business owner');
    await expect(business.getByText('invalid', { exact: true })).toBeVisible();
    await expect(
      business.getByText(/Expected one accountable owner, found 2/),
    ).toBeVisible();
    await expect(
      business.getByText('stewardship.io/business-owner', { exact: true }),
    ).toBeVisible();
    await page.screenshot({
      path: path.join(screenshots, 'ownership-tab-problems.png'),
      fullPage: true,
    });
  });

  test('unresolved, orphaned and missing roles are flagged', async ({
    page,
  }) => {
    await openOwnershipTab(page, 'component', 'payment-sdk');
    await expect(
      roleCard(page, 'Engineering owner').getByText('unresolved', {
        exact: true,
      }),
    ).toBeVisible();
    await expect(
      page.getByText('user:default/bob.departed is not in the catalog.'),
    ).toBeVisible();

    await openOwnershipTab(page, 'component', 'design-system');
    await expect(
      roleCard(page, 'Engineering owner').getByText('orphaned', {
        exact: true,
      }),
    ).toBeVisible();

    await openOwnershipTab(page, 'component', 'mainframe-bridge');
    await expect(page.getByText(/3 roles need attention/)).toBeVisible();
    await expect(page.getByText('missing', { exact: true })).toHaveCount(3);
  });

  test('the scorecard shows the coverage the demo catalog implies', async ({
    page,
  }) => {
    await page.goto('/stewardship');
    await expect(page.getByText('Ownership scorecard')).toBeVisible();
    await expect(page.getByText('30 entities in scope')).toBeVisible();
    // docs/demo-catalog.md: 18 of 30 compliant; business 26, product 25, engineering 21 ok.
    // Each figure is the count line under its own heading (heading, percent, then "n/30 …").
    const heading = (name: string) =>
      page.getByRole('heading', { name, exact: true });
    const figure = (name: string) =>
      heading(name)
        .locator('xpath=..')
        .getByText(/^\d+\/30 /);
    await expect(figure('Compliant')).toHaveText(
      '18/30 with every required role ok or exempt',
    );
    await expect(figure('Business owner')).toHaveText('26/30 ok');
    await expect(figure('Product owner')).toHaveText('25/30 ok');
    await expect(figure('Engineering owner')).toHaveText('21/30 ok');
    await expect(page.getByText('Failing entities (12)')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Mainframe Bridge' }).first(),
    ).toBeVisible();
    await page.screenshot({
      path: path.join(screenshots, 'scorecard.png'),
      fullPage: true,
    });

    // On a narrower screen "Engineering owner" takes two lines; the percentages stay level.
    await page.setViewportSize({ width: 1366, height: 900 });
    // The lines a heading's text takes (its box is as tall as the row it shares).
    const lines = (name: string) =>
      heading(name).evaluate(element => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const tops = [...range.getClientRects()].map(rect =>
          Math.round(rect.top),
        );
        return new Set(tops).size;
      });
    expect(await lines('Business owner')).toBe(1);
    expect(await lines('Engineering owner')).toBe(2);
    const percents = await Promise.all(
      ['Compliant', 'Business owner', 'Product owner', 'Engineering owner'].map(
        async name =>
          (await heading(name)
            .locator('xpath=following-sibling::p[1]')
            .boundingBox())!,
      ),
    );
    for (const percent of percents) expect(percent.y).toBe(percents[0].y);
  });

  test("grouping by domain shows each domain's coverage", async ({ page }) => {
    await page.goto('/stewardship?groupBy=domain');
    await expect(page.getByText('By domain')).toBeVisible();
    // Each domain counts in itself (docs/demo-catalog.md). Payments: 10 entities, payment-sdk and
    // legacy-billing fail. Platform: 8, itself, system:legacy and mainframe-bridge fail.
    // Commerce: 12, itself and six more fail. Shares rounded down. No entity is in no domain.
    for (const [group, compliant] of [
      ['Payments', '80% (8/10)'],
      ['Platform', '62% (5/8)'],
      ['Commerce', '41% (5/12)'],
    ]) {
      await expect(
        page
          .getByRole('row')
          .filter({ hasText: group })
          .getByText(compliant)
          .first(),
      ).toBeVisible();
    }
    await expect(
      page.getByRole('row').filter({ hasText: '(none)' }),
    ).toHaveCount(0);
    await page.screenshot({
      path: path.join(screenshots, 'scorecard-by-domain.png'),
      fullPage: true,
    });
  });

  test('the CSV download lists every failing role', async ({ page }) => {
    await page.goto('/stewardship');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe(
      'entityRef,kind,title,owner,system,domain,role,status,value,problem,fix',
    );
    // Failing roles in the demo: business 4, product 5, engineering 9.
    expect(rows).toHaveLength(1 + 4 + 5 + 9);
    expect(
      rows.filter(r => r.startsWith('component:default/legacy-billing,')),
    ).toEqual([expect.stringContaining(',business,invalid,')]);
  });

  test('the overview tab summarises ownership', async ({ page }) => {
    await page.goto('/catalog/default/component/returns-portal');
    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ hasText: 'Engineering owner' })
      .filter({ hasText: 'orphaned' });
    await expect(card.first()).toBeVisible();
    // Backstage scrolls inside its page, not the document (a full-page shot is the viewport):
    // bring the Stewardship cards to the top, the About and Relations cards above them.
    await card.first().evaluate(el => el.scrollIntoView({ block: 'start' }));
    await expect(page.getByText('No SLO yet.')).toBeInViewport();
    await page.screenshot({
      path: path.join(screenshots, 'overview-card.png'),
    });
  });
});
