/* eslint-disable no-restricted-imports */
/*
 * The planning review end to end: the built app and the real backend with the demo's SLOs,
 * stored evaluations and incidents, in Debian's Chromium. The demo's system payment-processing is
 * reviewed over the default period (the last 30 days).
 *
 * The first test checks the page's and the CSV's figures against values worked out here from the
 * demo's own definition (demoReviewFigures.ts, demoSloFigures.ts): the traffic of
 * scripts/demo/demoTraffic.mjs, the incidents of seed-incidents.mjs, the Jira table, the catalog's
 * annotations. The other tests check the page against the review it received (verdicts worked out
 * again from the SLOs' budgets), the downloads, and axe in both themes. Screenshots (light and
 * dark) land in docs/screenshots/.
 */
import {
  APIRequestContext,
  expect,
  Locator,
  Page,
  Response,
} from '@playwright/test';
import { test } from './pageErrors';
import fs from 'fs';
import path from 'path';
import {
  BACKSTAGE_CHROME,
  expectNoSeriousA11yViolations,
  useTheme,
} from './axe';
import {
  BacklogAnswer,
  BACKLOG_TOP_N,
  PAYMENT_GATEWAY_INCIDENTS_IN_30_DAYS,
  burnText,
  costText,
  csvCells,
  daysText,
  durationText,
  expectedBacklog,
  expectedOwnershipGaps,
  partsOf,
  percent,
} from './demoReviewFigures';
import { recordAnnouncements, saidOnPage } from './announcements';
import { DemoHistory, burnRate, figures } from './demoSloFigures';
import { signInAsGuest, tokenOf } from './signIn';

const root = path.resolve(__dirname, '../../..');
const screenshots = path.join(root, 'docs/screenshots');
const SCOPE = 'system:default/payment-processing';

/**
 * The cells' texts as shown: without the words only a screen reader reads (what a dash means,
 * visually hidden beside it), which innerText would add.
 */
const shownTexts = (cells: Locator) =>
  cells.evaluateAll(tds =>
    tds.map(td => {
      const shown = td.cloneNode(true) as HTMLElement;
      shown
        .querySelectorAll('.stewardship-spoken-only')
        .forEach(hidden => hidden.remove());
      return shown.textContent ?? '';
    }),
  );

/** The parts of the review this test reads (PlanningReview in the common package). */
interface Review {
  scope: string;
  from: string;
  to: string;
  summary: {
    entities: number;
    met: number;
    missed: number;
    /** Absent from a backend older than the page. */
    notApplicable?: number;
  };
  rows: Array<{
    entityRef: string;
    objectives: 'met' | 'missed' | 'no-data' | 'no-slos' | 'not-applicable';
    /** Unconfirmed roles have `attestation`; absent when ownership was not evaluated. */
    ownershipGaps?: Array<{
      role: string;
      status: string;
      attestation?: string;
    }>;
    lowestBudgetRemaining?: number;
    releaseGate: string;
    incidents: { count: number };
    backlog: { status: string; at?: string };
    slos: Array<{
      name: string;
      evaluatedSnapshots: number;
      budgetRemainingAtEnd?: number;
      statusAtEnd?: string;
    }>;
  }>;
}

const prometheusDir =
  process.env.STEWARDSHIP_DEMO_PROMETHEUS_DIR ??
  path.join(root, '.tooling/demo-prometheus');
/** Reads as the seeding does (app-config.demo.yaml's static token). */
const auth = { Authorization: 'Bearer stewardship-demo-seed-token' };
const DAY_S = 86_400;

/**
 * The demo SLOs of payment-processing's entities (examples/slos/openslo.yaml): availability
 * 99.9 % over a rolling 30 days of the service's own traffic, good = not a 5xx. payment-gateway's
 * one alert policy fires above a 7.5× burn over 24 h.
 */
const DEMO_SLOS = [
  { entity: 'payment-gateway', name: 'availability', objective: 0.999 },
  { entity: 'fraud-detection', name: 'availability', objective: 0.999 },
];

/** One stored snapshot as GET /slos/{id}/history lists it. */
interface HistoryPoint {
  at: string;
  budgetRemaining?: number;
  burnRate1h?: number;
}

/**
 * The snapshots of an entity's SLO with `from ≤ at ≤ to`. Only their moments are used: the seed's
 * 6-hourly backfill starts from the seeding's clock and the scheduler adds one every 10 s, so
 * when they were taken is read; what each must say is computed from the traffic.
 */
