/* eslint-disable no-restricted-imports */
/*
 * The suite in Backstage's new frontend system, end to end: packages/app-next (createApp from
 * @backstage/frontend-defaults with the catalog's and our `./alpha` plugins), built and served by
 * packages/app-next/scripts/serve.mjs on its own port, against the same backend, demo catalog,
 * Prometheus and seeded SLOs as the other e2e tests (scripts/test.sh exports APP_NEXT_URL).
 *
 * What it checks is what the `./alpha` extensions add: the nav item and the /stewardship page
 * (PageBlueprint), the Ownership, SLOs and Backlog tabs (EntityContentBlueprint, shown by their kind
 * filters), the overview cards (EntityCardBlueprint) and the planning review at
 * /stewardship/review (the page's sub-route), with axe in both themes.
 * The overview's screenshot lands in docs/screenshots/app-next-overview.png.
 *
 * It also checks the catalog graph (@backstage/plugin-catalog-graph/alpha) with the Stewardship
 * relations that packages/app-next/src/catalogGraphModule.ts registers in its API: the overview's
 * Relations card and the /catalog-graph page of component:payment-gateway label the edges to its
 * business, product and engineering owners (examples/entities.yaml: michael.brown, ava.hernandez,
 * group:payments), as the legacy app's graph does (catalogGraph.test.ts).
 *
 * And the plugins the suite leans on there: signals (@backstage/plugin-signals/alpha), whose
 * websocket to /api/signals goes through serve.mjs, so an incident recorded through the API shows
 * up on an open SLOs tab without a reload (as incidents.test.ts checks in the legacy app); and
 * notifications (@backstage/plugin-notifications/alpha), whose nav item opens /notifications,
 * where the owners' Stewardship notifications land.
 */
import { expect, Locator, Page, WebSocket } from '@playwright/test';
import { test } from './pageErrors';
import path from 'path';
import {
  expectNoSeriousA11yViolations,
  markStewardshipCards,
  useTheme,
} from './axe';

const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

const APP_NEXT_URL = process.env.APP_NEXT_URL ?? 'http://localhost:7017';

test.use({
  baseURL: APP_NEXT_URL,
  timezoneId: 'UTC',
  viewport: { width: 1440, height: 1000 },
});

/**
 * Opens `path` and signs in as the guest when the sign-in page asks (it signs in again by itself
 * on later page loads, the stock `auto` behaviour).
 */
async function openSignedIn(page: Page, route: string) {
  await page.goto(route);
  const enter = page.getByRole('button', { name: 'Enter' });
  const signedIn = page.getByRole('navigation');
  await expect(enter.or(signedIn).first()).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
    await expect(enter).toBeHidden();
  }
}

/** An entity page's tab: a link in the entity page's "Content navigation". */
function entityTab(page: Page, title: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: title, exact: true });
}

/** Backstage's own page chrome, not ours: the sidebar, the entity tabs (both `nav`), the headers. */
const BACKSTAGE_CHROME = ['nav', 'header'];

const REVIEW_SCOPE = 'system:default/payment-processing';

/** The demo's seeding token (app-config.demo.yaml), allowed to record incidents. */
const SEED_AUTH = { Authorization: 'Bearer stewardship-demo-seed-token' };

/** The channel the backend signals incident changes on (useIncidentsSignal). */
const INCIDENTS_CHANNEL = 'stewardship:incidents';

const STEWARDSHIP_ROLES = ['business', 'product', 'engineering'];

/**
 * Backstage's markup, not ours: the /catalog-graph page's Kinds and Relations filters
 * (@backstage/plugin-catalog-graph 0.6.8, SelectedKindsFilter/SelectedRelationsFilter) put their
 * aria-label on the MUI Autocomplete's root <div>, so the <input> inside has no accessible name
 * (axe `label`, critical). Only those two inputs are left out; the rest of the page is checked.
 */
const CATALOG_GRAPH_UNLABELLED_INPUTS = [
  'div[aria-label="Kinds"] input',
  'div[aria-label="Relations"] input',
];

/**
 * The relations graph of payment-gateway inside `scope`: the first <svg> holding its node (node
 * icons are svgs too).
 */
function paymentGatewayGraph(scope: Locator) {
  return scope
    .locator('svg')
    .filter({ has: scope.page().getByText('Payment Gateway', { exact: true }) })
    .first();
}

