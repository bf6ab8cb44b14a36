import { SloEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { evaluation, slo } from './__fixtures__';
import { queryBlocks } from './queryBlocks';

const q = (window: string) => [
  `sum(increase(good[${window}]))`,
  `sum(increase(total[${window}]))`,
];

/** The fixture as a source that says which queries counted which window sends it. */
const byWindow: SloEvaluation = {
  ...evaluation,
  explanation: {
    ...evaluation.explanation,
    queries: [...q('30d'), ...q('5m'), ...q('1h')],
    // Indexes into `queries`: 30d at 0–1, 5m at 2–3, 1h at 4–5.
    queryIndexesByWindow: {
      sloWindow: [0, 1],
      burnRates: { '5m': [2, 3], '1h': [4, 5] },
    },
  },
};

const texts = (group: Parameters<typeof queryBlocks>[0], e: SloEvaluation) =>
  queryBlocks(group, e).map(block => ({
    heading: block.heading,
    queries: block.queries.map(({ query, number }) => `${number}. ${query}`),
  }));

describe('queryBlocks', () => {
  it('shows every query with every figure when the source did not say which counted what', () => {
    const all = evaluation.explanation.queries.map((query, i) => ({
      query,
      number: i + 1,
    }));
    for (const group of ['sli', 'budget', 'burnRates', 'status'] as const) {
      expect(queryBlocks(group, evaluation)).toEqual([{ queries: all }]);
    }
  });

  it("shows the SLI the SLO window's queries only", () => {
    expect(texts('sli', byWindow)).toEqual([
      {
        heading: undefined,
        queries: [
          '1. sum(increase(good[30d]))',
          '2. sum(increase(total[30d]))',
        ],
      },
    ]);
  });

  it('shows each burn rate its own window’s queries under its name, numbered through the panel', () => {
    expect(texts('burnRates', byWindow)).toEqual([
      {
        heading: 'Burn rate over 5m',
        queries: ['1. sum(increase(good[5m]))', '2. sum(increase(total[5m]))'],
      },
      {
        heading: 'Burn rate over 1h',
        queries: ['3. sum(increase(good[1h]))', '4. sum(increase(total[1h]))'],
      },
    ]);
  });

  it('adds the 1 h burn rate’s queries to the budget while budget is left (the time to exhaustion divides by it)', () => {
    expect(byWindow.errorBudget!.remaining).toBeGreaterThan(0);
    expect(texts('budget', byWindow)).toEqual([
      {
        heading: 'SLO window',
        queries: [
          '1. sum(increase(good[30d]))',
          '2. sum(increase(total[30d]))',
        ],
      },
      {
        heading: 'Burn rate over 1h (time to exhaustion)',
        queries: ['3. sum(increase(good[1h]))', '4. sum(increase(total[1h]))'],
      },
    ]);
    const spent = {
      ...byWindow,
      errorBudget: { ...byWindow.errorBudget!, remaining: -0.2 },
    };
    expect(texts('budget', spent)).toEqual([
      {
        heading: undefined,
        queries: [
          '1. sum(increase(good[30d]))',
          '2. sum(increase(total[30d]))',
        ],
      },
    ]);
  });

  it('shows the status, which weighs the budget and the alerts, every query', () => {
    expect(texts('status', byWindow)).toEqual([
      {
        heading: undefined,
        queries: byWindow.explanation.queries.map(
          (query, i) => `${i + 1}. ${query}`,
        ),
      },
    ]);
  });

  it('leaves out an index that names no query', () => {
    const malformed: SloEvaluation = {
      ...byWindow,
      explanation: {
        ...byWindow.explanation,
        queryIndexesByWindow: { sloWindow: [0, 99], burnRates: {} },
      },
    };
    expect(texts('sli', malformed)).toEqual([
      { heading: undefined, queries: ['1. sum(increase(good[30d]))'] },
    ]);
  });

  it('leaves out windows no query counted (nothing to send in excluded time)', () => {
    const quiet: SloEvaluation = {
      ...byWindow,
      explanation: {
        ...byWindow.explanation,
        queries: [],
        queryIndexesByWindow: { sloWindow: [], burnRates: { '5m': [] } },
      },
    };
    expect(queryBlocks('sli', quiet)).toEqual([]);
    expect(queryBlocks('burnRates', quiet)).toEqual([]);
  });
  describe('with the SLI that wrote the queries (bad / total)', () => {
    const sent = (window: string) => [
      `sum(increase(http_requests_total{job="payments",code=~"5.."}[${window}]))`,
      `sum(increase(http_requests_total{job="payments"}[${window}]))`,
    ];
    const badTotal: SloEvaluation = {
      ...evaluation,
      explanation: {
        ...evaluation.explanation,
        queries: [...sent('2592000s'), ...sent('300s')],
        queryIndexesByWindow: {
          sloWindow: [0, 1],
          burnRates: { '5m': [2, 3] },
        },
      },
    };
    const named = (
      group: Parameters<typeof queryBlocks>[0],
      e: SloEvaluation,
    ) =>
      queryBlocks(group, e, slo.sli).map(block =>
        block.queries.map(({ counts, value }) => ({ counts, value })),
      );

    it('names the first query the bad count and gives it the bad events, not good', () => {
      // The fixture's SLO window: 17 268 011 good of 17 278 032, so 10 021 bad.
      expect(named('sli', badTotal)).toEqual([
        [
          { counts: 'bad', value: 17_278_032 - 17_268_011 },
          { counts: 'total', value: 17_278_032 },
        ],
      ]);
      // 5m: 2 952 good of 3 000.
      expect(named('burnRates', badTotal)).toEqual([
        [
          { counts: 'bad', value: 3_000 - 2_952 },
          { counts: 'total', value: 3_000 },
        ],
      ]);
    });

    it('names but gives no value to queries whose window the block does not pin down', () => {
      // The status shows every window's queries together.
      expect(named('status', badTotal)).toEqual([
        [
          { counts: 'bad', value: undefined },
          { counts: 'total', value: undefined },
          { counts: 'bad', value: undefined },
          { counts: 'total', value: undefined },
        ],
      ]);
      // A window cut by a correction: two bad queries whose sum is the window's bad count.
      const cut: SloEvaluation = {
        ...badTotal,
        explanation: {
          ...badTotal.explanation,
          queryIndexesByWindow: { sloWindow: [0, 1, 2], burnRates: {} },
        },
      };
      expect(named('sli', cut)).toEqual([
        [
          { counts: 'bad', value: undefined },
          { counts: 'total', value: 17_278_032 },
          { counts: 'bad', value: undefined },
        ],
      ]);
    });

    it('names nothing without the SLI', () => {
      expect(named('sli', badTotal)[0][0].counts).toBe('bad');
      expect(
        queryBlocks('sli', badTotal)[0].queries.map(query => query.counts),
      ).toEqual([undefined, undefined]);
    });
  });
});