async function snapshots(
  request: APIRequestContext,
  entity: string,
  name: string,
  period: { from: string; to: string },
): Promise<HistoryPoint[]> {
  const listed = await request.get(
    `/api/stewardship/entities/component/default/${entity}/slos`,
    { headers: auth },
  );
  expect(listed.status()).toBe(200);
  const item = (await listed.json()).items.find(
    (i: { slo: { name: string } }) => i.slo.name === name,
  );
  expect(item, `${entity} has the SLO ${name}`).toBeDefined();
  const res = await request.get(
    `/api/stewardship/slos/${item.slo.id}/history?from=${encodeURIComponent(
      period.from,
    )}&to=${encodeURIComponent(period.to)}&limit=5000`,
    { headers: auth },
  );
  expect(res.status()).toBe(200);
  const points: HistoryPoint[] = (await res.json()).points;
  // Fewer than the limit, so none was thinned out.
  expect(points.length).toBeLessThan(5000);
  return points;
}

/** What the review must say of one SLO, given which of its snapshots it counted. */
interface SloExpectation {
  evaluated: number;
  attainment?: number;
  remainingAtEnd?: number;
  worstBurn?: number;
  statusAtEnd: string;
}

/**
 * The SLO's review figures from the demo traffic at each snapshot's moment (README "Planning
 * review": attainment = snapshots with budget remaining ≥ 0 ÷ snapshots with a budget; at the end
 * = the latest snapshot; worst burn = the highest 1 h burn rate). One expectation per way the
 * review may have counted the newest snapshots: one taken at most 20 s before the review's end may
 * still have been being written when the review read (the scheduler evaluates every 10 s), so the
 * review may count it or not. Each stored snapshot's own budget and burn are checked on the way.
 */
function sloExpectations(
  history: DemoHistory,
  slo: { entity: string; objective: number },
  points: HistoryPoint[],
  toMs: number,
): SloExpectation[] {
  const computed = points.map(point => {
    const at = Date.parse(point.at);
    const window = history.availability(slo.entity, at, 30 * DAY_S);
    if (!(window.total > 0)) {
      // No traffic in the window: no budget, as the demo's quiet fraud-detection shows.
      expect(
        point.budgetRemaining,
        `${slo.entity} at ${point.at}`,
      ).toBeUndefined();
      return { at };
    }
    const remaining = figures(window, slo.objective).remaining;
    const hour = history.availability(slo.entity, at, 3600);
    const burn = hour.total > 0 ? burnRate(hour, slo.objective) : undefined;
    const dayBurn = burnRate(
      history.availability(slo.entity, at, DAY_S),
      slo.objective,
    );
    expect(point.budgetRemaining, `${slo.entity} at ${point.at}`).toBeCloseTo(
      remaining,
      9,
    );
    if (burn !== undefined) {
      expect(point.burnRate1h, `${slo.entity} at ${point.at}`).toBeCloseTo(
        burn,
        9,
      );
    }
    const status =
      // eslint-disable-next-line no-nested-ternary
      remaining <= 0 ? 'exhausted' : dayBurn > 7.5 ? 'at-risk' : 'healthy';
    return { at, remaining, burn, status };
  });
  const recent = computed.filter(c => c.at > toMs - 20_000).length;
  const expectations: SloExpectation[] = [];
  for (let drop = 0; drop <= recent; drop++) {
    const counted = computed.slice(0, computed.length - drop);
    const withBudget = counted.filter(c => c.remaining !== undefined);
    const burns = counted
      .map(c => c.burn)
      .filter((b): b is number => b !== undefined);
    const end = counted[counted.length - 1];
    expectations.push({
      evaluated: withBudget.length,
      ...(withBudget.length > 0 && {
        attainment:
          withBudget.filter(c => c.remaining! >= 0).length / withBudget.length,
      }),
      remainingAtEnd: end?.remaining,
      worstBurn: burns.length ? Math.max(...burns) : undefined,
      statusAtEnd:
        end?.status ?? (end ? 'no-data' : 'no evaluation in the period'),
    });
  }
  return expectations;
}

/** Asserts that `actual` equals one of `candidates` (compared as JSON, for a readable failure). */
function expectOneOf<T>(actual: T, candidates: T[], what: string) {
  expect(
    candidates.map(c => JSON.stringify(c)),
    `${what}: ${JSON.stringify(actual)}`,
  ).toContain(JSON.stringify(actual));
}

