import { SloOverviewItem } from '@stewardship/backstage-plugin-stewardship-common';
import { describeShownSlos, slosInStatus } from './describeShownSlos';

const slo = (fields: Partial<SloOverviewItem>): SloOverviewItem => ({
  sloId: 'id',
  name: 'availability',
  entityRef: 'component:default/checkout',
  stale: false,
  brokenSli: false,
  objective: 0.999,
  metricSource: 'prometheus',
  ...fields,
});

const healthy = slo({ status: 'healthy' });
const exhausted = slo({ status: 'exhausted' });
const neverEvaluated = slo({ stale: true });
const oldHealthy = slo({ status: 'healthy', stale: true });

describe('describeShownSlos', () => {
  it('says no SLOs, one SLO or several in words that agree', () => {
    expect(describeShownSlos([])).toBe('Showing no SLOs.');
    expect(describeShownSlos([healthy])).toBe('Showing 1 SLO: healthy.');
    expect(describeShownSlos([healthy, healthy])).toBe(
      'Showing 2 SLOs: all healthy.',
    );
    expect(describeShownSlos([exhausted])).toBe('Showing 1 SLO: 1 exhausted.');
  });

  it('counts every status but healthy worst first, and stale as a flag', () => {
    const shown = [
      healthy,
      oldHealthy,
      neverEvaluated,
      exhausted,
      exhausted,
      slo({ status: 'at-risk', stale: true }),
      slo({ status: 'no-data' }),
    ];
    expect(describeShownSlos(shown)).toBe(
      'Showing 7 SLOs: 2 exhausted, 1 at-risk, 1 no-data, 3 stale.',
    );
  });

  it('writes thousands as the scorecard does', () => {
    expect(describeShownSlos(Array(1200).fill(exhausted))).toBe(
      'Showing 1,200 SLOs: 1,200 exhausted.',
    );
  });
});

describe('slosInStatus', () => {
  it('keeps every SLO without a status, and a stale one under stale whatever its last status', () => {
    const all = [healthy, oldHealthy, neverEvaluated, exhausted];
    expect(slosInStatus(all, undefined)).toBe(all);
    expect(slosInStatus(all, 'stale')).toEqual([oldHealthy, neverEvaluated]);
    expect(slosInStatus(all, 'healthy')).toEqual([healthy, oldHealthy]);
  });
});
