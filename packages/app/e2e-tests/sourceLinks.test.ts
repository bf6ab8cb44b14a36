import { expect } from '@playwright/test';
import { test } from './pageErrors';
import { signInAsGuest } from './signIn';

/*
 * "Why this number" links each query to the metric source's own UI when the source's config names
 * it (`uiUrl`; app-config.e2e.yaml points it at the e2e step's demo Prometheus). Followed here in
 * the real Prometheus UI: the link opens its graph page with the very query in the expression
 * editor, as a table evaluated at the SLO's moment.
 */
test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

test('a query in "why this number" opens in Prometheus\'s own UI', async ({
  page,
  context,
}) => {
  await signInAsGuest(page, '/catalog/default/component/payment-gateway/slos');
  // Within the SLO list: the Incidents card has "Show details of …" buttons too, and when it
  // renders before the SLOs the first such button on the page is an incident's.
  await page
    .getByRole('region', { name: 'Own SLOs' })
    .getByRole('button', { name: /^Show details of / })
    .first()
    .click();
  await page.getByRole('button', { name: 'Why this SLI' }).click();
  const why = page.getByRole('region', { name: 'Why this SLI', exact: true });
  const query = (await why.locator('pre').first().textContent())!;
  expect(query).toContain('payment-gateway');

  // Each figure shows its own window's queries: the SLI none of the 5-minute burn rate's,
  // which the burn-rate panel lists under that window's name.
  const sliQueries = await why.locator('pre').allTextContents();
  expect(sliQueries.length).toBeGreaterThan(0);
  expect(sliQueries.filter(q => q.includes('[300s]'))).toEqual([]);
  await page.getByRole('button', { name: 'Why these burn rates' }).click();
  const burn = page.getByRole('region', {
    name: 'Why these burn rates',
    exact: true,
  });
  await expect(
    burn.getByRole('heading', { name: 'Burn rate over 5m' }),
  ).toBeVisible();
  const burnQueries = await burn.locator('pre').allTextContents();
  expect(burnQueries.some(q => q.includes('[300s]'))).toBe(true);
  expect(burnQueries.filter(q => sliQueries.includes(q))).toEqual([]);

  const link = why.getByRole('link', {
    name: /^Open in source: query 1,/,
  });
  const href = (await link.getAttribute('href'))!;
  expect(new URL(href).searchParams.get('g0.expr')).toBe(query);

  const [prometheus] = await Promise.all([
    context.waitForEvent('page'),
    link.click(),
  ]);
  await prometheus.waitForLoadState();
  const moment = new URL(href).searchParams.get('g0.moment_input')!;
  // Every parameter of the link, as the opened page holds it. Compared as pairs: the classic UI
  // rewrites its URL from its own state once its script runs, in its own parameter order.
  const linkParams = [...new URL(href).searchParams].sort();
  const paramsOf = (url: string) =>
    [...new URL(url).searchParams]
      .filter(([key]) => new URL(href).searchParams.has(key))
      .sort();
  if (new URL(prometheus.url()).pathname === '/classic/graph') {
    // Debian's Prometheus ships only the classic UI: /graph redirects there, keeping the query.
    expect(paramsOf(prometheus.url())).toEqual(linkParams);
    await expect(prometheus.locator('textarea[name="expr"]')).toHaveValue(
      query,
    );
    await expect(prometheus.locator('input[name="moment_input"]')).toHaveValue(
      moment,
    );
    // The console (table) tab evaluates it: one row whose value is a number.
    await expect(
      prometheus.locator('.console_table tbody tr').first(),
    ).toContainText(/\d/, { timeout: 20_000 });
  } else {
    // The React UI of upstream Prometheus: the expression editor shows the query.
    expect(new URL(prometheus.url()).pathname).toBe(new URL(href).pathname);
    expect(paramsOf(prometheus.url())).toEqual(linkParams);
    await expect(prometheus.locator('.cm-content')).toHaveText(query, {
      timeout: 20_000,
    });
  }
});
