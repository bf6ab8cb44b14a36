/* eslint-disable no-restricted-imports */
/*
 * The plugin's tables in a narrow window (800 px: half a laptop screen, the sidebar still open).
 * Backstage's theme lets table cells break words anywhere, so a table squeezed its columns
 * instead of scrolling: the scorecard read "Compo|nen|t" and "Com|merc|e Tea|m", the incident
 * figures "media|n 9 minut|es". Here every word of every cell of every table must fit its cell
 * (measured with the cell's own font); a table that needs more room scrolls sideways instead,
 * and axe checks each page at this width (a scrolling table must be reachable by keyboard).
 */
import { expect } from '@playwright/test';
import { test } from './pageErrors';
import path from 'path';
import { BACKSTAGE_CHROME, expectNoSeriousA11yViolations } from './axe';
import { signInAs, signInAsGuest } from './signIn';
import { shippingLabelsSloYaml } from './sloYaml';

/** A page, and a text that shows its tables have loaded. */
const PAGES: Array<{ path: string; shows: string | RegExp }> = [
  { path: '/stewardship', shows: /Failing entities \(\d+\)/ },
  { path: '/stewardship?groupBy=owner', shows: /Failing entities \(\d+\)/ },
  { path: '/stewardship?view=slos', shows: /SLOs \(\d+\)/ },
  {
    path: '/catalog/default/component/checkout-service/slos',
    shows: 'All severities',
  },
  {
    path: '/catalog/default/component/checkout-service/backlog',
    shows: /Reliability work first \(\d+\)/,
  },
  {
    path: '/stewardship/review?scope=system:default/payment-processing',
    shows: 'Largest budget costs',
  },
];

test.use({ viewport: { width: 800, height: 1000 } });

const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

test('tables keep their words whole in an 800 px window', async ({ page }) => {
  test.setTimeout(PAGES.length * 20_000 + 20_000);
  await signInAsGuest(page);
  const broken: string[] = [];
  for (const { path: route, shows } of PAGES) {
    await page.goto(route);
    await expect(page.getByText(shows).first(), route).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('progressbar')).toHaveCount(0, {
      timeout: 30_000,
    });
    const cells = await page.locator('main td, main th').count();
    expect(cells, `${route} has tables`).toBeGreaterThan(0);
    const words = await page.evaluate(() => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      const found: string[] = [];
      for (const cell of document.querySelectorAll('main td, main th')) {
        const style = getComputedStyle(cell);
        const room =
          cell.clientWidth -
          parseFloat(style.paddingLeft) -
          parseFloat(style.paddingRight);
        const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let text = texts.nextNode(); text; text = texts.nextNode()) {
          const element = text.parentElement!;
          if (!element.getClientRects().length) continue; // visually hidden
          const font = getComputedStyle(element);
          canvas.font = `${font.fontStyle} ${font.fontWeight} ${font.fontSize} ${font.fontFamily}`;
          const spacing = parseFloat(font.letterSpacing) || 0;
          // Lines may break at spaces, hyphens and slashes (refs such as component:default/x).
          for (const word of text.textContent!.split(/[\s\-/]+/)) {
            const width =
              canvas.measureText(word).width + spacing * word.length;
            if (width > room + 1) {
              found.push(`"${word}" (${Math.round(width)} px in ${room} px)`);
            }
          }
        }
      }
      return found;
    });
    broken.push(...words.map(word => `${route}: ${word}`));
    // A table that scrolls sideways is a scrollable region: the keyboard must reach it.
    await expectNoSeriousA11yViolations(page, {
      exclude: BACKSTAGE_CHROME,
      label: `${route} at 800 px`,
    }).catch(error => broken.push(String(error.message ?? error)));
  }
  expect(broken, broken.join('\n')).toEqual([]);
});

test('an SLO’s details do not make the page scroll sideways', async ({
  page,
}) => {
  // Its history table for screen readers once kept the page ~1,700 px wide (hidden, not shrunk).
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/checkout-service/slos');
  // Within the SLO list: the Incidents card has "Show details of …" buttons too, and when it
  // renders before the SLOs the first such button on the page is an incident's.
  await page
    .getByRole('region', { name: 'Own SLOs' })
    .getByRole('button', { name: /^Show details of / })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: 'Error budget burndown' }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    page.locator('caption', { hasText: /^History of / }),
  ).toHaveCount(1, { timeout: 30_000 });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
});

test('the incident figures’ caption is read in full, not cut by the table’s scroll box', async ({
  page,
}) => {
  // The caption was as wide as its table (wider than the box, which scrolls sideways), so its end
  // ("…, fire d|rills not included") was cut at the box's edge.
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/checkout-service/slos');
  const caption = page.locator('caption', {
    hasText: /^Incidents detected from .*, fire drills not included$/,
  });
  await expect(caption).toBeVisible({ timeout: 30_000 });
  const fit = await caption.evaluate(element => {
    const box = element.closest('[role="group"]')!;
    const captionRect = element.getBoundingClientRect();
    const boxRect = box.getBoundingClientRect();
    return {
      // The table is wider than the box: the case where the caption was cut.
      tableScrolls: box.scrollWidth > box.clientWidth,
      captionRight: captionRect.right,
      boxVisibleRight: boxRect.left + box.clientLeft + box.clientWidth,
      textOverflow: element.scrollWidth - element.clientWidth,
    };
  });
  expect(fit.tableScrolls).toBe(true);
  expect(fit.captionRight).toBeLessThanOrEqual(fit.boxVisibleRight + 0.5);
  expect(fit.textOverflow).toBeLessThanOrEqual(0);
});

