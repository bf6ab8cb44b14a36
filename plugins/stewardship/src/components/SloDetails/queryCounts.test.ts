import { SliSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { countNamesOf, countsText } from './queryCounts';

const badTotal: SliSpec = {
  type: 'ratio',
  bad: 'http_requests_total{service="checkout-service",code=~"5.."}',
  total: 'http_requests_total{service="checkout-service"}',
};

describe('countNamesOf', () => {
  it('names the queries of a bad/total SLI by what they count, whatever order they were sent in', () => {
    expect(
      countNamesOf(badTotal, [
        'sum(increase(http_requests_total{service="checkout-service",code=~"5.."}[2419200s]))',
        'sum(increase(http_requests_total{service="checkout-service"}[2419200s]))',
        'sum(increase(http_requests_total{service="checkout-service"}[3600s])) (at 2026-12-01T10:00:00.000Z)',
        'sum(increase(http_requests_total{service="checkout-service",code=~"5.."}[3600s])) (at 2026-12-01T10:00:00.000Z)',
      ]),
    ).toEqual(['bad', 'total', 'total', 'bad']);
  });

  it('takes the longest SLI query found, so a good selector inside the total one does not name it', () => {
    const sli: SliSpec = {
      type: 'ratio',
      good: 'requests_total{job="api"}',
      total: 'requests_total{job="api"} + dropped_total{job="api"}',
    };
    expect(
      countNamesOf(sli, [
        'sum(increase(requests_total{job="api"}[60s]))',
        'sum(requests_total{job="api"} + dropped_total{job="api"})',
      ]),
    ).toEqual(['good', 'total']);
  });

  it("finds an expression with Sloth's {{.window}} placeholder once the window is filled in", () => {
    const sli: SliSpec = {
      type: 'ratio',
      good: 'sum(rate(ok_total[{{.window}}]))',
      total: 'sum(rate(all_total[{{ .window }}]))',
    };
    expect(
      countNamesOf(sli, [
        'sum(rate(ok_total[300s]))',
        'sum(rate(all_total[300s])) (step 300s)',
      ]),
    ).toEqual(['good', 'total']);
  });

  it('names no query it cannot find, and none that two SLI queries fit equally', () => {
    const same: SliSpec = {
      type: 'ratio',
      good: 'x{a="1"}',
      total: 'x{a="1"}',
    };
    expect(
      countNamesOf(same, ['sum(increase(x{a="1"}[60s]))', 'other']),
    ).toEqual([undefined, undefined]);
  });
});

describe('countsText', () => {
  it("reads a window's counts in the queries' terms", () => {
    const counts = { good: 17_269_047.732, total: 17_278_080 };
    expect(countsText(counts, false)).toBe(
      'good = 17,269,047.732, total = 17,278,080',
    );
    // 17 278 080 − 17 269 047.732 bad events, to the thousandth.
    expect(countsText(counts, true)).toBe(
      'bad = 9,032.268, total = 17,278,080; good = total − bad = 17,269,047.732',
    );
  });
});