const OBJECTIVES = {
  met: 'Met',
  missed: 'Missed',
  'no-data': 'No data',
  'no-slos': 'No SLOs',
  'not-applicable': 'Not applicable',
};

/**
 * The verdict in words with, when an SLO has one, the worst status at the end beside it, e.g.
 * `Met (at the end: at-risk)` (worst first: exhausted, at-risk, no-data, healthy).
 */
function objectivesCell(
  objectives: keyof typeof OBJECTIVES,
  statuses: Array<string | undefined>,
): string {
  const worst = ['exhausted', 'at-risk', 'no-data', 'healthy'].find(s =>
    statuses.includes(s),
  );
  return worst
    ? `${OBJECTIVES[objectives]} (at the end: ${worst})`
    : OBJECTIVES[objectives];
}

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

/**
 * What the status line says once a scope's review is shown, worked out from the review received:
 * its entities, how many of those whose kind can have SLOs met them (the others apart, when there
 * are any), and the ownership gaps without the unconfirmed roles, as the summary's cards count.
 */
function shownLine(review: Review): string {
  const { rows } = review;
  const apart = review.summary.notApplicable ?? 0;
  const met = rows.filter(row => row.objectives === 'met').length;
  const gaps = rows
    .flatMap(row => row.ownershipGaps ?? [])
    .filter(gap => !gap.attestation).length;
  const count = (n: number) => n.toLocaleString('en-US');
  return `Showing ${count(rows.length)} ${
    rows.length === 1 ? 'entity' : 'entities'
  }: ${count(met)} of ${count(rows.length - apart)} met, ${
    apart ? `${count(apart)} cannot have SLOs, ` : ''
  }${count(gaps)} ownership gap${gaps === 1 ? '' : 's'}.`;
}

/** Opens the review of payment-processing through the picker; returns what the page received. */
async function openReview(page: Page): Promise<Review> {
  await recordAnnouncements(page);
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
  await expect(page.getByText('Reliability', { exact: true })).toBeVisible();
  await expect(page.getByText('Planning', { exact: true })).toBeVisible();
  // A scope picked: the status line says what the page now shows (visually hidden).
  await expect(
    page.getByRole('status').filter({ hasText: /^Showing / }),
  ).toHaveText(shownLine(review));
  // Only that: nothing was said for the page without a scope.
  expect(await saidOnPage(page)).toEqual([shownLine(review)]);
  return review;
}

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });

