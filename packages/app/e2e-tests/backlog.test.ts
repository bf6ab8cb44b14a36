/* eslint-disable no-restricted-imports */
/*
 * The Backlog tab end to end: the built app and the real backend with the demo Jira
 * (scripts/demo/jira.mjs serving scripts/demo/jira-issues.json) and the demo SLOs and incidents
 * seeded, in Debian's Chromium.
 *
 * The figures are computed here, independently of the backend and of -common: the Jira part from
 * the demo Jira's own issue table (open issues of the entity's project, in table order, age =
 * the table's age in days), the built-in part (breached SLOs, open incident action items, which
 * depend on the seeded data and the latest evaluation) from the items the backend lists for the
 * same caller. Ranks are merged and the figures derived by this file's own arithmetic.
 *
 * Screenshots (light and dark) land in docs/screenshots/ and are shown in the plugin README.
 */
import { expect, Locator, Page } from '@playwright/test';
import { test } from './pageErrors';
import fs from 'fs';
import path from 'path';
import {
  BACKSTAGE_CHROME,
  expectNoSeriousA11yViolations,
  useTheme,
} from './axe';
import { signInAsGuest, tokenOf } from './signIn';

const root = path.resolve(__dirname, '../../..');
const screenshots = path.join(root, 'docs/screenshots');

/** A row of scripts/demo/jira-issues.json. */
interface DemoIssue {
  key: string;
  summary: string;
  type: string;
  priority: string | null;
  status: 'todo' | 'triage' | 'doing' | 'done';
  ageDays: number;
  labels: string[];
  component: string | null;
  assignee: string | null;
}
const DEMO_ISSUES: DemoIssue[] = JSON.parse(
  fs.readFileSync(path.join(root, 'scripts/demo/jira-issues.json'), 'utf8'),
);

/** The backend's defaults (stewardship.backlog): reliability types and labels, untriaged status. */
const RELIABILITY_TYPES = ['bug', 'incident'];
const RELIABILITY_LABELS = ['reliability', 'slo', 'incident'];
const TOP_N = 20;
const DAY_MS = 86_400_000;

/** What the figures need of an item. */
interface FigureItem {
  key: string;
  provider: string;
  rank: number;
  ageDays: number;
  reliability: boolean;
  untriaged: boolean;
}

/** The demo Jira's open issues of a project, as the figures see them. */
function demoJiraItems(project: string): FigureItem[] {
  return DEMO_ISSUES.filter(
    i => i.key.startsWith(`${project}-`) && i.status !== 'done',
  ).map((i, index) => ({
    key: i.key,
    provider: 'jira',
    rank: index + 1,
    ageDays: i.ageDays,
    reliability:
      RELIABILITY_TYPES.includes(i.type.toLowerCase()) ||
      i.labels.some(l => RELIABILITY_LABELS.includes(l.toLowerCase())),
    untriaged: i.priority === null || i.status === 'triage',
  }));
}

/** The backend's answer, only as far as this test reads it. */
interface BacklogAnswer {
  items: Array<{
    key: string;
    provider: string;
    rank: number;
    createdAt: string;
    priority?: string;
    awaitingTriage: boolean;
    reliability: boolean;
  }>;
  figures: { at: string };
  providers: Array<{ provider: string; status: string; message?: string }>;
}