/**
 * Each edge is labelled with its relations, merged per pair ("businessOwnerOf / businessOwnedBy",
 * one <tspan> each); the graph draws only the relation types its API knows.
 */
async function expectStewardshipEdges(graph: Locator) {
  for (const role of STEWARDSHIP_ROLES) {
    await expect(
      graph.getByText(`${role}OwnerOf`, { exact: true }),
      `${role} edge`,
    ).toBeVisible();
  }
  // The catalog's own spec.owner relation is still drawn: on the edge to group:payments, merged
  // with engineeringOwnerOf into one label (so not a <tspan> of its own to match exactly).
  await expect(
    graph.locator('text').filter({ hasText: /\bownerOf \/ ownedBy\b/ }),
  ).toBeVisible();
}

test.describe('app-next (new frontend system)', () => {
  test('the nav item opens the Stewardship page', async ({ page }) => {
    await openSignedIn(page, '/');
    await expect(page).toHaveURL(/\/catalog/);

    await page
      .getByRole('navigation')
      .getByRole('link', { name: 'Stewardship' })
      .click();

    await expect(page).toHaveURL(/\/stewardship/);
    await expect(
      page.getByRole('heading', { name: 'Ownership scorecard' }),
    ).toBeVisible();
  });

  test('the Settings nav item opens /settings, where the dark theme is picked', async ({
    page,
  }) => {
    // The suite is checked in both themes; a user of this app must be able to choose one too.
    await openSignedIn(page, '/stewardship');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: 'Settings' })
      .click();
    await expect(page).toHaveURL(/\/settings/);
    await page.getByRole('button', { name: /dark/i }).first().click();
    await expect
      .poll(() => page.evaluate(() => window.localStorage.getItem('theme')))
      .toBe('dark');

    await page.goto('/stewardship');
    await expect(
      page.getByRole('heading', { name: 'Ownership scorecard' }),
    ).toBeVisible();
    // Backstage's dark theme paints the page dark grey: each channel well below the light theme's.
    const background = await page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    const channels = background.match(/\d+/g)!.slice(0, 3).map(Number);
    expect(Math.max(...channels), background).toBeLessThan(100);
  });

  test('a component has the Ownership, SLOs and Backlog tabs and the cards', async ({
    page,
  }) => {
    await openSignedIn(page, '/catalog/default/component/checkout-service');

    // The overview cards (EntityCardBlueprint).
    await expect(page.getByText('All required roles in place')).toBeVisible();
    const sloCardLink = page.getByRole('link', { name: 'View all SLOs' });
    await expect(sloCardLink).toHaveAttribute(
      'href',
      /\/catalog\/default\/component\/checkout-service\/slos$/,
    );

    await expect(
      page.getByRole('table', { name: 'Backlog health' }),
    ).toBeVisible();
    await page.screenshot({
      path: path.join(screenshots, 'app-next-overview.png'),
      fullPage: true,
    });

    await entityTab(page, 'Ownership').click();
    await expect(page).toHaveURL(/\/checkout-service\/ownership$/);
    await expect(
      page.getByText('All required ownership roles are in place.'),
    ).toBeVisible();

    await entityTab(page, 'SLOs').click();
    await expect(page).toHaveURL(/\/checkout-service\/slos$/);
    const availability = page.getByRole('region', {
      name: 'availability',
      exact: true,
    });
    await expect(availability).toBeVisible();

    await entityTab(page, 'Backlog').click();
    await expect(page).toHaveURL(/\/checkout-service\/backlog$/);
    await expect(
      page.getByText('Backlog health', { exact: true }),
    ).toBeVisible();
  });

  test('a domain has the Ownership tab but no SLOs tab (the kind filters)', async ({
    page,
  }) => {
    await openSignedIn(page, '/catalog/default/domain/payments');

    await expect(entityTab(page, 'Ownership')).toBeVisible();
    await expect(entityTab(page, 'SLOs')).toHaveCount(0);
    await expect(entityTab(page, 'Backlog')).toHaveCount(0);
  });

  test("a group's page, where Stewardship links owners, has its members (the org plugin)", async ({
    page,
  }) => {
    await openSignedIn(page, '/catalog/default/group/payments');

    await expect(
      page.getByRole('heading', { name: /^Payments Team members \(3 of 3\)$/ }),
    ).toBeVisible();
    await expect(entityTab(page, 'Ownership')).toHaveCount(0);
  });

  test('an incident recorded elsewhere appears on an open SLOs tab without a reload (signals, a websocket through serve.mjs)', async ({
    page,
    request,
  }) => {
    // The signals websocket and its frames, from the first page load on.
    const sockets: WebSocket[] = [];
    const sent: string[] = [];
    const received: string[] = [];
    page.on('websocket', ws => {
      if (new URL(ws.url()).pathname !== '/api/signals') return;
      sockets.push(ws);
      ws.on('framesent', frame => sent.push(String(frame.payload)));
      ws.on('framereceived', frame => received.push(String(frame.payload)));
    });

    // ci-pipelines: no seeded incident, and no other test reads its incidents.
    await openSignedIn(page, '/catalog/default/component/ci-pipelines/slos');
    const section = page.getByRole('region', {
      name: 'Incidents',
      exact: true,
    });
    // Exact: the empty state's heading ("No incidents in this period") holds the word too.
    await expect(
      section.getByRole('heading', { name: 'Incidents', exact: true }),
    ).toBeVisible();

    // The SLOs tab subscribed to the incidents channel, over a websocket to app-next's own
    // origin (the app's backend.baseUrl), which serve.mjs hands on to the backend.
    await expect
      .poll(() => sent.some(frame => frame.includes(INCIDENTS_CHANNEL)), {
        message: `a subscription to ${INCIDENTS_CHANNEL} sent on /api/signals`,
      })
      .toBe(true);
    for (const ws of sockets)
      expect(new URL(ws.url()).host).toBe(new URL(APP_NEXT_URL).host);

    // Another tool records one through the API (a resolved fire drill: it counts in no figure
    // that another test checks) while the tab is open.
    const title = `Runner pool drained ${Date.now()}`;
    const res = await request.post('/api/stewardship/incidents', {
      headers: SEED_AUTH,
      data: {
        entityRef: 'component:default/ci-pipelines',
        title,
        severity: 'SEV5',
        status: 'resolved',
        fireDrill: true,
      },
    });
    expect(res.status()).toBe(201);

    await expect(
      section.getByRole('heading', { name: `SEV5 fire drill: ${title}` }),
    ).toBeVisible({ timeout: 15_000 });
    // It came by the signal, not by a reload or a poll of ours.
    expect(
      received.some(frame => frame.includes(INCIDENTS_CHANNEL)),
      `a message on ${INCIDENTS_CHANNEL} received on /api/signals`,
    ).toBe(true);
  });

  test('the Notifications nav item opens /notifications (the notifications plugin)', async ({
    page,
  }) => {
    await openSignedIn(page, '/');
    await expect(page).toHaveURL(/\/catalog/);

    const [response] = await Promise.all([
      page.waitForResponse(
        r =>
          new URL(r.url()).pathname === '/api/notifications/notifications' &&
          r.request().method() === 'GET',
      ),
      page
        .getByRole('navigation')
        .getByRole('link', { name: 'Notifications' })
        .click(),
    ]);

    await expect(page).toHaveURL(/\/notifications$/);
    expect(response.status()).toBe(200);
    // The page's table (the guest's unread notifications, the page's default view), not the
    // app's "page not found".
    await expect(
      page.getByRole('heading', { name: /^Unread notifications \(\d+\)$/ }),
    ).toBeVisible();
    await expect(page.getByText(/dropped the mic|page not found/i)).toHaveCount(
      0,
    );
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the planning review of payment-processing, ${theme} theme, with axe`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      await openSignedIn(page, '/stewardship/review');
      await expect(page.getByText('Pick a scope to review')).toBeVisible({
        timeout: 30_000,
      });
      const scope = page.getByLabel('Scope');
      await expect(
        scope.locator(`option[value="${REVIEW_SCOPE}"]`),
      ).toHaveCount(1, { timeout: 30_000 });
      // The default period, the last 30 days, as the legacy app's review (review.test.ts).
      await expect(page.getByLabel('Period')).toHaveValue('last-30-days');
      const [response] = await Promise.all([
        page.waitForResponse(
          r =>
            r.url().includes('/api/stewardship/review?') &&
            r.request().method() === 'GET',
        ),
        scope.selectOption(REVIEW_SCOPE),
      ]);
      expect(response.status()).toBe(200);
      const review = await response.json();
      expect(Date.parse(review.to) - Date.parse(review.from)).toBe(
        30 * 86_400_000,
      );

      // The figures render: the summary's count and one line per entity of the system
      // (examples/entities.yaml: the system itself, its components and APIs), linking into the
      // entity's tabs. As the demo means it (review.test.ts works it out from the traffic): of
      // the five, only payment-gateway has SLOs with data, and it met them.
      expect(review.summary.met).toBe(1);
      await expect(page.getByText('1 of 5 met', { exact: true })).toBeVisible();
      const table = page.locator('table').filter({
        has: page.getByRole('columnheader', { name: 'Release gate' }),
      });
      for (const [kind, name] of [
        ['api', 'payments-api'],
        ['component', 'fraud-detection'],
        ['component', 'payment-gateway'],
        ['component', 'payment-sdk'],
        ['system', 'payment-processing'],
      ]) {
        await expect(
          table.locator(`a[href="/catalog/default/${kind}/${name}/slos"]`),
        ).toHaveCount(1);
      }
      const gateway = review.rows.find(
        (row: { entityRef: string }) =>
          row.entityRef === 'component:default/payment-gateway',
      );
      const attainment = page
        .locator('table')
        .filter({ has: page.getByRole('columnheader', { name: 'Attainment' }) })
        .locator('tr')
        .filter({
          has: page.locator(
            'a[href="/catalog/default/component/payment-gateway"]',
          ),
        });
      await expect(attainment).toContainText(
        `of ${gateway.slos[0].evaluatedSnapshots}`,
      );

      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the planning review in app-next (${theme})`,
      });
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`no serious accessibility violation, ${theme} theme`, async ({
      page,
    }) => {
      await useTheme(page, theme);

      // The overview's Stewardship cards (EntityCardBlueprint), not Backstage's own.
      await openSignedIn(page, '/catalog/default/component/checkout-service');
      await expect(page.getByText('Error budget').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        include: await markStewardshipCards(page),
        exclude: BACKSTAGE_CHROME,
        label: `the overview's Stewardship cards in app-next (${theme})`,
      });

      await page.goto('/catalog/default/component/checkout-service/ownership');
      await expect(
        page.getByText('All required ownership roles are in place.'),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the Ownership tab in app-next (${theme})`,
      });

      await page.goto('/catalog/default/component/checkout-service/slos');
      await expect(
        page.getByRole('region', { name: 'availability', exact: true }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the SLOs tab in app-next (${theme})`,
      });

      // On this app's page background (#f5f5f5) too, which is darker than the legacy app's.
      await page.goto('/catalog/default/component/checkout-service/backlog');
      await expect(
        page.getByText('Backlog health', { exact: true }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the Backlog tab in app-next (${theme})`,
      });

      await page.goto('/stewardship');
      await expect(
        page.getByRole('heading', { name: 'Ownership scorecard' }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the Stewardship page in app-next (${theme})`,
      });
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`the catalog graph draws the Stewardship relations, card and page, ${theme} theme, with axe`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      await openSignedIn(page, '/catalog/default/component/payment-gateway');

      // The Relations card on the overview (entity-card:catalog-graph/relations, a BUI card).
      const card = page.locator('.bui-Card').filter({
        has: page.getByRole('heading', { name: 'Relations', exact: true }),
      });
      await expect(card).toHaveCount(1);
      await expectStewardshipEdges(paymentGatewayGraph(card));
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the overview with the Relations card in app-next (${theme})`,
      });

      // Its link opens the /catalog-graph page (page:catalog-graph) rooted at the entity.
      await card.getByRole('link', { name: 'View graph' }).click();
      await expect(page).toHaveURL(/\/catalog-graph\?/);
      expect(
        new URL(page.url()).searchParams.getAll('rootEntityRefs[]'),
      ).toEqual(['component:default/payment-gateway']);
      await expectStewardshipEdges(paymentGatewayGraph(page.locator('main')));
      await expectNoSeriousA11yViolations(page, {
        exclude: [...BACKSTAGE_CHROME, ...CATALOG_GRAPH_UNLABELLED_INPUTS],
        label: `the catalog graph page in app-next (${theme})`,
      });
    });
  }
});
