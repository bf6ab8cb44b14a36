/* eslint-disable no-restricted-imports */
/*
 * The Incidents section of the SLOs tab end to end: the built app and the real backend (SQLite)
 * with the demo incidents seeded by scripts/demo/seed-incidents.mjs, in Debian's Chromium.
 *
 * The figures are checked against values this test computes itself from the incidents the API
 * returns (medians and means of the moments, by the definitions in the README), not against the
 * backend's summary. Recording and resolving an incident is done as the owner of checkout-service
 * (the guest may only read, and the test checks that it is told so).
 *
 * Screenshots (light and dark) of the section land in docs/screenshots/ and are shown in the README.
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
import { DemoHistory } from './demoSloFigures';
import { signInAs } from './signIn';
import { subscribedTo } from './signalSubscriptions';

const root = path.resolve(__dirname, '../../..');
const screenshots = path.join(root, 'docs/screenshots');
const auth = { Authorization: 'Bearer stewardship-demo-seed-token' };
const DAY_MS = 86_400_000;
const prometheusDir =
  process.env.STEWARDSHIP_DEMO_PROMETHEUS_DIR ??
  path.join(root, '.tooling/demo-prometheus');

/** The fields of an incident this test reads. */
interface SeededIncident {
  id: string;
  title: string;
  severity: string;
  status: string;
  fireDrill: boolean;
  startedAt?: string;
  detectedAt: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
}

async function incidentsOf(
  request: APIRequestContext,
  entity: string,
): Promise<SeededIncident[]> {
  const res = await request.get(
    `/api/stewardship/incidents?entity=${encodeURIComponent(
      `component:default/${entity}`,
    )}&limit=500`,
    { headers: auth },
  );
  expect(res.status()).toBe(200);
  return (await res.json()).items;
}

