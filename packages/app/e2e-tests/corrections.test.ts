/* eslint-disable no-restricted-imports */
import { expect, Page } from '@playwright/test';
import { test } from './pageErrors';
import path from 'path';
import { BACKSTAGE_CHROME, expectNoSeriousA11yViolations } from './axe';
import { signInAs, tokenOf } from './signIn';

/*
 * Corrections on the SLO tab, in Chromium against the real backend and the e2e demo Prometheus:
 * storefront-web's owner (the commerce team) adds a one-off correction through the dialog, sees it
 * listed and shaded on the burndown, evaluates, and the explanation says how much of the window
 * counted: 30 days less the 2 excluded hours = 718 h of 720 h. The correction is removed again so
 * that the other tests see the demo's figures.
 */
test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

const ENTITY = 'storefront-web';
const HOUR = 3_600_000;

/** `YYYY-MM-DDTHH:mm` in UTC (the page's time zone here) for a datetime-local input. */
const localInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function sloOf(page: Page, token: string) {
  const res = await page.request.get(
    `/api/stewardship/entities/component/default/${ENTITY}/slos`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(res.status()).toBe(200);
  return (await res.json()).items[0].slo as {
    id: string;
    name: string;
    timeWindow: unknown;
    corrections?: Array<{ id: string }>;
  };
}

test('an owner excludes a period from an SLO, and the numbers say so', async ({
  page,
}) => {
  await page.addInitScript(() => window.localStorage.setItem('theme', 'light'));
  await signInAs(
    page,
    'commerce-owner',
    `/catalog/default/component/${ENTITY}/slos`,
  );
  const token = await tokenOf(page, 'commerce-owner');
  const slo = await sloOf(page, token);
  try {
    await page
      .getByRole('button', { name: `Show details of ${slo.name}` })
      .click();
    await expect(page.getByText(/^No corrections\./)).toBeVisible();

    // Two whole hours ending on the last full hour.
    const end = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const start = end - 2 * HOUR;
    await page.getByRole('button', { name: 'Add correction' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('CDN provider maintenance');
    await dialog.getByLabel('Start (your local time)').fill(localInput(start));
    await dialog.getByLabel('End (your local time)').fill(localInput(end));
    await dialog.getByRole('button', { name: 'Add correction' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row', { name: /CDN provider maintenance/ });
    await expect(row).toContainText(
      `${new Date(start)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ')} UTC – ${new Date(end)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ')} UTC`,
    );
    // Who, by the name the catalog gives the user.
    await expect(row).toContainText('by Noah Davis');
    await expect(
      page.getByText(
        'Shaded: 2 h in 1 period excluded by corrections (not counted, no budget burnt).',
      ),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page, {
      exclude: BACKSTAGE_CHROME,
      label: 'an SLO with a correction',
    });
    // The burndown with its shaded band and the corrections card below it, in one viewport: the
    // page scrolls inside Backstage's layout, so a full-page shot would cut them off.
    await page
      .getByText('Error budget burndown', { exact: true })
      .evaluate(el => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({
      path: path.join(
        __dirname,
        '../../../docs/screenshots/slo-corrections.png',
      ),
    });

    // Evaluated now, the explanation counts the window less the excluded two hours. The demo SLO
    // is a calendar quarter in UTC: its window runs from the quarter's first midnight to `at`.
    const at = new Date();
    // An explicit moment: a plain "now" within 30 s of the seeding's would answer the stored one.
    const evaluated = await page.request.post(
      `/api/stewardship/slos/${slo.id}/evaluate?at=${at.toISOString()}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(evaluated.status()).toBe(200);
    const evaluation = await evaluated.json();
    expect(slo.timeWindow).toEqual({
      type: 'calendar',
      unit: 'quarter',
      timeZone: 'UTC',
    });
    const quarterStart = Date.UTC(
      at.getUTCFullYear(),
      Math.floor(at.getUTCMonth() / 3) * 3,
      1,
    );
    const hours = (ms: number) => `${Number((ms / HOUR).toFixed(2))} h`;
    const whole = at.getTime() - quarterStart;
    expect(evaluation.explanation.formulas).toContain(
      `Counted time: ${hours(whole - 2 * HOUR)} of the ${hours(
        whole,
      )} SLO window (1 correction excluded); events outside it are not counted and burn no budget.`,
    );
    await page.reload();
    await expect(
      page.locator('dt:text-is("Counted time") + dd').first(),
    ).toHaveText('1 correction excluded');
  } finally {
    // Leave the demo as the other tests expect it.
    const current = await sloOf(page, token);
    for (const correction of current.corrections ?? []) {
      await page.request.delete(
        `/api/stewardship/slos/${current.id}/corrections/${correction.id}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
    }
    await page.request.post(
      `/api/stewardship/slos/${
        current.id
      }/evaluate?at=${new Date().toISOString()}`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
  }
});
