/* eslint-disable no-restricted-imports */
/*
 * The Stewardship page's SLOs tab (the catalog-wide SLO overview, `/stewardship?view=slos`) end to
 * end: the built app and the real backend with the demo's SLOs and stored evaluations, in Debian's
 * Chromium. The page is checked against the API read another way: every stored SLO through
 * `GET /slos`, every status through its entity's own SLO route. Then axe in both themes, on this
 * tab and on the page's first tab, the ownership scorecard; screenshots of the SLOs tab (light and
 * dark) land in docs/screenshots/.
 */
import { expect, Page, Response } from '@playwright/test';
import { test } from './pageErrors';
import path from 'path';
import {
  BACKSTAGE_CHROME,
  expectNoSeriousA11yViolations,
  useTheme,
} from './axe';
import { recordAnnouncements, saidOnPage } from './announcements';
import { signInAsGuest } from './signIn';

const root = path.resolve(__dirname, '../../..');
const screenshots = path.join(root, 'docs/screenshots');
const auth = { Authorization: 'Bearer stewardship-demo-seed-token' };

interface OverviewItem {
  name: string;
  entityRef: string;
  status?: string;
  stale: boolean;
}
interface Overview {
  items: OverviewItem[];
  catalogReadAt: string;
  catalogAgeSeconds: number;
}

const key = (entityRef: string, name: string) => `${entityRef} ${name}`;

const isOverview = (response: Response) =>
  response.url().includes('/api/stewardship/slos/overview') &&
  response.request().method() === 'GET';

/**
 * Each SLO of `entityRefs` (by {@link key}) with its status and staleness, as its entity's own
 * SLO route gives them, now or as of `at`.
 */
async function readEntitySlos(
  page: Page,
  entityRefs: Iterable<string>,
  at?: string,
): Promise<Map<string, { status?: string; stale: boolean }>> {
  const slos = new Map<string, { status?: string; stale: boolean }>();
  for (const entityRef of entityRefs) {
    const [kind, rest] = entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const res = await page.request.get(
      `/api/stewardship/entities/${kind}/${namespace}/${name}/slos${
        at ? `?at=${at}` : ''
      }`,
      { headers: auth },
    );
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      items: Array<{
        slo: { name: string };
        evaluation?: { status: string };
        stale: boolean;
      }>;
    };
    for (const item of body.items) {
      slos.set(key(entityRef, item.slo.name), {
        status: item.evaluation?.status,
        stale: item.stale,
      });
    }
  }
  return slos;
}

/** Opens the tab (with `query` appended); returns the overview the page received. */
async function openOverview(page: Page, query = ''): Promise<Overview> {
  const [response] = await Promise.all([
    page.waitForResponse(isOverview, { timeout: 30_000 }),
    page.goto(`/stewardship?view=slos${query}`),
  ]);
  expect(response.status()).toBe(200);
  await expect(
    page.getByRole('heading', { name: 'Service level objectives' }),
  ).toBeVisible();
  return (await response.json()) as Overview;
}

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

