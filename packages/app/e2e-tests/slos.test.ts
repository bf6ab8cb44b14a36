/* eslint-disable no-restricted-imports */
/*
 * The SLOs tab end to end: the built app and the real backend (SQLite) with the demo Prometheus
 * and the demo SLOs (examples/slos/, seeded by scripts/demo/seed-slos.mjs), in Debian's Chromium.
 *
 * Every number asserted here is computed by this test from the demo's definition of its traffic
 * (demoSloFigures.ts), at a moment T the test chooses: the last 10-minute sample at or before the
 * moment the history was generated for (history.json), when the demo's incidents are where
 * examples/slos/README.md says. The test stores an evaluation of each demo SLO as of T (and as of
 * T − 6 h, before checkout's bad deploy) through the API, then reads the tab with `?at=`.
 *
 * Screenshots (light and dark) land in docs/screenshots/ and are shown in the README.
 */
import { APIRequestContext, expect, Locator, Page } from '@playwright/test';
import { test } from './pageErrors';
import fs from 'fs';
import path from 'path';
import {
  BACKSTAGE_CHROME,
  expectNoSeriousA11yViolations,
  useTheme,
} from './axe';
import {
  berlinMonthStart,
  burnRate,
  countText,
  Counts,
  DemoHistory,
  figures,
  percentText,
  utcQuarter,
} from './demoSloFigures';
import { isDemoSignIn, signInAs } from './signIn';
import { orderServiceSloSpec, shippingLabelsSloYaml } from './sloYaml';
import { recordAnnouncements, saidOnPage } from './announcements';

const root = path.resolve(__dirname, '../../..');
const screenshots = path.join(root, 'docs/screenshots');
const prometheusDir =
  process.env.STEWARDSHIP_DEMO_PROMETHEUS_DIR ??
  path.join(root, '.tooling/demo-prometheus');
const history = new DemoHistory(
  JSON.parse(fs.readFileSync(path.join(prometheusDir, 'history.json'), 'utf8')),
);
const { now, start } = history.meta;
const DAY = 86400;
/** The moment the figures are checked at (ms): a sample time of every series, shortly before `now`. */
const T = (start + Math.floor((now - start) / 600) * 600) * 1000;
/** Six hours earlier: before checkout-service's bad deploy (3 h before `now`). */
const BEFORE = T - 6 * 3600_000;

const auth = { Authorization: 'Bearer stewardship-demo-seed-token' };

const IMPORT_YAML = shippingLabelsSloYaml('labels');

type Status = 'healthy' | 'at-risk' | 'exhausted' | 'no-data';

/** One demo SLO: where it lives and how its figures follow from the demo's traffic. */
interface DemoSlo {
  entity: string;
  name: string;
  objective: number;
  /** What the budget counts, as the tab words it. */
  unit: string;
  /** Counts over `seconds` ending at `at` (ms). */
  counts(at: number, seconds: number): Counts;
  /** The SLO window at `at`: length so far and whole period, in seconds. */
  window(at: number): { seconds: number; period: number };
  /** Whether one of its alert policies fires at `at`; the SRE Workbook preset when absent. */
  fires?(at: number): boolean;
}

/** The SRE Workbook preset (the default when an SLO names no policy) fires at `at`. */
function presetFires(slo: DemoSlo, at: number): boolean {
  const { period } = slo.window(at);
  return [
    [0.02, 3600, 300],
    [0.05, 6 * 3600, 1800],
    [0.1, 3 * DAY, 6 * 3600],
  ].some(([share, long, short]) => {
    const threshold = (share * period) / long;
    return (
      burnRate(slo.counts(at, long), slo.objective) > threshold &&
      burnRate(slo.counts(at, short), slo.objective) > threshold
    );
  });
}

const rolling = (seconds: number) => () => ({ seconds, period: seconds });

/** A demo availability SLO: good = code 200 of the service's requests. */
const availabilitySlo = (
  entity: string,
  objective: number,
  window: DemoSlo['window'],
): DemoSlo => ({
  entity,
  name: 'availability',
  objective,
  unit: 'bad requests',
  counts: (at, s) => history.availability(entity, at, s),
  window,
});

const SLOS: Record<string, DemoSlo> = {
  'payment-gateway': {
    ...availabilitySlo('payment-gateway', 0.999, rolling(30 * DAY)),
    // Its one policy: burn rate 7.5 over 24 h (both windows must exceed it).
    fires(at) {
      return (
        burnRate(this.counts(at, DAY), this.objective) > 7.5 &&
        burnRate(this.counts(at, 2 * 3600), this.objective) > 7.5
      );
    },
  },
  'checkout-service': {
    entity: 'checkout-service',
    name: 'availability',
    objective: 0.999,
    unit: 'bad requests',
    counts: (at, s) => history.availabilityFromBad('checkout-service', at, s),
    window: rolling(30 * DAY),
  },
  // Calendar month, Europe/Berlin.
  'legacy-billing': availabilitySlo('legacy-billing', 0.995, at => {
    const monthStart = berlinMonthStart(at);
    const next = berlinMonthStart(monthStart + 32 * DAY * 1000);
    return {
      seconds: (at - monthStart) / 1000,
      period: (next - monthStart) / 1000,
    };
  }),
  'invoice-service': {
    entity: 'invoice-service',
    name: 'good-minutes',
    objective: 0.99,
    unit: 'bad slices',
    counts: (at, s) =>
      history.slices('invoice-service', at, Math.max(s, 300), 300, 0.99),
    window: rolling(7 * DAY),
  },
  'recommendation-engine': {
    entity: 'recommendation-engine',
    name: 'latency',
    objective: 0.95,
    unit: 'requests slower than 300 ms',
    counts: (at, s) => history.latency('recommendation-engine', at, s),
    window: rolling(28 * DAY),
  },
  // Calendar quarter, UTC.
  'storefront-web': availabilitySlo('storefront-web', 0.99, at => {
    const quarter = utcQuarter(at);
    return { seconds: (at - quarter.start) / 1000, period: quarter.seconds };
  }),
};