test.describe('Planning review', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('payment-processing over the last 30 days: the figures the demo defines', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const history = new DemoHistory(
      JSON.parse(
        fs.readFileSync(path.join(prometheusDir, 'history.json'), 'utf8'),
      ),
    );
    // examples/entities.yaml: the system itself (its own SLOs would count towards it; the demo
    // gives it none), its components and APIs (the resource payments-db is not reviewed).
    const entities = [...partsOf('payment-processing'), SCOPE].sort();
    expect(entities).toEqual([
      'api:default/payments-api',
      'component:default/fraud-detection',
      'component:default/payment-gateway',
      'component:default/payment-sdk',
      'system:default/payment-processing',
    ]);

    // What users' visits leave behind, done here so the review has it whatever ran before: each
    // entity's backlog read (the review shows the latest stored backlog figures) and the resolved
    // incident opened (its budget cost is stored when first read, if the backfill task has not yet).
    const guest = { Authorization: `Bearer ${await tokenOf(page, 'guest')}` };
    const backlogs = new Map<string, BacklogAnswer>();
    for (const ref of entities) {
      const [kind, name] = ref.replace(':default/', '/').split('/');
      const res = await page.request.get(
        `/api/stewardship/entities/${kind}/default/${name}/backlog`,
        { headers: guest },
      );
      expect(res.status()).toBe(200);
      backlogs.set(ref, await res.json());
    }
    const listed = await page.request.get(
      `/api/stewardship/incidents?entity=${encodeURIComponent(
        'component:default/payment-gateway',
      )}&limit=100`,
      { headers: auth },
    );
    expect(listed.status()).toBe(200);
    const restart = (await listed.json()).items.find(
      (i: { title: string }) =>
        i.title === PAYMENT_GATEWAY_INCIDENTS_IN_30_DAYS[0].title,
    );
    expect(restart).toBeDefined();
    expect(
      (
        await page.request.get(`/api/stewardship/incidents/${restart.id}`, {
          headers: auth,
        })
      ).status(),
    ).toBe(200);

    const review = await openReview(page);
    const toMs = Date.parse(review.to);
    // The default period: the 30 days up to the moment the page asked.
    expect(toMs - Date.parse(review.from)).toBe(30 * DAY_S * 1000);

    // The SLOs: every snapshot of the period recomputed from the traffic.
    const sloFigures = new Map<string, SloExpectation[]>();
    for (const slo of DEMO_SLOS) {
      const points = await snapshots(
        page.request,
        slo.entity,
        slo.name,
        review,
      );
      sloFigures.set(
        `component:default/${slo.entity}`,
        sloExpectations(history, slo, points, toMs),
      );
    }
    const gateway = sloFigures.get('component:default/payment-gateway')!;
    // The seed backfills every 6 hours over 30 days: well over 100 snapshots in the period.
    expect(gateway[0].evaluated).toBeGreaterThan(100);
    // ~30 % of its budget used at any moment: every snapshot meets the objective.
    expect(gateway[0].attainment).toBe(1);
    expect(
      sloFigures.get('component:default/fraud-detection')![0].evaluated,
    ).toBe(0);

    const slosTable = page
      .locator('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Attainment' }) });
    for (const slo of DEMO_SLOS) {
      const ref = `component:default/${slo.entity}`;
      const line = slosTable.locator('tr').filter({
        has: page.locator(`a[href="/catalog/default/component/${slo.entity}"]`),
      });
      await expect(line).toHaveCount(1);
      const cells = (await shownTexts(line.locator('td'))).map(t => t.trim());
      expectOneOf(
        cells.slice(1),
        sloFigures
          .get(ref)!
          .map(e => [
            slo.name,
            percent(slo.objective),
            e.attainment === undefined
              ? 'no data'
              : `${percent(e.attainment)} of ${e.evaluated} evaluation${
                  e.evaluated === 1 ? '' : 's'
                }`,
            e.remainingAtEnd === undefined
              ? '—'
              : `${percent(e.remainingAtEnd)} (${
                  e.remainingAtEnd >= 0 ? 'met' : 'missed'
                })`,
            burnText(e.worstBurn),
            e.statusAtEnd,
          ]),
        `the SLOs table's ${slo.entity} line`,
      );
    }

    // The incident's budget cost: bad events over its span ÷ the bad events the 30-day window
    // ending with it allows (common README "Incident budget cost"), from the traffic.
    const start = Date.parse(restart.startedAt ?? restart.detectedAt);
    const end = Date.parse(restart.resolvedAt);
    const bad =
      history.increase('payment-gateway', 'err', end, (end - start) / 1000) ??
      0;
    const allowed =
      (1 - 0.999) *
      history.availability('payment-gateway', end, 30 * DAY_S).total;
    const consumed = (bad / allowed) * 100;

    // Each entity's row.
    interface RowExpectation {
      objectives: 'met' | 'missed' | 'no-data' | 'no-slos';
      slos: number;
      lowest?: number;
      worstBurn?: number;
      incidents: number;
      bySeverity: string;
      mtta?: number;
      mttr?: number;
      cost?: number;
      backlog: {
        topItems: number;
        averageAgeDays?: number;
        reliabilityShare?: number;
      };
      gaps: string[];
      gate: 'allow' | 'warn' | 'block';
      /** Its SLO's status at the end; absent without an SLO. */
      statusAtEnd?: string;
    }
    const rowCandidates = (ref: string): RowExpectation[] => {
      const incidents =
        ref === 'component:default/payment-gateway'
          ? PAYMENT_GATEWAY_INCIDENTS_IN_30_DAYS
          : [];
      const base = {
        incidents: incidents.length,
        bySeverity: incidents.length
          ? incidents.map(i => `${i.severity}: 1`).join(', ')
          : 'none',
        mtta: incidents[0]?.mttaSeconds,
        mttr: incidents[0]?.mttrSeconds,
        cost: incidents.length ? consumed : undefined,
        // As of the stored figures' moment (the one time read from the review).
        backlog: expectedBacklog(
          ref.split('/')[1],
          backlogs.get(ref)!,
          review.rows.find(row => row.entityRef === ref)?.backlog.at,
        ),
        gaps: expectedOwnershipGaps(ref),
      };
      const slo = sloFigures.get(ref);
      // No SLO: nothing to meet; the default error-budget policy allows (noSlos: allow).
      if (!slo)
        return [{ ...base, objectives: 'no-slos', slos: 0, gate: 'allow' }];
      return slo.map(e => {
        let objectives: RowExpectation['objectives'] = 'no-data';
        if (e.remainingAtEnd !== undefined) {
          objectives = e.remainingAtEnd >= 0 ? 'met' : 'missed';
        }
        // The default policy: healthy allows, at risk and no data warn, exhausted blocks.
        const gate: RowExpectation['gate'] =
          // eslint-disable-next-line no-nested-ternary
          e.statusAtEnd === 'healthy'
            ? 'allow'
            : e.statusAtEnd === 'exhausted'
            ? 'block'
            : 'warn';
        return {
          ...base,
          objectives,
          slos: 1,
          lowest: e.remainingAtEnd,
          worstBurn: e.worstBurn,
          gate,
          statusAtEnd: e.statusAtEnd,
        };
      });
    };
    const expected = new Map(entities.map(ref => [ref, rowCandidates(ref)]));
    // As the demo means it: payment-gateway met, fraud-detection quiet, the other three (the
    // system among them) without SLOs.
    expect(entities.map(ref => expected.get(ref)![0].objectives)).toEqual([
      'no-slos',
      'no-data',
      'met',
      'no-slos',
      'no-slos',
    ]);

    // One row per entity in each: the reliability figures, then the planning ones.
    const reliabilityTable = page.locator('table').filter({
      has: page.getByRole('columnheader', { name: 'Largest budget cost' }),
    });
    const planningTable = page.locator('table').filter({
      has: page.getByRole('columnheader', { name: 'Release gate' }),
    });
    // The figures cover the top N, or every item of a shorter backlog, or say there are none.
    const backlogText = (b: RowExpectation['backlog']) => {
      if (b.topItems === 0) return 'no open items';
      const which =
        b.topItems < BACKLOG_TOP_N
          ? `all ${b.topItems} open`
          : `top ${BACKLOG_TOP_N}`;
      return `${which}: average ${daysText(
        b.averageAgeDays,
      )}, reliability ${percent(b.reliabilityShare)}`;
    };
    for (const ref of entities) {
      const [kind, name] = ref.replace(':default/', '/').split('/');
      const cells: string[] = [];
      for (const table of [reliabilityTable, planningTable]) {
        const line = table.locator('tr').filter({
          has: page.locator(`a[href="/catalog/default/${kind}/${name}/slos"]`),
        });
        await expect(line).toHaveCount(1);
        // Each table's own cells after its entity column.
        const texts = await shownTexts(line.locator('td'));
        cells.push(...texts.slice(1).map(t => t.trim()));
      }
      expectOneOf(
        cells,
        expected.get(ref)!.map(e => [
          objectivesCell(e.objectives, [e.statusAtEnd]),
          percent(e.lowest),
          burnText(e.worstBurn),
          `${e.incidents} (${e.bySeverity})`,
          `${durationText(e.mtta)} / ${durationText(e.mttr)}`,
          costText(e.cost),
          backlogText(e.backlog),
          e.gaps.join(', '),
          // payment-gateway depends on fraud-detection (99.9 %): a 99.9 % ceiling its own 99.9 %
          // is not above; the others depend on no entity with an availability SLO.
          'ok',
          e.gate,
        ]),
        `the entities table's ${name} line`,
      );
    }

    // The summary.
    const first = entities.map(ref => expected.get(ref)![0]);
    const count = (o: RowExpectation['objectives']) =>
      first.filter(e => e.objectives === o).length;
    const gates = (g: RowExpectation['gate']) =>
      first.filter(e => e.gate === g).length;
    await expect(
      page.getByText(`${count('met')} of ${entities.length} met`, {
        exact: true,
      }),
    ).toBeVisible();
    await expect(
      page.getByText(
        `${count('missed')} missed, ${count('no-data')} without data, ${count(
          'no-slos',
        )} without SLOs. Release gate at the end: ${gates(
          'allow',
        )} allow, ${gates('warn')} warn, ${gates('block')} block.`,
        { exact: true },
      ),
    ).toBeVisible();
    // The catalog's gaps, then the roles no one has confirmed apart, as the scorecard counts them
    // (each gap reads `<role> <kind>`).
    const gapKindsOf = (e: RowExpectation) =>
      e.gaps
        .map(g => g.replace(/^\w+ /, ''))
        .filter(k => k !== 'not confirmed');
    const gaps = first.reduce((sum, e) => sum + gapKindsOf(e).length, 0);
    await expect(
      page.getByText(`${gaps} gap${gaps === 1 ? '' : 's'}`, { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText(
        `in ${first.filter(e => gapKindsOf(e).length > 0).length} of ${
          entities.length
        } entities`,
        { exact: true },
      ),
    ).toBeVisible();
    const kinds = new Map<string, number>();
    for (const kind of first.flatMap(gapKindsOf)) {
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    if (kinds.size > 0) {
      await expect(
        page.getByText(
          [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', '),
          { exact: true },
        ),
      ).toBeVisible();
    }
    const unconfirmed = first.reduce(
      (sum, e) => sum + e.gaps.filter(g => g.endsWith(' not confirmed')).length,
      0,
    );
    if (unconfirmed > 0) {
      await expect(
        page.getByText(
          `${unconfirmed} role${unconfirmed === 1 ? '' : 's'} not confirmed`,
          { exact: true },
        ),
      ).toBeVisible();
    }
    await expect(
      page.getByText(
        `${costText(
          consumed,
        )} of "availability" (component:default/payment-gateway): ${
          PAYMENT_GATEWAY_INCIDENTS_IN_30_DAYS[0].title
        }`,
        { exact: true },
      ),
    ).toBeVisible();

    // The CSV: the same figures as numbers, unrounded.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const [header, ...lines] = fs
      .readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n')
      .map(csvCells);
    expect(lines.map(cells => cells[0])).toEqual(entities);
    const column = (cells: string[], name: string) =>
      cells[header.indexOf(name)];
    const close = (text: string, value: number | undefined) =>
      value === undefined ? text === '' : Math.abs(Number(text) - value) < 1e-9;
    for (const cells of lines) {
      const candidates = expected.get(cells[0])!;
      const matches = candidates.filter(
        e =>
          column(cells, 'objectives') === e.objectives &&
          column(cells, 'slos') === String(e.slos) &&
          close(column(cells, 'lowest_budget_remaining'), e.lowest) &&
          close(column(cells, 'worst_burn_rate_1h'), e.worstBurn) &&
          column(cells, 'incidents') === String(e.incidents) &&
          column(cells, 'incidents_by_severity') === e.bySeverity &&
          close(column(cells, 'mtta_median_seconds'), e.mtta) &&
          close(column(cells, 'mttr_median_seconds'), e.mttr) &&
          close(column(cells, 'largest_budget_cost_percent'), e.cost) &&
          close(
            column(cells, 'backlog_average_age_days'),
            e.backlog.averageAgeDays,
          ) &&
          close(
            column(cells, 'backlog_reliability_share'),
            e.backlog.reliabilityShare,
          ) &&
          column(cells, 'ownership_gaps') === e.gaps.join(', ') &&
          column(cells, 'above_dependency_ceiling') === '' &&
          column(cells, 'release_gate') === e.gate &&
          column(cells, 'backlog_top_items') === String(e.backlog.topItems),
      );
      expect(
        matches.length,
        `CSV line ${cells.join(',')}; expected one of ${JSON.stringify(
          candidates,
        )}`,
      ).toBeGreaterThan(0);
    }
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

    // One row per entity in each table: its verdict, lowest budget and incidents in the
    // reliability table, its gate in words in the planning table.
    const tableWith = (header: string) =>
      page.locator('table').filter({
        has: page.getByRole('columnheader', { name: header }),
      });
    for (const row of review.rows) {
      const [kindName, name] = row.entityRef.split('/');
      const kind = kindName.split(':')[0];
      const lineIn = (header: string) =>
        tableWith(header)
          .locator('tr')
          .filter({
            has: page.locator(
              `a[href="/catalog/default/${kind}/${name}/slos"]`,
            ),
          });
      const reliability = lineIn('Largest budget cost');
      const planning = lineIn('Release gate');
      await expect(reliability).toHaveCount(1);
      await expect(planning).toHaveCount(1);
      await expect(reliability).toContainText(OBJECTIVES[row.objectives]);
      await expect(reliability).toContainText(
        percent(row.lowestBudgetRemaining),
      );
      await expect(reliability).toContainText(`${row.incidents.count} (`);
      await expect(planning).toContainText(row.releaseGate);
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
      .split('\r\n');
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
        `| ${row.entityRef} | ${objectivesCell(
          row.objectives,
          row.slos.map(slo => slo.statusAtEnd),
        )} | ${percent(row.lowestBudgetRemaining)} |`,
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