/** Minutes, hours and days in words, rounded as a person reads them (README, "Incidents"). */
function durationWords(seconds: number): string {
  const n = (count: number, unit: string) =>
    `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (Math.round(seconds) < 60) return n(Math.round(seconds), 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return n(minutes, 'minute');
  if (minutes < 1440) {
    const h = Math.floor(minutes / 60);
    return minutes % 60
      ? `${n(h, 'hour')} ${n(minutes % 60, 'minute')}`
      : n(h, 'hour');
  }
  const hours = Math.round(seconds / 3600);
  const d = Math.floor(hours / 24);
  return hours % 24 ? `${n(d, 'day')} ${n(hours % 24, 'hour')}` : n(d, 'day');
}

type Moment =
  | 'startedAt'
  | 'detectedAt'
  | 'acknowledgedAt'
  | 'mitigatedAt'
  | 'resolvedAt';

/** How a figure cell names each moment when no incident has both of its moments. */
const MOMENT_NOUNS: Record<Moment, string> = {
  startedAt: 'a start',
  detectedAt: 'a detection',
  acknowledgedAt: 'an acknowledgement',
  mitigatedAt: 'a mitigation',
  resolvedAt: 'a resolution',
};

/** The text of one figure cell: median and mean of `to − from` over the incidents with both. */
function figureText(incidents: SeededIncident[], from: Moment, to: Moment) {
  const seconds = incidents
    .filter(i => i[from] && i[to])
    .map(i => (Date.parse(i[to]!) - Date.parse(i[from]!)) / 1000)
    .sort((a, b) => a - b);
  if (seconds.length === 0) {
    return `none has both ${MOMENT_NOUNS[from]} and ${MOMENT_NOUNS[to]} time`;
  }
  const mid = Math.floor(seconds.length / 2);
  const median =
    seconds.length % 2 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
  const mean = seconds.reduce((a, b) => a + b, 0) / seconds.length;
  // One incident: its time once, its own median and mean.
  if (seconds.length === 1) return `${durationWords(seconds[0])} (of 1)`;
  return `median ${durationWords(median)}, mean ${durationWords(mean)} (of ${
    seconds.length
  })`;
}

/** The cells of a figures row as this test expects them: count, MTTD, MTTA, MTTM, MTTR. */
function expectedRow(incidents: SeededIncident[]): string[] {
  const open = incidents.filter(i => i.status !== 'resolved').length;
  return [
    open ? `${incidents.length} (${open} open)` : String(incidents.length),
    figureText(incidents, 'startedAt', 'detectedAt'),
    figureText(incidents, 'detectedAt', 'acknowledgedAt'),
    figureText(incidents, 'detectedAt', 'mitigatedAt'),
    figureText(incidents, 'detectedAt', 'resolvedAt'),
  ];
}

/** The seeded incidents in the 90 days up to now, real or drills. */
function inPeriod(incidents: SeededIncident[], fireDrill: boolean) {
  const now = Date.now();
  return incidents.filter(
    i =>
      i.fireDrill === fireDrill &&
      Date.parse(i.detectedAt) >= now - 90 * DAY_MS,
  );
}

/** The checkout-service incident the seed leaves open (acknowledged, started 3 hours ago). */
async function openIncidentOf(request: APIRequestContext) {
  const open = (await incidentsOf(request, 'checkout-service')).find(
    i => i.status === 'acknowledged',
  )!;
  return { open, started: Date.parse(open.startedAt ?? open.detectedAt) };
}

let demoHistory: DemoHistory | undefined;

/**
 * What an incident of checkout-service that started at `started` has cost its availability SLO
 * (99.9 % over 30 days, bad = 5xx) by `at`, from the demo traffic: the bad requests since it
 * started ÷ the bad requests the 30 days ending at `at` allow (README "Incident budget cost"),
 * as Prometheus' increase() counts them.
 */
function checkoutCostBy(started: number, at: number): number {
  // Read once: a test asks for each second of a minute or more.
  demoHistory ??= new DemoHistory(
    JSON.parse(
      fs.readFileSync(path.join(prometheusDir, 'history.json'), 'utf8'),
    ),
  );
  const history = demoHistory;
  // The source asks for the incident's span in whole seconds (countChecks' windowSeconds):
  // when a sample falls inside the rounded-off fraction of a second, increase() counts a
  // minute more or less, about 0.6 % of this figure (a failure seen once in CI).
  const bad =
    history.increase(
      'checkout-service',
      'err',
      at,
      Math.round((at - started) / 1000),
    ) ?? 0;
  const window = history.availabilityFromBad(
    'checkout-service',
    at,
    30 * 86_400,
  );
  return (bad / ((1 - 0.999) * window.total)) * 100;
}

function incidentsSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Incidents', exact: true });
}

/** The figure cells of the row headed `label` in the table whose caption starts with `caption`. */
async function figureRow(section: Locator, caption: RegExp, label: string) {
  const table = section.locator('table', {
    has: section.page().locator('caption', { hasText: caption }),
  });
  const row = table.getByRole('row').filter({
    has: section.page().getByRole('rowheader', { name: label, exact: true }),
  });
  return row.getByRole('cell').allTextContents();
}

async function openSlosTab(page: Page, entity: string) {
  await page.goto(`/catalog/default/component/${entity}/slos`);
  await expect(
    incidentsSection(page).getByRole('heading', {
      name: 'Incidents',
      exact: true,
    }),
  ).toBeVisible();
}

const REAL = /^Incidents detected from /;
const DRILLS = /^Fire drills \(exercises\)/;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'];

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

test.describe('Incidents on the SLOs tab', () => {
  test('the demo has the seeded incidents', async ({ request }) => {
    // What scripts/demo/seed-incidents.mjs promises; if the seed changes, this says so first.
    const severities = async (entity: string) =>
      (await incidentsOf(request, entity))
        .map(i => `${i.severity}${i.fireDrill ? ' drill' : ''} ${i.status}`)
        .sort();
    expect(await severities('checkout-service')).toContain('SEV2 acknowledged');
    expect(await severities('payment-gateway')).toEqual([
      'SEV2 resolved',
      'SEV4 resolved',
    ]);
    expect(await severities('legacy-billing')).toEqual([
      'SEV1 resolved',
      'SEV3 resolved',
    ]);
    expect(await severities('storefront-web')).toEqual(['SEV3 drill resolved']);
  });

  for (const entity of [
    'payment-gateway',
    'legacy-billing',
    'checkout-service',
  ]) {
    test(`${entity}: count and MTTD, MTTA, MTTM, MTTR per severity as computed from its incidents`, async ({
      page,
      request,
    }) => {
      await signInAs(page, 'guest');
      const real = inPeriod(await incidentsOf(request, entity), false);
      await openSlosTab(page, entity);
      const section = incidentsSection(page);
      await expect(section.locator('caption', { hasText: REAL })).toBeVisible();
      for (const severity of SEVERITIES) {
        const ofSeverity = real.filter(i => i.severity === severity);
        if (ofSeverity.length === 0) {
          await expect(
            section.getByRole('rowheader', { name: severity, exact: true }),
          ).toHaveCount(0);
        } else {
          expect(await figureRow(section, REAL, severity)).toEqual(
            expectedRow(ofSeverity),
          );
        }
      }
      expect(await figureRow(section, REAL, 'All severities')).toEqual(
        expectedRow(real),
      );
      await expect(
        section.getByText('No fire drill in this period.'),
      ).toBeVisible();
      // Every incident is listed, open ones first.
      const headings = await section
        .getByRole('region')
        .getByRole('heading', { level: 3 })
        .allTextContents();
      expect(headings.sort()).toEqual(
        real.map(i => `${i.severity}: ${i.title}`).sort(),
      );
    });
  }

  test('storefront-web: its fire drill is counted apart from real incidents', async ({
    page,
    request,
  }) => {
    await signInAs(page, 'guest');
    const drills = inPeriod(await incidentsOf(request, 'storefront-web'), true);
    expect(drills).toHaveLength(1);
    await openSlosTab(page, 'storefront-web');
    const section = incidentsSection(page);
    await expect(
      section.getByText(/^No incident detected from /),
    ).toBeVisible();
    expect(await figureRow(section, DRILLS, drills[0].severity)).toEqual(
      expectedRow(drills),
    );
    await expect(
      section.getByRole('heading', {
        name: `${drills[0].severity} fire drill: ${drills[0].title}`,
      }),
    ).toBeVisible();
  });

  test('the open incident shows its status in words, timeline and overdue action items', async ({
    page,
    request,
  }) => {
    await signInAs(page, 'guest');
    const { open, started } = await openIncidentOf(request);
    const opened = Date.now();
    await openSlosTab(page, 'checkout-service');
    const row = incidentsSection(page).getByRole('region', {
      name: `${open.severity}: ${open.title}`,
    });
    await expect(row.getByText('Acknowledged, being worked on')).toBeVisible();
    // How long it has been open, in words, as of any moment the tab may have rendered it: the
    // seed starts it 3 hours ago, so whole hours and the rest in minutes (rounded to a minute).
    expect(Date.now() - started).toBeGreaterThan(3_600_000);
    expect(Date.now() - started).toBeLessThan(86_400_000);
    const unit = (n: number, name: string) =>
      `${n} ${name}${n === 1 ? '' : 's'}`;
    const openFor = (at: number) => {
      const minutes = Math.round((at - started) / 60_000);
      const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
      return `open for ${unit(hours, 'hour')}${
        rest ? ` ${unit(rest, 'minute')}` : ''
      }`;
    };
    const shown = await row.getByText(/^open for /).textContent();
    const possible = new Set<string>();
    for (let at = opened - 60_000; at <= Date.now() + 60_000; at += 15_000) {
      possible.add(openFor(at));
    }
    expect([...possible]).toContain(shown);

    // What it has cost checkout-service's availability SLO so far, for every second the tab may
    // have read it.
    const possibleCosts: number[] = [];
    for (let at = opened - 60_000; at <= Date.now(); at += 1_000) {
      possibleCosts.push(checkoutCostBy(started, at));
    }
    // The bad deploy burns during the incident (examples/slos), so the figure is not a zero.
    expect(Math.min(...possibleCosts)).toBeGreaterThan(0);
    const cost = await row
      .getByText(/^availability: .*% of the error budget so far/)
      .textContent();
    const shownCost = Number(/: ([\d.]+) %/.exec(cost ?? '')?.[1]);
    // Shown with at most two decimals; a little more for the read's moment rounded to a second.
    const slack = 0.01 + 0.005 * Math.max(...possibleCosts);
    expect(shownCost).toBeGreaterThanOrEqual(
      Math.min(...possibleCosts) - slack,
    );
    expect(shownCost).toBeLessThanOrEqual(Math.max(...possibleCosts) + slack);
    await row
      .getByRole('button', { name: `Show details of ${open.title}` })
      .click();
    await expect(row.getByRole('list', { name: 'Timeline' })).toContainText(
      'Recorded as SEV2',
    );
    await expect(row.getByRole('list', { name: 'Action items' })).toContainText(
      'Roll back 4.12',
    );
    // The guest may read but not write.
    await expect(
      incidentsSection(page).getByText(
        'You may not record incidents of this entity.',
      ),
    ).toBeVisible();
    await expect(row.getByRole('button', { name: 'Resolve' })).toHaveCount(0);
  });

  test('as of a past moment, the open incident costs what it had cost by then', async ({
    page,
    request,
  }) => {
    await signInAs(page, 'guest');
    const { open, started } = await openIncidentOf(request);
    // An hour into it (the seed starts it 3 hours ago), on a whole minute, once it was detected.
    const at = new Date(
      Math.ceil(
        Math.max(started + 3_600_000, Date.parse(open.detectedAt)) / 60_000,
      ) * 60_000,
    );
    expect(at.getTime()).toBeLessThan(Date.now() - 60_000);
    await page.goto(
      `/catalog/default/component/checkout-service/slos?at=${encodeURIComponent(
        at.toISOString(),
      )}`,
    );
    const row = incidentsSection(page).getByRole('region', {
      name: `${open.severity}: ${open.title}`,
    });
    const cost = row.getByText(
      /^availability: .*% of the error budget up to the moment shown \(open then; still open\)$/,
    );
    await expect(cost).toBeVisible();
    // What it had cost by then, from the demo traffic.
    const expected = checkoutCostBy(started, at.getTime());
    expect(expected).toBeGreaterThan(0);
    const shownCost = Number(
      /: ([\d.]+) %/.exec((await cost.textContent())!)?.[1],
    );
    // Two decimals at most; a little more for a sample at the edge of the span's second.
    expect(Math.abs(shownCost - expected)).toBeLessThanOrEqual(
      0.01 + 0.005 * expected,
    );
    // Less than what it has cost by now (the deploy burns on): the figure is not the whole one.
    const now = await request.get(`/api/stewardship/incidents/${open.id}`, {
      headers: auth,
    });
    const whole = (await now.json()).budgetImpact[0].consumedPercent;
    expect(shownCost).toBeLessThan(whole);
  });

  test('the owner records an incident in the dialog and resolves it', async ({
    page,
    request,
  }) => {
    await signInAs(page, 'commerce-owner');
    const title = `Search timeouts ${Date.now()}`;
    await openSlosTab(page, 'checkout-service');
    const section = incidentsSection(page);
    await section.getByRole('button', { name: 'Record incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record incident' });
    await dialog.getByLabel('Title').fill(title);
    // The page runs in UTC (test.use below), so local inputs are UTC wall-clock times.
    const minutesAgo = (m: number) =>
      new Date(Date.now() - m * 60_000).toISOString().slice(0, 16);
    await dialog.getByLabel('Started (your local time)').fill(minutesAgo(25));
    await dialog.getByLabel('Detected (your local time)').fill(minutesAgo(20));
    await dialog.getByLabel('Severity').click();
    await page.getByRole('option', { name: 'SEV4' }).click();
    await dialog.getByRole('checkbox', { name: 'availability' }).check();
    await dialog.getByRole('button', { name: 'Record' }).click();
    await expect(dialog).toBeHidden();

    const row = section.getByRole('region', { name: `SEV4: ${title}` });
    await expect(
      row.getByText('Triggered, not acknowledged yet'),
    ).toBeVisible();
    await row.getByRole('button', { name: `Show details of ${title}` }).click();
    await row.getByRole('button', { name: `Resolve — ${title}` }).click();
    const resolve = page.getByRole('dialog', { name: `Resolve: ${title}` });
    await resolve
      .getByLabel('Note (optional)')
      .fill('Restarted the search pods');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await expect(resolve).toBeHidden();
    // The status in words moved on, and the moment it was resolved is shown.
    await expect(row.getByText('Triggered, not acknowledged yet')).toHaveCount(
      0,
    );
    await expect(row.locator('dt:text-is("Resolved") + dd')).toHaveText(
      /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    await expect(row.getByRole('list', { name: 'Timeline' })).toContainText(
      'Restarted the search pods',
    );

    // Edited afterwards: the postmortem link, the rest left as it was.
    await row.getByRole('button', { name: `Edit — ${title}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit incident: ${title}` });
    await edit
      .getByLabel('Postmortem link')
      .fill('https://docs.example.com/pm/search-timeouts');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await expect(
      row.getByRole('link', { name: /^postmortem document/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/pm/search-timeouts');

    // An action item for the team, its owner picked from the catalog's search as it is typed.
    const addItem = row.getByRole('form', {
      name: `Add an action item to ${title}`,
    });
    await addItem
      .getByRole('textbox', { name: 'Action item', exact: true })
      .fill('Cap search query time');
    const owner = addItem.getByRole('combobox', {
      name: 'Owner (user or group)',
    });
    await owner.pressSequentially('commer');
    await page
      .getByRole('option', {
        name: /^Commerce Team, group:default\/commerce$/,
      })
      .click();
    await expect(owner).toHaveValue('group:default/commerce');
    await addItem
      .getByRole('button', { name: `Add action item — ${title}` })
      .click();
    await expect(row.getByRole('list', { name: 'Action items' })).toContainText(
      'Cap search query time',
    );

    // Stored as the owner did it, resolved, charged to the SLO.
    const stored = (await incidentsOf(request, 'checkout-service')).find(
      i => i.title === title,
    )!;
    expect(stored).toMatchObject({ severity: 'SEV4', status: 'resolved' });
    const { actionItems } = await (
      await request.get(`/api/stewardship/incidents/${stored.id}`, {
        headers: auth,
      })
    ).json();
    expect(actionItems).toEqual([
      expect.objectContaining({
        title: 'Cap search query time',
        ownerRef: 'group:default/commerce',
      }),
    ]);
    expect(Date.parse(stored.detectedAt) - Date.parse(stored.startedAt!)).toBe(
      5 * 60_000,
    );
    expect(Date.parse(stored.resolvedAt!)).toBeGreaterThanOrEqual(
      Date.parse(stored.detectedAt),
    );
  });

  test.describe('typed in en-US (mm/dd/yyyy hh:mm AM/PM)', () => {
    test.use({ locale: 'en-US' });

    test('a half-typed Started is refused on its field, which takes focus, rather than saved as "start unknown"', async ({
      page,
    }) => {
      await signInAs(page, 'commerce-owner');
      await openSlosTab(page, 'checkout-service');
      await incidentsSection(page)
        .getByRole('button', { name: 'Record incident' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Record incident' });
      await dialog.getByLabel('Title').fill(`Half-typed start ${Date.now()}`);
      const started = dialog.getByLabel('Started (your local time)');
      // 01/02/2026 03:00 typed part by part, AM/PM left empty: the input's value is '' and no
      // input event fires. (The year takes up to six digits: ArrowRight moves on to the hour.)
      await started.focus();
      await page.keyboard.type('01022026');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type('0300');
      await dialog.getByRole('button', { name: 'Record' }).click();
      await expect(started).toHaveAccessibleDescription(
        'Enter a complete date and time (or clear the field)',
      );
      await expect(started).toHaveAttribute('aria-invalid', 'true');
      await expect(started).toBeFocused();
      await expect(dialog).toBeVisible();
    });
  });

  test('an incident recorded elsewhere appears without a reload (Backstage signals)', async ({
    page,
    request,
  }) => {
    await signInAs(page, 'guest');
    const listens = subscribedTo(page, 'stewardship:incidents');
    await openSlosTab(page, 'storefront-web');
    const section = incidentsSection(page);
    await expect(section.getByRole('region')).toHaveCount(1); // the fire drill
    await expect.poll(listens).toBe(true);
    const title = `CDN purge failed ${Date.now()}`;
    // Another tool records it through the API while the tab is open.
    const res = await request.post('/api/stewardship/incidents', {
      headers: auth,
      data: {
        entityRef: 'component:default/storefront-web',
        title,
        severity: 'SEV5',
      },
    });
    expect(res.status()).toBe(201);
    await expect(
      section.getByRole('heading', { name: `SEV5: ${title}` }),
    ).toBeVisible({ timeout: 15_000 });
    await expect(
      section.getByRole('rowheader', { name: 'SEV5' }),
    ).toBeVisible();
  });

  test('a 200-character title, note and action item without a space wrap in an 800 px window, dialogs too', async ({
    page,
    request,
  }) => {
    // Pasted ids, URLs and stack-trace lines have nowhere to break: they once pushed the incident
    // card, and the page, wider than the window. auth-service has no seeded incident and no other
    // test reads its incidents, so these texts show up nowhere else (not in later screenshots).
    const stamp = Date.now();
    // No space, hyphen or slash: nothing a browser breaks a line at without being told to.
    const unbroken = (word: string) => `${word}${stamp}`.padEnd(200, 'x');
    const title = unbroken('Unbroken');
    const created = await request.post('/api/stewardship/incidents', {
      headers: auth,
      data: {
        entityRef: 'component:default/auth-service',
        title,
        description: unbroken('Described'),
        severity: 'SEV5',
      },
    });
    expect(created.status()).toBe(201);
    const { id, version } = await created.json();
    const noted = await request.patch(`/api/stewardship/incidents/${id}`, {
      headers: auth,
      data: { version, note: unbroken('Noted') },
    });
    expect(noted.status()).toBe(200);
    const item = await request.post(
      `/api/stewardship/incidents/${id}/action-items`,
      { headers: auth, data: { title: unbroken('Todo') } },
    );
    expect(item.status()).toBe(201);

    await page.setViewportSize({ width: 800, height: 1000 });
    // An owner of auth-service, so that the dialogs that show the title can be opened too.
    await signInAs(page, 'platform-owner');
    await openSlosTab(page, 'auth-service');
    const row = incidentsSection(page).getByRole('region', {
      name: `SEV5: ${title}`,
    });
    await row.getByRole('button', { name: `Show details of ${title}` }).click();
    await expect(row.getByText(unbroken('Described'))).toBeVisible();
    await expect(row.getByRole('list', { name: 'Timeline' })).toContainText(
      unbroken('Noted'),
    );
    await expect(row.getByRole('list', { name: 'Action items' })).toContainText(
      unbroken('Todo'),
    );
    const widths = await row.evaluate(card => ({
      page: document.documentElement.scrollWidth,
      window: document.documentElement.clientWidth,
      cardContent: card.scrollWidth,
      card: card.clientWidth,
      cardRight: card.getBoundingClientRect().right,
    }));
    // The page does not scroll sideways, and nothing sticks out of the card (which could be
    // clipped by a scrolling box inside the page rather than widen the page itself).
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    expect(widths.cardContent).toBeLessThanOrEqual(widths.card);
    expect(widths.cardRight).toBeLessThanOrEqual(widths.window);

    // The dialogs name the incident in their titles; a dialog scrolls sideways when one sticks out.
    for (const [button, name] of [
      [`Resolve — ${title}`, `Resolve: ${title}`],
      [`Edit — ${title}`, `Edit incident: ${title}`],
    ]) {
      await row.getByRole('button', { name: button, exact: true }).click();
      const dialog = page.getByRole('dialog', { name });
      await expect(dialog).toBeVisible();
      const inDialog = await dialog.evaluate(box => ({
        content: box.scrollWidth,
        box: box.clientWidth,
      }));
      expect(inDialog.content, name).toBeLessThanOrEqual(inDialog.box);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no serious accessibility violation, ${theme} theme (with screenshots)`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      await signInAs(page, 'commerce-owner');
      await openSlosTab(page, 'checkout-service');
      const section = incidentsSection(page);
      const first = section.getByRole('region').first();
      await first.getByRole('button', { name: /^Show details of / }).click();
      await expect(first.getByRole('list', { name: 'Timeline' })).toBeVisible();
      await expect(
        section.getByText(/% of the error budget/).first(),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the incidents section (${theme})`,
      });
      // Backstage scrolls its content in a box of the window's height, which would cut the section
      // off: make the window tall enough for the whole tab, then take the section alone.
      await page.setViewportSize({ width: 1440, height: 3600 });
      await section.screenshot({
        path: path.join(screenshots, `incidents-${theme}.png`),
      });
      await page.setViewportSize({ width: 1440, height: 1000 });

      // The action-item owner's options, open (a popup outside the section), in this theme.
      const owner = first.getByRole('combobox', {
        name: 'Owner (user or group)',
      });
      await owner.pressSequentially('comm');
      await expect(
        page.getByRole('option', { name: /^Commerce Team\s*,/ }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        exclude: BACKSTAGE_CHROME,
        label: `the action-item owner's options (${theme})`,
      });
      await owner.press('Escape');
      await owner.fill('');

      await section.getByRole('button', { name: 'Record incident' }).click();
      const dialog = page.getByRole('dialog', { name: 'Record incident' });
      await expect(dialog).toBeVisible();
      await expectNoSeriousA11yViolations(page, {
        include: '[role="dialog"]',
        label: `the record dialog (${theme})`,
      });
      // Recorded without a title: the dialog's problems, in the theme's readable error colour.
      await dialog.getByRole('button', { name: 'Record' }).click();
      await expect(
        dialog.getByLabel('Title', { exact: false }),
      ).toHaveAttribute('aria-invalid', 'true');
      await expectNoSeriousA11yViolations(page, {
        include: '[role="dialog"]',
        label: `the record dialog with its problems (${theme})`,
      });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    });
  }
});
