/*
 * The budget an incident consumed, through the real PrometheusMetricSource against a real
 * Prometheus: 10 days of per-minute counters, 100 requests a minute, 20 of them failing during
 * 30 minutes. Moments sit on sample timestamps, where increase() counts exactly the minutes in
 * (start, end]; the expectations are worked out by hand below.
 */
import { ConfigReader } from '@backstage/config';
import {
  Incident,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import { PrometheusMetricSource } from '../metricSources';
import {
  TestPrometheus,
  startPrometheus,
  writeOpenMetrics,
} from '../__testUtils__/prometheus';
import { IncidentBudgetCalculator } from './IncidentBudgetCalculator';

const MIN = 60;
const END = Date.parse('2026-11-20T12:00:00Z') / 1000;
const START = END - 10 * 86400;
const OUTAGE_FROM = END - 60 * MIN; // minutes in (END − 60 min, END − 30 min] fail 20 of 100
const OUTAGE_TO = END - 30 * MIN;

function history() {
  const good: Array<[number, number]> = [[START, 0]];
  const bad: Array<[number, number]> = [[START, 0]];
  let goodSum = 0;
  let badSum = 0;
  for (let t = START + MIN; t <= END; t += MIN) {
    const failing = t > OUTAGE_FROM && t <= OUTAGE_TO ? 20 : 0;
    goodSum += 100 - failing;
    badSum += failing;
    good.push([t, goodSum]);
    bad.push([t, badSum]);
  }
  return writeOpenMetrics([
    { name: 'req_total', labels: { code: '200' }, samples: good },
    { name: 'req_total', labels: { code: '500' }, samples: bad },
  ]);
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const slo = (sli: SloDefinition['sli']): SloDefinition => ({
  id: 'slo-1',
  version: 1,
  createdAt: iso(START),
  updatedAt: iso(START),
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli,
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '7d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prom',
  alertPolicies: [],
  labels: {},
});

const incident = (times: Partial<Incident>): Incident => ({
  id: 'i-1',
  version: 1,
  entityRef: 'component:default/checkout',
  affectedEntityRefs: [],
  title: 'Checkout 500s',
  severity: 'SEV2',
  status: 'resolved',
  statusChangedAt: iso(OUTAGE_TO),
  detectedAt: iso(OUTAGE_FROM),
  affectedSloIds: ['slo-1'],
  fireDrill: false,
  source: 'manual',
  createdAt: iso(OUTAGE_FROM),
  updatedAt: iso(OUTAGE_TO),
  ...times,
});

describe('IncidentBudgetCalculator against a real Prometheus', () => {
  let prometheus: TestPrometheus;
  let sources: Map<string, PrometheusMetricSource>;
  const calculator = (definition: SloDefinition, now = END) =>
    new IncidentBudgetCalculator({
      sources,
      slos: { getSlo: async id => (id === 'slo-1' ? definition : undefined) },
      queryTimeoutMs: 15_000,
      now: () => new Date(now * 1000),
    });

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: history() });
    sources = new Map([
      [
        'prom',
        PrometheusMetricSource.fromConfig(
          new ConfigReader({ baseUrl: prometheus.url, timeout: '10s' }),
          { name: 'prom' },
        ),
      ],
    ]);
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  const goodSli = slo({
    type: 'ratio',
    good: 'req_total{code="200"}',
    total: 'req_total',
  });

  it('counts the bad events of a resolved incident against the budget of the window ending with it', async () => {
    const [impact] = await calculator(goodSli).impacts(
      incident({
        startedAt: iso(OUTAGE_FROM),
        detectedAt: iso(OUTAGE_FROM + 5 * MIN),
        resolvedAt: iso(OUTAGE_TO),
      }),
    );
    // Bad: 30 minutes × 20 = 600. The 7-day window ending at the resolution holds
    // 7 × 1440 minutes × 100 = 1,008,000 events; it allows (1 − 0.99) × 1,008,000 = 10,080 bad.
    expect(impact).toMatchObject({
      sloId: 'slo-1',
      sloName: 'availability',
      status: 'computed',
      badEvents: 600,
      incidentWindow: { start: iso(OUTAGE_FROM), end: iso(OUTAGE_TO) },
      sloWindow: { start: iso(OUTAGE_TO - 7 * 86400), end: iso(OUTAGE_TO) },
    });
    expect(impact.allowedBadEvents).toBeCloseTo(10_080, 6);
    expect(impact.consumedPercent).toBeCloseTo((600 / 10_080) * 100, 9);
  });

  it('runs an open incident to now, and reads a bad-events SLI the same way', async () => {
    const badSli = slo({
      type: 'ratio',
      bad: 'req_total{code="500"}',
      total: 'req_total',
    });
    // Open since 45 minutes before now: of its minutes, the 15 in (END − 45, END − 30] failed.
    const [impact] = await calculator(badSli).impacts(
      incident({
        status: 'triggered',
        detectedAt: iso(END - 45 * MIN),
        statusChangedAt: iso(END - 45 * MIN),
      }),
    );
    // Bad 15 × 20 = 300; the window ending now allows 10,080 as above.
    expect(impact).toMatchObject({ status: 'computed', badEvents: 300 });
    expect(impact.consumedPercent).toBeCloseTo((300 / 10_080) * 100, 9);
  });

  it('counts a resolved incident up to a past moment while it was open, against the window ending then', async () => {
    const moment = OUTAGE_FROM + 10 * MIN;
    const [impact] = await calculator(goodSli).impacts(
      incident({
        startedAt: iso(OUTAGE_FROM),
        resolvedAt: iso(OUTAGE_TO),
      }),
      { until: new Date(moment * 1000) },
    );
    // Its first 10 minutes: 10 × 20 = 200 bad, of the 10,080 the 7 days ending then allow.
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 200,
      incidentWindow: { start: iso(OUTAGE_FROM), end: iso(moment) },
      sloWindow: { start: iso(moment - 7 * 86400), end: iso(moment) },
    });
    expect(impact.consumedPercent).toBeCloseTo((200 / 10_080) * 100, 9);
  });

  it('says no-data with the reason for a missing SLO, an unknown source or a dead one', async () => {
    const [gone] = await calculator(goodSli).impacts(
      incident({ affectedSloIds: ['slo-2'], resolvedAt: iso(OUTAGE_TO) }),
    );
    expect(gone).toMatchObject({
      status: 'no-data',
      reason: 'the SLO no longer exists',
    });
    const [unknown] = await calculator({
      ...goodSli,
      metricSource: 'nope',
    }).impacts(incident({ resolvedAt: iso(OUTAGE_TO) }));
    expect(unknown.reason).toContain('no metric source "nope"');
    const dead = new IncidentBudgetCalculator({
      sources: new Map([
        [
          'prom',
          PrometheusMetricSource.fromConfig(
            new ConfigReader({ baseUrl: 'http://127.0.0.1:9', timeout: '2s' }),
            { name: 'prom' },
          ),
        ],
      ]),
      slos: { getSlo: async () => goodSli },
      queryTimeoutMs: 3_000,
    });
    const [down] = await dead.impacts(incident({ resolvedAt: iso(OUTAGE_TO) }));
    expect(down).toMatchObject({ status: 'no-data' });
    expect(down.reason).toContain('failed');
    expect(down.consumedPercent).toBeUndefined();
  });

  it('costs nothing in excluded time: a correction over part of the incident', async () => {
    const corrected: SloDefinition = {
      ...goodSli,
      corrections: [
        {
          id: 'c-1',
          reason: 'Failover drill',
          author: 'user:default/jane',
          createdAt: iso(START),
          once: { start: iso(OUTAGE_FROM), end: iso(OUTAGE_FROM + 10 * MIN) },
        },
      ],
    };
    const [impact] = await calculator(corrected).impacts(
      incident({ startedAt: iso(OUTAGE_FROM), resolvedAt: iso(OUTAGE_TO) }),
    );
    // Bad: the 20 uncorrected minutes × 20 = 400. The window loses the 10 corrected minutes:
    // (7 × 1440 − 10) × 100 = 1,007,000 events, allowing (1 − 0.99) × 1,007,000 = 10,070 bad.
    expect(impact).toMatchObject({ status: 'computed', badEvents: 400 });
    expect(impact.allowedBadEvents).toBeCloseTo(10_070, 6);
    expect(impact.consumedPercent).toBeCloseTo((400 / 10_070) * 100, 9);
  });

  it('counts bad slices with timeslices budgeting', async () => {
    const slices: SloDefinition = {
      ...goodSli,
      budgetingMethod: 'timeslices',
      timeslice: { duration: '5m', target: 0.9 },
    };
    const [impact] = await calculator(slices).impacts(
      incident({ startedAt: iso(OUTAGE_FROM), resolvedAt: iso(OUTAGE_TO) }),
    );
    // Slices end on the resolution, every 5 minutes: the 6 in the outage fail 20 % (below the 90 %
    // target), every other slice is good. The 7-day window holds 7 × 288 = 2,016 slices with
    // traffic and allows (1 − 0.99) × 2,016 = 20.16 bad ones.
    expect(impact).toMatchObject({ status: 'computed', badEvents: 6 });
    expect(impact.allowedBadEvents).toBeCloseTo(20.16, 9);
    expect(impact.consumedPercent).toBeCloseTo((6 / 20.16) * 100, 9);
  });

  const slicesSli: SloDefinition = {
    ...goodSli,
    budgetingMethod: 'timeslices',
    timeslice: { duration: '5m', target: 0.9 },
  };

  it('says no-data, not 0 %, for a timeslices incident during which the source has no data', async () => {
    // The history ends at END: the incident (END + 30 min, END + 60 min] has no samples, so its 6
    // slices have no counts, while the 7-day window ending with it has data up to END.
    const [impact] = await calculator(slicesSli, END + 120 * MIN).impacts(
      incident({
        detectedAt: iso(END + 30 * MIN),
        statusChangedAt: iso(END + 60 * MIN),
        resolvedAt: iso(END + 60 * MIN),
      }),
    );
    expect(impact).toMatchObject({
      status: 'no-data',
      reason: 'the metric source returned no data for the SLI',
      incidentWindow: { start: iso(END + 30 * MIN), end: iso(END + 60 * MIN) },
    });
    expect(impact.consumedPercent).toBeUndefined();
  });

  it('costs a timeslices incident nothing when all of it is in excluded time', async () => {
    const corrected: SloDefinition = {
      ...slicesSli,
      corrections: [
        {
          id: 'c-1',
          reason: 'Failover drill',
          author: 'user:default/jane',
          createdAt: iso(START),
          once: { start: iso(OUTAGE_FROM - 10 * MIN), end: iso(OUTAGE_TO) },
        },
      ],
    };
    const [impact] = await calculator(corrected).impacts(
      incident({ startedAt: iso(OUTAGE_FROM), resolvedAt: iso(OUTAGE_TO) }),
    );
    // Every slice overlapping the incident lies in the correction: no bad slice, 0 %. The window
    // drops the 40 corrected minutes' 8 slices: 7 × 288 − 8 = 2,008 slices with traffic, all good,
    // allowing (1 − 0.99) × 2,008 = 20.08 bad ones.
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 0,
      consumedPercent: 0,
    });
    expect(impact.allowedBadEvents).toBeCloseTo(20.08, 9);
  });
});