async function readBacklog(page: Page, entity: string): Promise<BacklogAnswer> {
  // As the guest, like the page: the backend caches the answer per entity and caller.
  const token = await tokenOf(page, 'guest');
  const res = await page.request.get(
    `/api/stewardship/entities/component/default/${entity}/backlog`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(res.status()).toBe(200);
  return res.json();
}

/** The built-in items of an answer (everything but the tracker's), as the figures see them. */
function builtInItems(answer: BacklogAnswer): FigureItem[] {
  const at = Date.parse(answer.figures.at);
  return answer.items
    .filter(i => i.provider !== 'jira')
    .map(i => ({
      key: i.key,
      provider: i.provider,
      rank: i.rank,
      ageDays: Math.max(0, (at - Date.parse(i.createdAt)) / DAY_MS),
      reliability: i.reliability,
      untriaged: i.priority === undefined || i.awaitingTriage,
    }));
}

const PROVIDER_ORDER = ['slos', 'incident-action-items', 'jira'];

/** All rank-1 items first, then rank 2, …; equal ranks in provider order. */
function merge(items: FigureItem[]): FigureItem[] {
  return [...items].sort(
    (a, b) =>
      a.rank - b.rank ||
      PROVIDER_ORDER.indexOf(a.provider) - PROVIDER_ORDER.indexOf(b.provider),
  );
}

/** The figures, by this test's own arithmetic. */
function expectedFigures(ranked: FigureItem[]) {
  const top = ranked.slice(0, TOP_N);
  const ages = top.map(i => i.ageDays).sort((a, b) => a - b);
  const mid = Math.floor(ages.length / 2);
  const all = ranked.map(i => i.ageDays);
  const inBucket = (from: number, to: number) =>
    all.filter(a => (a > from || (from === 0 && a === 0)) && a <= to).length;
  return {
    topCount: top.length,
    average: ages.reduce((a, b) => a + b, 0) / ages.length,
    median: ages.length % 2 === 1 ? ages[mid] : (ages[mid - 1] + ages[mid]) / 2,
    reliability: top.filter(i => i.reliability).length,
    histogram: [
      inBucket(0, 30),
      inBucket(30, 90),
      inBucket(90, 180),
      inBucket(180, Infinity),
    ],
    older: all.filter(a => a > 180).length,
    untriaged: ranked.filter(i => i.untriaged).length,
    count: ranked.length,
  };
}

/** The value cell of a health figure on the tab. */
function figureValue(page: Page, id: string): Locator {
  return page.getByTestId(`figure-${id}`).locator('td').first();
}

/** The first number in a text. */
function numberIn(text: string): number {
  return Number(/-?\d+(\.\d+)?/.exec(text)?.[0]);
}

async function openBacklogTab(page: Page, entity: string) {
  await page.goto(`/catalog/default/component/${entity}/backlog`);
  await expect(page.getByText('Backlog health', { exact: true })).toBeVisible({
    timeout: 30_000,
  });
}

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

test.describe('Backlog tab', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('checkout-service: the figures the demo Jira and the seeded data imply', async ({
    page,
  }) => {
    await openBacklogTab(page, 'checkout-service');
    const answer = await readBacklog(page, 'checkout-service');
    expect(answer.providers.find(p => p.provider === 'jira')?.status).toBe(
      'ok',
    );
    const jira = demoJiraItems('CHK');
    // The tracker's part of the answer is the demo table's open CHK issues, in its order.
    expect(
      answer.items.filter(i => i.provider === 'jira').map(i => i.key),
    ).toEqual(jira.map(i => i.key));
    const ranked = merge([...builtInItems(answer), ...jira]);
    const want = expectedFigures(ranked);

    // Ages here are the table's, counted from when the demo Jira started (minutes before the
    // backend read them): the tab's one-decimal figures may be a little older.
    const close = async (id: string, expected: number) => {
      const shown = numberIn((await figureValue(page, id).textContent()) ?? '');
      expect(shown, id).toBeGreaterThanOrEqual(
        Math.floor(expected * 10) / 10 - 0.05,
      );
      expect(shown, id).toBeLessThanOrEqual(expected + 0.15);
    };
    await close('average-age', want.average);
    await close('median-age', want.median);
    await expect(figureValue(page, 'average-age')).toContainText(
      want.average < 90 ? 'meets the target' : 'misses the target',
    );
    const share = ((want.reliability / want.topCount) * 100).toFixed(1);
    await expect(figureValue(page, 'reliability-share')).toHaveText(
      `${Number(share)} % (${want.reliability} of ${want.topCount})`,
    );
    await expect(figureValue(page, 'older-than-180')).toHaveText(
      `${want.older} of ${want.count}`,
    );
    await expect(figureValue(page, 'untriaged')).toHaveText(
      `${want.untriaged} of ${want.count}`,
    );
    const histogram = page.getByRole('table', { name: 'Open items by age' });
    for (const [index, label] of [
      '0–30 days old',
      '30–90 days old',
      '90–180 days old',
      'more than 180 days old',
    ].entries()) {
      await expect(
        histogram.getByRole('row', { name: label }).locator('td'),
      ).toHaveText(String(want.histogram[index]));
    }

    // The oldest items: CHK-33 (260 days) before CHK-41 (210 days).
    await page.getByRole('button', { name: 'Oldest (over 180 days)' }).click();
    const open = page.getByRole('region', { name: 'Open items', exact: true });
    await expect(
      open.getByText(`Oldest (over 180 days) (${want.older})`),
    ).toBeVisible();
    const rows = open.locator('tbody tr');
    await expect(rows.nth(0)).toContainText('CHK-33');
    await expect(rows.nth(1)).toContainText('CHK-41');
    // Its link lands on the issue's page in the demo Jira (it once answered the API's 401).
    const href = await rows
      .nth(0)
      .getByRole('link', { name: /CHK-33/ })
      .getAttribute('href');
    const issuePage = await page.request.get(href!);
    expect(issuePage.status()).toBe(200);
    expect(await issuePage.text()).toContain(
      `<h1>CHK-33: ${DEMO_ISSUES.find(i => i.key === 'CHK-33')!.summary}</h1>`,
    );

    // Reliability work only: every one says so in words, and why, in its last column.
    await page
      .getByRole('button', { name: 'Reliability work', exact: true })
      .click();
    const reliable = ranked.filter(i => i.reliability);
    await expect(open.locator('tbody tr')).toHaveCount(reliable.length);
    for (const row of await open.locator('tbody tr').all()) {
      await expect(row.locator('td').last()).toHaveText(/^Yes: \S/);
    }
  });

  test('the items table fits a 1366 px laptop window, labels under each title', async ({
    page,
  }) => {
    // Nine columns were 34 px wider than their card at 1400 px: the labels moved under the title.
    await page.setViewportSize({ width: 1366, height: 900 });
    await openBacklogTab(page, 'checkout-service');
    const open = page.getByRole('region', { name: 'Open items', exact: true });
    const table = open.locator('table').filter({ hasText: 'Assignee' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    const widths = await table.evaluate(t => ({
      table: t.getBoundingClientRect().width,
      box: t.parentElement!.clientWidth,
    }));
    expect(widths.table).toBeLessThanOrEqual(widths.box);
    await expect(
      open.getByRole('columnheader', { name: 'Labels' }),
    ).toHaveCount(0);
    await expect(
      table
        .locator('tbody tr')
        .filter({ hasText: 'CHK-97' })
        .locator('td')
        .nth(1),
    ).toContainText(/: Retry payment .+Labels: reliability/);
  });

  test('legacy-billing: its exhausted budget leads the tab with the advice', async ({
    page,
  }) => {
    await openBacklogTab(page, 'legacy-billing');
    const advice = page.getByRole('region', { name: 'Release advice' });
    // legacy-billing's SLO is "availability" (examples/slos/openslo.yaml), over budget all month.
    await expect(advice).toContainText(
      'The error budget of “availability” is exhausted: put reliability work first; releases are blocked by the error-budget policy.',
    );
    const list = advice.getByRole('list', { name: 'Reliability work first' });
    // BILL-12 (Bug, label reliability) and BILL-7 (Bug) are the demo Jira's reliability work;
    // the Epic and the Story and Task are not.
    await expect(list).toContainText('BILL-12');
    await expect(list).toContainText('BILL-7');
    for (const key of ['BILL-9', 'BILL-4', 'BILL-2']) {
      await expect(list).not.toContainText(key);
    }
    // The exhausted SLO is a built-in item, ranked first.
    await expect(list.getByRole('listitem').first()).toContainText(
      'availability',
    );
    await expect(
      page.getByRole('button', { name: 'Reliability work first' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await expect(
      page.getByText(/Block: no releases until the error budget recovers/),
    ).toBeVisible();

    // The overview's backlog card gives the same advice above its figures.
    await page.goto('/catalog/default/component/legacy-billing');
    await expect(
      page.getByText(
        'The error budget of “availability” is exhausted: put reliability work first; releases are blocked by the error-budget policy.',
      ),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByRole('link', { name: /View the backlog/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-billing/backlog',
    );
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no serious accessibility violation, ${theme} theme (with screenshots)`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      await openBacklogTab(page, 'checkout-service');
      await expect(
        page.getByText('Ranked', { exact: false }).first(),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the Backlog tab (${theme})`,
      });
      // The app scrolls inside its own content area: a tall window shows the whole tab.
      await page.setViewportSize({ width: 1440, height: 2300 });
      await page.screenshot({
        path: path.join(screenshots, `backlog-tab-${theme}.png`),
      });
      await page.setViewportSize({ width: 1440, height: 1000 });
      await page.goto('/catalog/default/component/legacy-billing/backlog');
      await expect(
        page.getByRole('region', { name: 'Release advice' }),
      ).toBeVisible({ timeout: 30_000 });
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the Backlog tab with the advice (${theme})`,
      });
      // design-system names no tracker and has no SLO: the empty state with its annotations.
      await page.goto('/catalog/default/component/design-system/backlog');
      await expect(
        page.getByText('No issue tracker for this entity'),
      ).toBeVisible({ timeout: 30_000 });
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the Backlog tab of an entity without a tracker (${theme})`,
      });
    });
  }
});