/** What the tab must show for a demo SLO as of `at`, all computed here. */
function expected(slo: DemoSlo, at: number) {
  const counts = slo.counts(at, slo.window(at).seconds);
  const f = figures(counts, slo.objective);
  let status: Status = 'healthy';
  if (f.remaining <= 0) status = 'exhausted';
  else if (slo.fires ? slo.fires(at) : presetFires(slo, at)) status = 'at-risk';
  const left = `${percentText(f.remaining, 1)} left`;
  return {
    counts,
    ...f,
    status,
    sliText: `${percentText(f.sli)} (objective ${percentText(slo.objective)})`,
    budgetText: `${
      f.remaining < 0 ? `${left} (overspent)` : left
    } · ${countText(f.bad)} of ${countText(f.allowedBad)} allowed ${
      slo.unit
    } used`,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

async function sloIdOf(request: APIRequestContext, entity: string) {
  const res = await request.get(
    `/api/stewardship/entities/component/default/${entity}/slos`,
    { headers: auth },
  );
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.items).toHaveLength(1);
  return body.items[0].slo.id as string;
}

/**
 * Stores an evaluation of the entity's SLO as of `at`. The backend may allow one on-demand
 * evaluation per SLO in a short interval (429, "retry in N s"): then this waits and asks again.
 */
async function evaluateAt(
  request: APIRequestContext,
  entity: string,
  at: number,
) {
  const id = await sloIdOf(request, entity);
  for (let attempt = 0; ; attempt++) {
    const res = await request.post(
      `/api/stewardship/slos/${id}/evaluate?at=${encodeURIComponent(iso(at))}`,
      { headers: auth },
    );
    if (res.status() !== 429 || attempt >= 3) {
      expect(res.status(), `evaluate ${entity} at ${iso(at)}`).toBe(200);
      return;
    }
    const wait = /retry in (\d+) s/.exec(await res.text())?.[1];
    await new Promise(r => setTimeout(r, (Number(wait ?? 10) + 1) * 1000));
  }
}

/** The value (`<dd>`) of a figure (`<dt>`) in an SLO row. */
function figure(row: Locator, term: string) {
  return row.locator(`dt:text-is("${term}") + dd`);
}

/** The row (a section labelled by the SLO's name) of the named SLO. */
function sloRow(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

async function openSlosTab(page: Page, entity: string, at?: number) {
  await page.goto(
    `/catalog/default/component/${entity}/slos${
      at === undefined ? '' : `?at=${encodeURIComponent(iso(at))}`
    }`,
  );
  await expect(page.getByLabel('As of (your local time)')).toBeVisible();
}

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

test.describe('SLOs tab', () => {
  test.beforeAll(async ({ request }) => {
    test.setTimeout(240_000);
    await Promise.all(
      [
        ...Object.values(SLOS).map(slo => slo.entity),
        'fraud-detection',
        'product-catalog',
      ].map(entity => evaluateAt(request, entity, T)),
    );
    await evaluateAt(request, 'checkout-service', BEFORE);
  });

  test.beforeEach(async ({ page }, testInfo) => {
    // The guest may only read: a test that changes SLOs is tagged with who it signs in as, the
    // owner of the entity it changes (examples/entities.yaml), e.g. `@commerce-owner`.
    const who = testInfo.tags.map(tag => tag.slice(1)).find(isDemoSignIn);
    await signInAs(page, who ?? 'guest');
  });

  test('the demo has one SLO in each state', () => {
    // The demo is shaped to show these (examples/slos/README.md); if its traffic drifts, this says so.
    const statuses = Object.fromEntries(
      Object.entries(SLOS).map(([k, slo]) => [k, expected(slo, T).status]),
    );
    // invoice-service's few bad 5-minute slices sit at fixed wall-clock times (about two a week,
    // scripts/demo/demoTraffic.mjs): for some hours after one, its own traffic makes it at-risk.
    // Either is its shape; the test below checks the app shows whichever the traffic implies.
    expect(['healthy', 'at-risk']).toContain(statuses['invoice-service']);
    expect({ ...statuses, 'invoice-service': 'healthy or at-risk' }).toEqual({
      'payment-gateway': 'healthy',
      'checkout-service': 'at-risk',
      'legacy-billing': 'exhausted',
      'invoice-service': 'healthy or at-risk',
      'recommendation-engine': 'healthy',
      'storefront-web': 'healthy',
    });
    expect(expected(SLOS['checkout-service'], BEFORE).status).toBe('healthy');
  });

  for (const [key, slo] of Object.entries(SLOS)) {
    test(`${key}: status, SLI and error budget as its traffic implies`, async ({
      page,
    }) => {
      const want = expected(slo, T);
      await openSlosTab(page, slo.entity, T);
      const row = sloRow(page, slo.name);
      await expect(row.getByText(want.status, { exact: true })).toBeVisible();
      await expect(figure(row, 'SLI')).toHaveText(want.sliText);
      await expect(figure(row, 'Error budget')).toHaveText(want.budgetText);
      if (want.status === 'exhausted') {
        await expect(
          row.getByText(
            `The error budget is spent: ${countText(
              want.bad,
            )} bad events against ${countText(want.allowedBad)} allowed.`,
          ),
        ).toBeVisible();
        await expect(figure(row, 'Time to exhaustion')).toHaveText(
          'already spent',
        );
      }
      if (want.status === 'healthy') {
        await expect(
          row.getByText(
            `${percentText(
              want.remaining,
              1,
            )} of the error budget left and no alert policy fires.`,
          ),
        ).toBeVisible();
      }
      const window = slo.window(T);
      if (window.seconds !== window.period) {
        // Calendar windows say how much of the month or quarter has passed.
        await expect(figure(row, 'Window')).toContainText(
          `${percentText(window.seconds / window.period, 1)} elapsed`,
        );
      }
    });
  }

  test('quiet and broken SLIs say no-data with the reason', async ({
    page,
  }) => {
    // fraud-detection's counters exist and never move: a quiet service, not an outage.
    expect(history.availability('fraud-detection', T, 30 * DAY).total).toBe(0);
    await openSlosTab(page, 'fraud-detection', T);
    let row = sloRow(page, 'availability');
    await expect(row.getByText('no-data', { exact: true })).toBeVisible();
    await expect(
      row.getByText(/^No traffic in the SLO window/).first(),
    ).toBeVisible();

    // product-catalog's Sloth SLI names a metric the demo never exports.
    await openSlosTab(page, 'product-catalog', T);
    row = sloRow(page, 'requests-availability');
    await expect(row.getByText('no-data', { exact: true })).toBeVisible();
    await expect(
      row.getByText(/^A query matched no series: the SLI is broken/).first(),
    ).toBeVisible();
  });

  test(
    "the SLO editor's chunk failing to load leaves the tab, which says so",
    { tag: '@commerce-owner' },
    async ({ page }) => {
      // The editor loads in its own chunk as the tab first renders (plugin.ts): as when a new
      // version of the app was deployed while the page was open, its file cannot be fetched.
      await page.route('**/static/stewardship-slo-editor.*.chunk.js', route =>
        route.abort(),
      );
      await openSlosTab(page, 'checkout-service', T);
      const note = page.getByRole('status').filter({
        hasText: 'Could not load the SLO editor',
      });
      await expect(note).toHaveText(
        "Could not load the SLO editor: the app's files could not be fetched (the network failed, or a new version of the app was deployed since this page was opened). Reload the page to create, edit or import SLOs.",
      );
      // The list and the rest of the tab stay.
      await expect(figure(sloRow(page, 'availability'), 'SLI')).toBeVisible();
      await expect(
        page.getByRole('heading', { name: 'Release gate' }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: "the SLOs tab whose editor's chunk failed (light)",
      });
      await useTheme(page, 'dark');
      await page.reload();
      await expect(note).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: "the SLOs tab whose editor's chunk failed (dark)",
      });

      // Once the file can be fetched, a reload brings the editor back.
      await page.unroute('**/static/stewardship-slo-editor.*.chunk.js');
      await page.reload();
      await page.getByRole('button', { name: 'Create SLO' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expect(note).toHaveCount(0);
    },
  );

  test("a system shows its components' SLOs, grouped by component", async ({
    page,
  }) => {
    // system:payment-processing has three components: payment-gateway and fraud-detection have
    // an SLO each, payment-sdk has none (examples/entities.yaml, examples/slos/openslo.yaml).
    const gateway = expected(SLOS['payment-gateway'], T);
    await page.goto(
      `/catalog/default/system/payment-processing/slos?at=${encodeURIComponent(
        iso(T),
      )}`,
    );
    await expect(page.getByText('SLOs of its components')).toBeVisible();
    // Named by the components' titles, as their headings show them; each SLO by its name and
    // its component's (both components have an SLO named availability).
    const gatewayGroup = page.getByRole('region', {
      name: 'SLOs of Payment Gateway',
    });
    const row = gatewayGroup.getByRole('region', {
      name: 'availability of Payment Gateway',
    });
    await expect(
      gatewayGroup.getByRole('heading', { level: 4, name: 'availability' }),
    ).toBeVisible();
    await expect(
      row.getByRole('button', {
        name: 'Show details of availability of Payment Gateway',
      }),
    ).toBeVisible();
    await expect(row.getByText(gateway.status, { exact: true })).toBeVisible();
    await expect(figure(row, 'SLI')).toHaveText(gateway.sliText);
    await expect(
      page
        .getByRole('region', {
          name: 'SLOs of Fraud Detection',
        })
        .getByText('no-data', { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText('1 component of this system has no SLO.'),
    ).toBeVisible();
    await expect(
      page.getByRole('region', {
        name: 'No SLO yet for Payment SDK',
      }),
    ).toBeVisible();
  });

  test('why this number shows the queries, counts and window behind the SLI', async ({
    page,
  }) => {
    const slo = SLOS['payment-gateway'];
    const want = expected(slo, T);
    await openSlosTab(page, slo.entity, T);
    await page
      .getByRole('button', { name: `Show details of ${slo.name}` })
      .click();
    await expect(page.getByText('Error budget burndown')).toBeVisible();
    const burnRates = page.getByRole('table', { name: 'Burn rates' });
    const day = slo.counts(T, DAY);
    // Beside its policy's threshold (7.5, long window 24 h), as the SLO row writes it: three
    // significant digits, more while the rate would read as the threshold.
    const rate = burnRate(day, slo.objective);
    const significant = (value: number, digits: number) =>
      value.toLocaleString('en-US', { maximumSignificantDigits: digits });
    let digits = 3;
    while (
      digits < 17 &&
      rate !== 7.5 &&
      significant(rate, digits) === significant(7.5, digits)
    ) {
      digits++;
    }
    await expect(
      // A row header (the window), then cells: burn rate, error ratio, events, policies.
      burnRates.getByRole('row', { name: /^1d / }).getByRole('cell').nth(0),
    ).toHaveText(`${significant(rate, digits)}×`);

    await page.getByRole('button', { name: 'Why this SLI' }).click();
    const why = page.getByRole('region', { name: 'Why this SLI', exact: true });
    await expect(
      why.getByText(
        'sum(increase(http_requests_total{service="payment-gateway",code!~"5.."}[2592000s]))',
        { exact: true },
      ),
    ).toBeVisible();
    const thousandths = (n: number) =>
      n.toLocaleString('en-US', { maximumFractionDigits: 3 });
    await expect(
      why.getByText(
        `good = ${thousandths(want.counts.good)}, total = ${thousandths(
          want.counts.total,
        )} (SLO window)`,
      ),
    ).toBeVisible();
    const minute = (ms: number) =>
      `${iso(ms).slice(0, 16).replace('T', ' ')} UTC`;
    await expect(
      why.getByText(
        `SLO window: ${minute(T - 30 * DAY * 1000)} to ${minute(T)}`,
        { exact: false },
      ),
    ).toBeVisible();
  });

  test('a page that hears of no new evaluation reads again after ten minutes, and says its SLO grows stale when it cannot', async ({
    page,
  }) => {
    // Nothing reaches the page on its signals websocket (as when the signal was lost, or no run
    // was stored), and the browser's clock is faked from the start (it runs on), so that minutes
    // can pass at once.
    await page.routeWebSocket(/\/api\/signals/, () => {});
    await page.clock.install();
    const slo = SLOS['recommendation-engine'];
    let reads = 0;
    let backendDown = false;
    await page.route(
      url =>
        url.pathname ===
        `/api/stewardship/entities/component/default/${slo.entity}/slos`,
      async route => {
        reads += 1;
        if (!backendDown) return route.fallback();
        return route.fulfill({
          status: 502,
          contentType: 'text/html',
          body: '<html><body>Bad Gateway</body></html>',
        });
      },
    );
    await openSlosTab(page, slo.entity);
    const row = sloRow(page, slo.name);
    // The scheduler evaluates every 10 s here: current when read.
    await expect(row.getByText('healthy', { exact: true })).toBeVisible();
    await expect(row.getByText(/^stale/)).toHaveCount(0);
    const readsAtFirst = reads;

    // Ten minutes without a signal: the page reads again by itself (within its 10 s spread) and
    // finds the SLO current, the scheduler having gone on.
    await page.clock.fastForward('10:10');
    await expect.poll(() => reads).toBeGreaterThan(readsAtFirst);
    await expect(row.getByText(/^stale/)).toHaveCount(0);

    // Then the backend stops answering: past the staleness limit (10 minutes) with no newer
    // evaluation read, the SLO is stale, in words beside the status it keeps, with its age, and
    // the page says it could not read again.
    backendDown = true;
    await page.clock.fastForward('11:00');
    await expect(
      page.getByText(/^Not up to date: could not read the SLOs again/),
    ).toBeVisible();
    await expect(row.getByText('stale', { exact: true })).toBeVisible();
    await expect(
      row.getByText(/^stale: last evaluated 1[12] minutes ago$/),
    ).toBeVisible();
    await expect(row.getByText('healthy', { exact: true })).toBeVisible();
    // Said, not only shown: the status line under the header, when the row turned.
    await expect(
      page
        .getByRole('status')
        .getByText(
          new RegExp(
            `^Updated \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: SLO ${slo.name} is now stale \\(healthy when last evaluated\\)\\.$`,
          ),
        ),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page, {
      exclude: BACKSTAGE_CHROME,
      label: 'SLOs tab grown stale on a page left open',
    });
    await row.screenshot({
      path: path.join(screenshots, 'slos-tab-stale-on-open-page.png'),
    });
  });

  test('as of moves the whole tab to a past moment, kept in the URL', async ({
    page,
  }) => {
    const slo = SLOS['checkout-service'];
    const before = expected(slo, BEFORE);
    await openSlosTab(page, slo.entity);
    const row = sloRow(page, slo.name);
    // Now (the scheduler's evaluation): the bad deploy is burning the budget.
    await expect(row.getByText('at-risk', { exact: true })).toBeVisible();
    const nowBudget = await figure(row, 'Error budget').textContent();

    const local = iso(BEFORE).slice(0, 16); // the browser runs in UTC
    await page.getByLabel('As of (your local time)').fill(local);
    await expect
      .poll(() => new URL(page.url()).searchParams.get('at'))
      .toBe(iso(BEFORE));
    await expect(
      page.getByText(`Showing the state as of ${local.replace('T', ' ')} UTC`),
    ).toBeVisible();
    await expect(row.getByText('healthy', { exact: true })).toBeVisible();
    await expect(figure(row, 'Error budget')).toHaveText(before.budgetText);
    expect(before.budgetText).not.toBe(nowBudget);
    // The dependency ceiling has no past: its card says it shows today's.
    await expect(
      page
        .getByRole('region', { name: 'Dependency ceiling' })
        .getByText(`As it is now, not as of ${local.replace('T', ' ')} UTC`, {
          exact: false,
        }),
    ).toBeVisible();

    // The address alone shows the same moment.
    const shared = page.url();
    await page.goto('/catalog');
    await page.goto(shared);
    await expect(figure(row, 'Error budget')).toHaveText(before.budgetText);

    await page.getByRole('button', { name: 'Now' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.has('at'))
      .toBe(false);
    await expect(row.getByText('at-risk', { exact: true })).toBeVisible();
    await expect(page.getByText(/^As it is now, not as of/)).toHaveCount(0);
  });

  test(
    'statuses move on after each scheduled evaluation without a reload (Backstage signals), focus kept, through a failed read',
    {
      tag: '@commerce-owner',
    },
    async ({ page }) => {
      // order-service has no demo SLO. One is added through the API while its tab is open: the
      // scheduler (every 10 s here) evaluates it and signals, and the tab reads it without a reload.
      // A stricter objective then makes the next run find the demo's checkout traffic (3 % failing
      // since the bad deploy) burning the budget: the row's status changes in place.
      test.setTimeout(180_000);
      const entityPath =
        '/api/stewardship/entities/component/default/order-service';
      const spec = (objective: number) =>
        orderServiceSloSpec('refreshed-availability', objective);
      // A run, its signal, then this page's wait of up to 10 s.
      const scheduled = { timeout: 45_000 };
      // Dark: the line saying what changed is checked by axe in the theme the other tests of this
      // tab use less.
      await useTheme(page, 'dark');
      await recordAnnouncements(page);
      await openSlosTab(page, 'order-service');
      await expect(page.getByText('No SLOs for this entity yet')).toBeVisible();

      const created = await page.request.post('/api/stewardship/slos', {
        headers: auth,
        data: spec(0.99),
      });
      expect(created.status()).toBe(201);
      const slo = await created.json();
      try {
        const row = sloRow(page, 'refreshed-availability');
        await expect(row.getByText('healthy', { exact: true })).toBeVisible(
          scheduled,
        );
        expect(page.url()).not.toContain('at=');
        const details = row.getByRole('button', { name: /^Show details of / });
        await details.focus();

        const gateRead = page.waitForResponse(
          response =>
            new URL(response.url()).pathname === `${entityPath}/release-gate`,
          scheduled,
        );
        const stricter = await page.request.put(
          `/api/stewardship/slos/${slo.id}`,
          { headers: auth, data: { ...spec(0.999), version: slo.version } },
        );
        expect(stricter.status()).toBe(200);
        await expect(row.getByText(/^(at-risk|exhausted)$/)).toBeVisible(
          scheduled,
        );
        // Shown and said (a status region), with the moment the list is of: a row's word changing
        // in place is easily missed, by eye or by ear.
        const news = page
          .getByRole('status')
          .filter({ hasText: 'refreshed-availability' });
        await expect(news).toHaveText(
          /^Updated \d{4}-\d\d-\d\d \d\d:\d\d UTC: SLO refreshed-availability is now (at-risk|exhausted) \(was healthy\)\.$/,
        );
        await expect(news.getByText(/^Updated /)).toBeVisible();
        await expectNoSeriousA11yViolations(page, {
          exclude: BACKSTAGE_CHROME,
          label: 'SLOs tab with a status change said (dark)',
        });
        await page.screenshot({
          path: path.join(screenshots, 'slos-tab-status-change-dark.png'),
        });
        // The gate read again with it; the row updated in place, its focused button still focused
        // (a progress bar in the list's place would have taken it).
        expect((await gateRead).status()).toBe(200);
        await expect(details).toBeFocused();

        // The next run's reads fail, as behind a proxy while the backend restarts (a rolling
        // deploy): the tab keeps its figures, its reader's focus, and says they are not up to
        // date; the run after reads again and the notes go.
        const readsOfNow = (url: URL) =>
          url.pathname === `${entityPath}/slos` ||
          url.pathname === `${entityPath}/release-gate`;
        await page.route(readsOfNow, route =>
          route.fulfill({
            status: 502,
            contentType: 'text/html',
            body: '<html><body>Bad Gateway</body></html>',
          }),
        );
        const listNotUpToDate = page.getByText(
          /^Not up to date: could not read the SLOs again \(The stewardship backend did not answer the request \(502 Bad Gateway\); it may be down or restarting\)\. Shown as of \d{4}-\d\d-\d\d \d\d:\d\d UTC; read again after the next evaluation, or when you reload the page\.$/,
        );
        await expect(listNotUpToDate).toBeVisible(scheduled);
        await expect(
          page.getByText(
            /^Not up to date: could not read the release gate again /,
          ),
        ).toBeVisible();
        await expect(row.getByText(/^(at-risk|exhausted)$/)).toBeVisible();
        await expect(details).toBeFocused();
        await expect(page.getByText(/cannot be reached/)).toHaveCount(0);
        await expectNoSeriousA11yViolations(page, {
          exclude: BACKSTAGE_CHROME,
          label: 'SLOs tab not up to date (dark)',
        });
        await page.unroute(readsOfNow);
        await expect(page.getByText(/^Not up to date: /)).toHaveCount(
          0,
          scheduled,
        );
        await expect(row.getByText(/^(at-risk|exhausted)$/)).toBeVisible();
        await expect(details).toBeFocused();

        // A read that fails while a dialog is open (commerce, which owns order-service, may create
        // SLOs): MUI hides the tab from screen readers meanwhile, so its note is said only once the
        // dialog has gone.
        await page.getByRole('button', { name: 'Create SLO' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await page.route(readsOfNow, route =>
          route.fulfill({
            status: 502,
            contentType: 'text/html',
            body: '<html><body>Bad Gateway</body></html>',
          }),
        );
        await expect(listNotUpToDate).toBeAttached(scheduled);
        const notUpToDate = /^Not up to date: could not read the SLOs again /;
        expect(await saidOnPage(page, notUpToDate)).toHaveLength(1);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await expect.poll(() => saidOnPage(page, notUpToDate)).toHaveLength(2);
        await expect(listNotUpToDate).toBeVisible();
        await page.unroute(readsOfNow);
        await expect(page.getByText(/^Not up to date: /)).toHaveCount(
          0,
          scheduled,
        );
      } finally {
        await page.request.delete(`/api/stewardship/slos/${slo.id}`, {
          headers: auth,
        });
      }
    },
  );

  test('an entity without SLOs sends a viewer who may not add any to its owners, with no command', async ({
    page,
  }) => {
    // The guest may only read (the demo's policy): no command it could not run.
    await openSlosTab(page, 'design-system');
    await expect(page.getByText('No SLOs for this entity yet')).toBeVisible();
    const emptyState = page.getByText(/^Ask its owners/);
    await expect(emptyState).toBeVisible();
    // Its owner named as the catalog titles it (examples: group commerce, "Commerce Team").
    await expect(emptyState).toContainText('Ask its owners (Commerce Team)');
    await expect(page.locator('pre')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, {
      exclude: BACKSTAGE_CHROME,
      label: 'the SLOs tab of an entity without SLOs, as a reader (light)',
    });
  });

  test(
    'an entity without SLOs offers its owners commands that work against this backend as copied',
    { tag: '@commerce-owner' },
    async ({ page, request, baseURL }) => {
      // design-system has no SLO in the demo and no test gives it one; commerce owns it.
      await openSlosTab(page, 'design-system');
      await expect(page.getByText('No SLOs for this entity yet')).toBeVisible();
      const snippets = page.locator('pre', { hasText: 'curl -X POST' });
      await expect(snippets).toHaveCount(2);
      const [create, importer] = await snippets.allInnerTexts();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: 'the SLOs tab of an entity without SLOs (light)',
      });
      await useTheme(page, 'dark');
      await page.reload();
      await expect(snippets).toHaveCount(2);
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: 'the SLOs tab of an entity without SLOs (dark)',
      });

      // The create command: its JSON body names this entity and the demo's metric source, and the
      // backend it names takes it (previewed, so nothing is stored).
      const body = JSON.parse(create.split("--data '")[1].split("' \\\n")[0]);
      const createUrl = create.trim().split('\n').at(-1)!.trim();
      // The backend this run serves from (7007, or another port when 7007 was taken).
      expect(createUrl).toBe(`${baseURL}/api/stewardship/slos`);
      expect(body).toMatchObject({
        entityRef: 'component:default/design-system',
        metricSource: 'demo-prometheus',
      });
      const preview = await request.post(`${createUrl}/preview`, {
        headers: auth,
        data: body,
      });
      expect(preview.status()).toBe(200);
      // Its queries are placeholders (`job="<job>"`): the configured source answers that they match
      // no series, rather than that the source does not exist.
      expect(await preview.json()).toMatchObject({
        status: 'no-data',
        noDataReason: 'no-series',
      });

      // The import command, dry run, as printed.
      const importUrl = importer.trim().split('\n').at(-1)!.trim().slice(1, -1);
      expect(new URL(importUrl).searchParams.get('metricSource')).toBe(
        'demo-prometheus',
      );
      const dryRun = await request.post(importUrl, {
        headers: { ...auth, 'Content-Type': 'application/yaml' },
        // A file that names no service: the command's entityRef places it.
        data: IMPORT_YAML.replace('  service: shipping-service\n', ''),
      });
      expect(dryRun.status()).toBe(200);
      expect((await dryRun.json()).items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/design-system',
        }),
      ]);
      const stored = await request.get(
        `${baseURL}/api/stewardship/entities/component/default/design-system/slos`,
        { headers: auth },
      );
      expect((await stored.json()).items).toEqual([]);
    },
  );

  test(
    'an SLO created in the form is evaluated with the figures its queries imply',
    {
      tag: '@commerce-owner',
    },
    async ({ page, request }) => {
      await openSlosTab(page, 'order-service');
      await expect(page.getByText('No SLOs for this entity yet')).toBeVisible();
      await page.getByRole('button', { name: 'Create SLO' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New SLO' });
      // The form refuses what it can see is wrong before sending anything.
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog.locator('#slo-name-helper-text')).not.toHaveText(
        'Unique per entity, e.g. availability',
      );
      await dialog.locator('#slo-name').fill('orders-e2e');
      await dialog
        .locator('#slo-sli-good')
        .fill('http_requests_total{service="storefront-web",code="200"}');
      await dialog
        .locator('#slo-sli-total')
        .fill('http_requests_total{service="storefront-web"}');
      await dialog.locator('#slo-objective').fill('99.5');
      await dialog.locator('#slo-timeWindow-duration').fill('7d');
      await dialog.locator('#slo-labels').fill('tier: critical\nteam: orders');
      await dialog.locator('#slo-metric-source').click();
      await page.getByRole('option', { name: /demo-prometheus/ }).click();
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog).toBeHidden();
      // Evaluated as it was saved: the list the tab reads as the dialog closes has its status,
      // without waiting for the scheduler (here every 10 s).
      await expect(
        sloRow(page, 'orders-e2e').getByText('healthy', { exact: true }),
      ).toBeVisible({ timeout: 3_000 });

      await expectEvaluatedAsComputed(page, request, {
        entity: 'order-service',
        name: 'orders-e2e',
        objective: 0.995,
        unit: 'bad requests',
        counts: at => history.availability('storefront-web', at, 7 * DAY),
      });
      // The labels typed in the form are stored and listed in the details.
      const listed = await request.get(
        '/api/stewardship/entities/component/default/order-service/slos',
        { headers: auth },
      );
      const stored = (await listed.json()).items.find(
        (i: any) => i.slo.name === 'orders-e2e',
      );
      expect(stored.slo.labels).toEqual({ tier: 'critical', team: 'orders' });
      await page
        .getByRole('button', { name: 'Show details of orders-e2e' })
        .click();
      await expect(
        page.getByRole('list', { name: 'Labels' }).getByRole('listitem'),
      ).toHaveText(['tier: critical', 'team: orders']);
    },
  );

  test(
    'saving over a change someone else made says so, reloads their version and keeps what was typed',
    {
      tag: '@platform-owner',
    },
    async ({ page, request }) => {
      const created = await request.post('/api/stewardship/slos', {
        headers: auth,
        data: {
          entityRef: 'component:default/notification-service',
          name: 'delivery',
          sli: {
            type: 'ratio',
            good: 'http_requests_total{service="storefront-web",code="200"}',
            total: 'http_requests_total{service="storefront-web"}',
          },
          objective: 0.995,
          timeWindow: { type: 'rolling', duration: '7d' },
          budgetingMethod: 'occurrences',
          metricSource: 'demo-prometheus',
        },
      });
      expect(created.status()).toBe(201);
      const stored = await created.json();

      await openSlosTab(page, 'notification-service');
      await page.getByRole('button', { name: 'Edit delivery' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit SLO delivery' });
      await expect(dialog.locator('#slo-objective')).toHaveValue('99.5');

      // Meanwhile someone else changes the description through the API.
      const { id, createdAt: _c, updatedAt: _u, ...spec } = stored;
      const changed = await request.put(`/api/stewardship/slos/${id}`, {
        headers: auth,
        data: { ...spec, description: 'Changed by someone else' },
      });
      expect(changed.status()).toBe(200);

      await dialog.locator('#slo-objective').fill('99.9');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(
        dialog.getByText('Someone else changed this SLO since you opened it.', {
          exact: false,
        }),
      ).toBeVisible();
      await dialog.getByRole('button', { name: 'Reload' }).click();
      // Their description, and the objective typed here kept on top of it.
      await expect(dialog.locator('#slo-description')).toHaveValue(
        'Changed by someone else',
      );
      await expect(dialog.locator('#slo-objective')).toHaveValue('99.9');
      await expect(
        dialog.getByText(
          'Loaded the version saved meanwhile and kept your changes to Objective (%).',
          { exact: false },
        ),
      ).toBeVisible();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    },
  );

  test(
    'YAML imported through the dialog is previewed, stored and evaluated',
    {
      tag: '@commerce-owner',
    },
    async ({ page, request }) => {
      await openSlosTab(page, 'shipping-service');
      await page.getByRole('button', { name: 'Import YAML' }).first().click();
      const dialog = page.getByRole('dialog', {
        name: 'Import SLOs from YAML',
      });
      await dialog.getByLabel('OpenSLO or Sloth YAML').fill(IMPORT_YAML);
      await expect(
        dialog.getByRole('button', { name: 'Import' }),
      ).toBeDisabled();
      await dialog.getByRole('button', { name: 'Preview' }).click();
      await expect(
        dialog.getByText('This SLO would be created:'),
      ).toBeVisible();
      await expect(
        dialog.getByText('labels on component:default/shipping-service'),
      ).toBeVisible();
      await expect(
        dialog.getByText('Objective 99 %, rolling 7d, source demo-prometheus'),
      ).toBeVisible();
      // A preview stores nothing.
      const id = await request.get(
        '/api/stewardship/entities/component/default/shipping-service/slos',
        { headers: auth },
      );
      expect((await id.json()).items).toEqual([]);

      await dialog.getByRole('button', { name: 'Import' }).click();
      await expect(dialog).toBeHidden();
      await expectEvaluatedAsComputed(page, request, {
        entity: 'shipping-service',
        name: 'labels',
        objective: 0.99,
        unit: 'bad requests',
        counts: at => history.availability('invoice-service', at, 7 * DAY),
      });

      // The same file again: its preview answers what its import would, the name taken.
      await page.getByRole('button', { name: 'Import YAML' }).first().click();
      await dialog.getByLabel('OpenSLO or Sloth YAML').fill(IMPORT_YAML);
      await dialog.getByRole('button', { name: 'Preview' }).click();
      // One line per document, without the other SLO's id.
      await expect(
        dialog.getByText(
          'document 1: metadata.name: component:default/shipping-service already has an SLO named "labels". Choose another name.',
        ),
      ).toBeVisible();
      await expect(dialog.getByText(/\(id [0-9a-f-]{36}\)/)).toHaveCount(0);
      await expect(
        dialog.getByRole('button', { name: 'Import' }),
      ).toBeDisabled();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    },
  );

  test(
    'with a second metric source, the import dialog asks which one the SLOs naming none read',
    {
      tag: '@commerce-owner',
    },
    async ({ page }) => {
      // The demo configures one source; the list the dialog reads gets a second, so there is a
      // choice. What the dialog sends is judged by the real backend, which refuses the listed-only
      // source and previews with the one it has.
      await page.route('**/api/stewardship/metric-sources', async route => {
        const response = await route.fetch();
        const body = await response.json();
        body.items.push({
          name: 'listed-only',
          type: 'prometheus',
          health: { status: 'unknown', checkedAt: new Date().toISOString() },
        });
        await route.fulfill({ response, json: body });
      });
      await openSlosTab(page, 'shipping-service');
      await page.getByRole('button', { name: 'Import YAML' }).first().click();
      const dialog = page.getByRole('dialog', {
        name: 'Import SLOs from YAML',
      });
      const source = dialog.getByRole('button', {
        name: /^Metric source for SLOs that name none/,
      });
      await expect(source).toHaveText(
        'The first configured source (the default)',
      );
      // Its own name: the test before imported "labels", which a preview would find taken.
      await dialog
        .getByLabel('OpenSLO or Sloth YAML')
        .fill(shippingLabelsSloYaml('labels-by-source'));

      await source.click();
      await page
        .getByRole('option', {
          name: 'listed-only (prometheus) — health unknown',
        })
        .click();
      await dialog.getByRole('button', { name: 'Preview' }).click();
      const refused = dialog.getByRole('alert');
      await expect(refused).toContainText(
        'The metric source chosen was refused; this is not a problem with the YAML:',
      );
      await expect(refused).toContainText(
        'no metric source "listed-only" is configured',
      );

      await source.click();
      await page
        .getByRole('option', { name: /^demo-prometheus \(prometheus\)/ })
        .click();
      await dialog.getByRole('button', { name: 'Preview' }).click();
      await expect(
        dialog.getByText('Objective 99 %, rolling 7d, source demo-prometheus'),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        include: '[role="dialog"]',
        label: 'the import dialog with a choice of source',
      });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    },
  );

  for (const theme of ['light', 'dark'] as const) {
    // As checkout-service's owner, who sees its Create SLO and Import YAML dialogs.
    test(
      `no serious accessibility violation, ${theme} theme (with screenshots)`,
      {
        tag: '@commerce-owner',
      },
      async ({ page }) => {
        await useTheme(page, theme);
        const slo = SLOS['checkout-service'];
        await openSlosTab(page, slo.entity, T);
        const row = sloRow(page, slo.name);
        await expect(row.getByText('at-risk', { exact: true })).toBeVisible();
        await expectNoSeriousA11yViolations(page, {
          exclude: BACKSTAGE_CHROME,
          label: `the SLOs tab (${theme})`,
        });
        await page.screenshot({
          path: path.join(screenshots, `slos-tab-${theme}.png`),
          fullPage: true,
        });

        await page
          .getByRole('button', { name: `Show details of ${slo.name}` })
          .click();
        await expect(page.getByText('Error budget burndown')).toBeVisible();
        await page
          .getByRole('button', { name: 'Why this error budget' })
          .click();
        await expect(
          page.getByRole('region', {
            name: 'Why this error budget',
            exact: true,
          }),
        ).toBeVisible();
        await expectNoSeriousA11yViolations(page, {
          exclude: BACKSTAGE_CHROME,
          label: `an SLO's details (${theme})`,
        });
        // Backstage scrolls its content in a box of the window's height, so a full-page shot would
        // cut the details off: make the window tall enough for all of them instead.
        await page.setViewportSize({ width: 1440, height: 2700 });
        await expect(
          page.locator('svg[data-chart="time-series"] polyline').first(),
        ).toBeVisible();
        // The details have grown past the window: start the shot at the charts.
        await page
          .getByText('Error budget burndown')
          .evaluate(heading => heading.scrollIntoView({ block: 'start' }));
        await page.screenshot({
          path: path.join(screenshots, `slo-details-${theme}.png`),
        });
        await page.setViewportSize({ width: 1440, height: 1000 });

        await page.getByRole('button', { name: 'Create SLO' }).first().click();
        const editor = page.getByRole('dialog', { name: 'New SLO' });
        await expect(editor).toBeVisible();
        await expectNoSeriousA11yViolations(page, {
          include: '[role="dialog"]',
          label: `the create dialog (${theme})`,
        });
        // Alert policies in budget terms are rows of their own, each with its problems.
        await editor
          .getByRole('radio', { name: 'Share of the budget within a time' })
          .check();
        await editor.getByRole('button', { name: 'Add policy' }).click();
        await editor.getByLabel('Policy 2 within').fill('soon');
        await editor.getByRole('button', { name: 'Create' }).click();
        await expect(
          editor.getByLabel('Policy 2 within', { exact: true }),
        ).toHaveAttribute('aria-invalid', 'true');
        await expectNoSeriousA11yViolations(page, {
          include: '[role="dialog"]',
          label: `the create dialog's alert policies in budget terms, with problems (${theme})`,
        });
        // The form was changed: Cancel asks before discarding it.
        await editor.getByRole('button', { name: 'Cancel' }).click();
        const discard = page.getByRole('dialog', {
          name: 'Discard your changes to this SLO?',
        });
        await expect(discard).toBeVisible();
        await expectNoSeriousA11yViolations(page, {
          include: '[role="dialog"]',
          label: `the discard question (${theme})`,
        });
        await discard.getByRole('button', { name: 'Discard' }).click();
        await expect(editor).toBeHidden();
        await expect(discard).toBeHidden();

        await page.getByRole('button', { name: 'Import YAML' }).first().click();
        const importer = page.getByRole('dialog', {
          name: 'Import SLOs from YAML',
        });
        // Named afresh: the import test stored `labels` on this entity, and a preview answers the
        // 409 the import would.
        await importer
          .getByLabel('OpenSLO or Sloth YAML')
          .fill(
            IMPORT_YAML.replace(
              '  name: labels\n',
              `  name: labels-${theme}\n`,
            ),
          );
        await importer.getByRole('button', { name: 'Preview' }).click();
        await expect(
          importer.getByText('This SLO would be created:'),
        ).toBeVisible();
        await expectNoSeriousA11yViolations(page, {
          include: '[role="dialog"]',
          label: `the import dialog (${theme})`,
        });
        await importer.getByRole('button', { name: 'Cancel' }).click();
      },
    );
  }
});

/**
 * Waits until the scheduler has evaluated a new SLO; checks that as of its creation the tab calls it
 * stale (never evaluated), then pins the tab to the evaluation's moment (`?at=`, so a later run
 * cannot replace it) and checks its figures against the demo's traffic.
 */
async function expectEvaluatedAsComputed(
  page: Page,
  request: APIRequestContext,
  slo: {
    entity: string;
    name: string;
    objective: number;
    unit: string;
    counts(at: number): Counts;
  },
) {
  let evaluatedAt: string | undefined;
  let createdAtText: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `/api/stewardship/entities/component/default/${slo.entity}/slos`,
          { headers: auth },
        );
        const item = (await res.json()).items.find(
          (i: any) => i.slo.name === slo.name,
        );
        evaluatedAt = item?.evaluation?.at;
        createdAtText = item?.slo.createdAt;
        return evaluatedAt !== undefined;
      },
      { timeout: 60_000, message: `${slo.name} is evaluated` },
    )
    .toBe(true);
  const at = Date.parse(evaluatedAt!);
  const f = figures(slo.counts(at), slo.objective);

  // As of the moment it was created it had no evaluation yet: stale, and the row says so in words.
  const createdAt = Date.parse(createdAtText!);
  await openSlosTab(page, slo.entity, createdAt);
  const before = sloRow(page, slo.name);
  await expect(before.getByText('stale', { exact: true })).toBeVisible();
  await expect(
    before.getByText(
      `stale: never evaluated as of ${iso(createdAt)
        .slice(0, 16)
        .replace('T', ' ')} UTC`,
    ),
  ).toBeVisible();

  await openSlosTab(page, slo.entity, at);
  const row = sloRow(page, slo.name);
  await expect(row.getByText('healthy', { exact: true })).toBeVisible();
  await expect(figure(row, 'SLI')).toHaveText(
    `${percentText(f.sli)} (objective ${percentText(slo.objective)})`,
  );
  await expect(figure(row, 'Error budget')).toHaveText(
    `${percentText(f.remaining, 1)} left · ${countText(f.bad)} of ${countText(
      f.allowedBad,
    )} allowed ${slo.unit} used`,
  );
}