test.describe('Stewardship page: SLO overview and scorecard', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('lists every stored SLO with the status its entity route gives, and filters by status', async ({
    page,
  }) => {
    const overview = await openOverview(page);
    const shownAt = Date.now();

    // Every SLO the demo stores (the guest may read the whole demo catalog).
    const stored = await page.request.get('/api/stewardship/slos?limit=500', {
      headers: auth,
    });
    expect(stored.status()).toBe(200);
    const { items: definitions } = (await stored.json()) as {
      items: Array<{ entityRef: string; name: string }>;
    };
    expect(definitions.length).toBeGreaterThan(0);
    expect(overview.items.map(i => key(i.entityRef, i.name)).sort()).toEqual(
      definitions.map(d => key(d.entityRef, d.name)).sort(),
    );

    // Each status as the entity's own SLO route reads it from the same stored evaluations. The
    // e2e backend evaluates every 10 s, so a snapshot may land between the overview's read and the
    // entity routes' reads: the overview is read again after them, and only a pair of overview
    // reads that agree is compared (retried until one does; a lasting mismatch fails).
    const overviewStatuses = async () => {
      const res = await page.request.get('/api/stewardship/slos/overview', {
        headers: auth,
      });
      expect(res.status()).toBe(200);
      const { items } = (await res.json()) as Overview;
      return new Map(items.map(i => [key(i.entityRef, i.name), i.status]));
    };
    const entityStatuses = async (entityRefs: Iterable<string>) =>
      new Map(
        [...(await readEntitySlos(page, entityRefs))].map(([k, v]) => [
          k,
          v.status,
        ]),
      );
    const entityRefs = new Set(overview.items.map(i => i.entityRef));
    await expect
      .poll(
        async () => {
          const before = await overviewStatuses();
          const byEntity = await entityStatuses(entityRefs);
          const after = await overviewStatuses();
          const changed = [...before].filter(([k, s]) => after.get(k) !== s);
          if (changed.length || before.size !== after.size) {
            return `an evaluation changed ${changed.length} status(es) while reading`;
          }
          // Every SLO the page listed, with the status its entity route gives.
          return overview.items
            .map(i => key(i.entityRef, i.name))
            .filter(k => !before.has(k) || before.get(k) !== byEntity.get(k))
            .map(
              k =>
                `${k}: overview ${before.get(k)}, entity route ${byEntity.get(
                  k,
                )}`,
            );
        },
        { timeout: 60_000, intervals: [2_000], message: 'statuses' },
      )
      .toEqual([]);

    await expect(
      page.getByText(`SLOs (${definitions.length})`, { exact: true }),
    ).toBeVisible();
    // Each row shows the status of the overview the page received (which the poll above found
    // to be what the entity routes give), in words.
    for (const item of overview.items) {
      const [kind, rest] = item.entityRef.split(':');
      const [namespace, name] = rest.split('/');
      const row = page
        .getByRole('row')
        .filter({
          has: page.locator(`a[href$="/catalog/${namespace}/${kind}/${name}"]`),
        })
        .filter({
          has: page.getByRole('cell', { name: item.name, exact: true }),
        });
      await expect(row.getByRole('cell').nth(2)).toContainText(
        item.status ?? 'stale',
      );
    }

    // The backend reuses its catalog read briefly and says how long ago it was, in words:
    // whole seconds under a minute, then whole minutes; the page adds the time it has shown it
    // since (every 10 s), so any age from the backend's to that plus the time since is right.
    const count = (n: number, unit: string) =>
      `${n} ${unit}${n === 1 ? '' : 's'} ago`;
    const words = (age: number) => {
      if (age < 1) return 'just now';
      if (age < 60) return count(Math.floor(age), 'second');
      return count(Math.floor(age / 60), 'minute');
    };
    const caption = page.getByText(/^Catalog read /);
    await expect(caption).toBeVisible();
    const shown = await caption.textContent();
    const since = Math.ceil((Date.now() - shownAt) / 1000);
    const possible = new Set<string>();
    for (let extra = 0; extra <= since; extra += 1) {
      possible.add(`Catalog read ${words(overview.catalogAgeSeconds + extra)}`);
    }
    expect([...possible]).toContain(shown);

    // The status filter works on the page and is kept in the URL.
    const exhausted = overview.items.filter(i => i.status === 'exhausted');
    expect(exhausted.length).toBeGreaterThan(0); // legacy-billing's, by the demo's design
    await openOverview(page, '&sloStatus=exhausted');
    await expect(
      page.getByText(`SLOs (${exhausted.length})`, { exact: true }),
    ).toBeVisible();
    for (const item of exhausted) {
      await expect(page.getByRole('cell', { name: item.name })).toHaveCount(
        exhausted.filter(e => e.name === item.name).length,
      );
    }
  });

  test('as of a past moment, each status is what its entity route gives as of that moment', async ({
    page,
  }) => {
    // A minute ago: later evaluations (every 10 s here) are after it, so nothing moves under it.
    const at = new Date(Date.now() - 60_000).toISOString();
    const overview = (await openOverview(page, `&at=${at}`)) as Overview & {
      at: string;
    };
    expect(overview.at).toBe(at);
    await expect(
      page.getByText(
        `Showing the state as of ${at.slice(0, 16).replace('T', ' ')} UTC`,
      ),
    ).toBeVisible();

    const asOfEntity = await readEntitySlos(
      page,
      new Set(overview.items.map(i => i.entityRef)),
      at,
    );
    expect(
      new Map(
        overview.items.map(i => [
          key(i.entityRef, i.name),
          { status: i.status, stale: i.stale },
        ]),
      ),
    ).toEqual(asOfEntity);
  });

  test('a filter change is announced once its list is shown, on both tabs', async ({
    page,
  }) => {
    // No signal reaches the page: the SLO overview reads again after every stored run (every
    // 10 s here), which would put a read of its own among those this test counts.
    await page.routeWebSocket(/\/api\/signals/, () => {});
    await recordAnnouncements(page);
    const announcement = page
      .getByRole('status')
      .filter({ hasText: /^Showing / });

    // The scorecard: a filter the backend applies, said with the answer it sent for it.
    const isScorecard = (response: Response) =>
      response.url().includes('/api/stewardship/ownership/scorecard') &&
      response.request().method() === 'GET';
    await Promise.all([
      page.waitForResponse(isScorecard, { timeout: 30_000 }),
      page.goto('/stewardship'),
    ]);
    await expect(
      page.getByRole('heading', { name: 'Ownership scorecard' }),
    ).toBeVisible();
    await expect(announcement).toHaveCount(0); // nothing on the first load
    const [filtered] = await Promise.all([
      // The answer for the new filter, not a late one for the first load.
      page.waitForResponse(
        response =>
          isScorecard(response) &&
          new URL(response.url()).searchParams.get('status') === 'missing',
      ),
      page
        .getByRole('combobox', { name: 'Status', exact: true })
        .selectOption('missing'),
    ]);
    const scorecard = (await filtered.json()) as {
      summary: { entities: number };
      failing: { totalCount: number };
    };
    const entities = scorecard.summary.entities;
    const count = (n: number) => n.toLocaleString('en-US');
    const filteredSentence = `Showing ${count(entities)} ${
      entities === 1 ? 'entity' : 'entities'
    }: ${count(scorecard.failing.totalCount)} failing.`;
    await expect(announcement).toHaveText(filteredSentence);
    // All that was said on the page: that one sentence, nothing for the first load, early or late.
    expect(await saidOnPage(page)).toEqual([filteredSentence]);

    // The SLO overview: the status is applied in the browser to the answer the page holds, so
    // the sentence counts that answer's SLOs in the chosen status, worst status first, stale as
    // a flag beside the last status.
    const overview = await openOverview(page);
    await expect(announcement).toHaveCount(0);
    const said = (items: typeof overview.items) => {
      const counts = [
        ...['exhausted', 'at-risk', 'no-data'].map(status => ({
          status,
          n: items.filter(i => i.status === status).length,
        })),
        { status: 'stale', n: items.filter(i => i.stale).length },
      ].filter(c => c.n > 0);
      const shown = `Showing ${count(items.length)} ${
        items.length === 1 ? 'SLO' : 'SLOs'
      }`;
      if (counts.length === 0) {
        return `${shown}: ${items.length === 1 ? 'healthy' : 'all healthy'}.`;
      }
      return `${shown}: ${counts
        .map(c => `${count(c.n)} ${c.status}`)
        .join(', ')}.`;
    };
    const requests: string[] = [];
    page.on('request', request => {
      if (request.url().includes('/api/stewardship/slos/overview')) {
        requests.push(request.url());
      }
    });
    await page
      .getByRole('combobox', { name: 'Status', exact: true })
      .selectOption('exhausted');
    await expect(announcement).toHaveText(
      said(overview.items.filter(i => i.status === 'exhausted')),
    );
    await page
      .getByRole('combobox', { name: 'Status', exact: true })
      .selectOption('');
    await expect(announcement).toHaveText(said(overview.items));
    expect(requests).toEqual([]); // said from the answer the page already held
    // The overview's document said these two, in order, and nothing for its first load.
    expect(await saidOnPage(page)).toEqual([
      said(overview.items.filter(i => i.status === 'exhausted')),
      said(overview.items),
    ]);
  });

  test("the scorecard's catalog read age grows while the page stays open", async ({
    page,
  }) => {
    // The browser's clock faked from the start (it runs on), then nine minutes passed at once:
    // short of the ten minutes of silence after which the page reads the scorecard again.
    await page.clock.install();
    await page.goto('/stewardship');
    const caption = page.getByText(/^Catalog read /);
    await expect(caption).toHaveText(
      /^Catalog read (just now|\d+ seconds? ago|1 minute ago)$/,
    );
    await page.clock.fastForward('09:00');
    await expect(caption).toHaveText(/^Catalog read (9|10) minutes ago$/);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no serious accessibility violation, ${theme} theme (with screenshots)`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      // The page's first tab, the ownership scorecard, too (app-next.test.ts checks it there).
      await page.goto('/stewardship');
      await expect(
        page.getByRole('heading', { name: 'Ownership scorecard' }),
      ).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(/^Catalog read /)).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the ownership scorecard (${theme})`,
      });

      await openOverview(page);
      await expect(page.getByText('SLO coverage')).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the SLO overview (${theme})`,
      });
      await page.screenshot({
        path: path.join(screenshots, `slo-overview-${theme}.png`),
      });
    });
  }
});