test('a table’s scroll box is a tab stop only while the table is wider than it', async ({
  page,
}) => {
  // Reachable by keyboard when it scrolls (WCAG 2.1.1); an empty Tab stop on a wide screen did
  // nothing (the keyboard walkthrough at 1440 px).
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/checkout-service/slos');
  const box = page.getByRole('group', {
    name: /^Incidents detected from .*, fire drills not included$/,
  });
  await expect(box).toBeVisible({ timeout: 30_000 });
  const scrolls = () => box.evaluate(el => el.scrollWidth > el.clientWidth);
  await expect.poll(scrolls).toBe(true);
  await expect(box).toHaveAttribute('tabindex', '0');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect.poll(scrolls).toBe(false);
  await expect(box).not.toHaveAttribute('tabindex');
  await page.setViewportSize({ width: 800, height: 1000 });
  await expect.poll(scrolls).toBe(true);
  await expect(box).toHaveAttribute('tabindex', '0');
});

test.describe('a 400 px window (a phone)', () => {
  test.use({ viewport: { width: 400, height: 900 } });

  // Tables do not reflow: below 600 px the scorecard shows its failing entities and its groups as
  // lists of cards, which must fit the window (no sideways scrolling) and pass axe.
  for (const { path: route, list, screenshot } of [
    {
      path: '/stewardship',
      list: /^Failing entities \(\d+\)$/,
      screenshot: 'scorecard-400px.png',
    },
    { path: '/stewardship?groupBy=owner', list: /^By owning group/ },
  ]) {
    test(`the scorecard at ${route} lists its rows as cards that fit`, async ({
      page,
    }) => {
      await signInAsGuest(page);
      await page.goto(route);
      const cards = page.getByRole('list', { name: list }).first();
      await expect(cards).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('progressbar')).toHaveCount(0, {
        timeout: 30_000,
      });
      expect(await cards.getByRole('listitem').count()).toBeGreaterThan(0);
      // The trend's table is for screen readers only (visually hidden): not a table to reflow.
      await expect(
        page
          .locator('main table')
          .filter({ hasNotText: 'Trend of the whole catalog' }),
      ).toHaveCount(0);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      if (screenshot) {
        // From the list's heading down: the first cards, as a phone user meets them.
        await page
          .getByRole('heading', { name: list })
          .first()
          .evaluate(heading => heading.scrollIntoView());
        await page.screenshot({ path: path.join(screenshots, screenshot) });
      }
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `${route} at 400 px`,
      });
      if (route.includes('groupBy')) {
        // The cards have no column headers to click: their "Sort by" orders them as the table.
        await page
          .getByRole('combobox', { name: 'Sort by' })
          .selectOption({ label: 'Group, Z to A' });
        await expect(
          page.getByRole('status').filter({ hasText: /^Sorted by/ }),
        ).toHaveText('Sorted by Group, Z to A.');
        const names = (
          await cards.getByRole('heading', { level: 3 }).allInnerTexts()
        ).filter(name => name !== '(none)');
        expect(names.length).toBeGreaterThan(1);
        // As people read names: team-9 before team-10, case aside.
        const collator = new Intl.Collator('en', {
          numeric: true,
          sensitivity: 'base',
        });
        expect(names).toEqual(
          [...names].sort((a, b) => collator.compare(b, a)),
        );
      }
    });
  }
});

test('the import dialog’s status line keeps its width on a phone, with its buttons below it', async ({
  page,
}) => {
  // At 320 px it shared its row with the three buttons and read a word per line, 260 px tall.
  await page.setViewportSize({ width: 320, height: 800 });
  await signInAs(page, 'commerce-owner');
  await page.goto('/catalog/default/component/shipping-service/slos');
  await page.getByRole('button', { name: 'Import YAML' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Import SLOs from YAML' });
  await dialog
    .getByLabel('OpenSLO or Sloth YAML')
    .fill(shippingLabelsSloYaml('narrow-window-preview'));
  // A preview stores nothing.
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const status = dialog.getByRole('status');
  await expect(status).toHaveText(/^Preview ready: 1 SLO would be created/);
  const layout = await status.evaluate(element => {
    const actions = element.parentElement!;
    const style = getComputedStyle(actions);
    const room =
      actions.clientWidth -
      parseFloat(style.paddingLeft) -
      parseFloat(style.paddingRight);
    const line = parseFloat(getComputedStyle(element).lineHeight);
    const rect = element.getBoundingClientRect();
    const importButton = [...actions.querySelectorAll('button')].find(
      button => button.textContent === 'Import',
    )!;
    const paper = element.closest('[role="dialog"]')!;
    return {
      widthShare: rect.width / room,
      lines: Math.round(rect.height / line),
      buttonsBelow: importButton.getBoundingClientRect().top >= rect.bottom,
      sideways: paper.scrollWidth - paper.clientWidth,
    };
  });
  expect(layout.widthShare).toBeGreaterThan(0.95);
  expect(layout.lines).toBeLessThanOrEqual(4);
  expect(layout.buttonsBelow).toBe(true);
  expect(layout.sideways).toBeLessThanOrEqual(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
