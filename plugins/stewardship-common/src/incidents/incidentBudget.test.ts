import { incidentBudgetImpact } from './incidentBudget';

const windows = {
  incidentWindow: {
    start: new Date('2026-09-10T10:00:00Z'),
    end: new Date('2026-09-10T10:30:00Z'),
  },
  sloWindow: {
    start: new Date('2026-09-03T10:30:00Z'),
    end: new Date('2026-09-10T10:30:00Z'),
  },
  computedAt: new Date('2026-09-10T11:00:00Z'),
};
const slo = { id: 'slo-1', name: 'availability', objective: 0.99 };

describe('incidentBudgetImpact', () => {
  it('divides the bad events of the incident by the bad events the window allows', () => {
    const impact = incidentBudgetImpact({
      ...windows,
      slo,
      // 30 minutes at 100 requests a minute, 20 of them failing.
      incidentCounts: { good: 3000 - 600, total: 3000 },
      // 7 days at 100 a minute: 7 × 1440 × 100 = 1,008,000 events.
      windowCounts: { good: 1_008_000 - 650, total: 1_008_000 },
    });
    // allowed = (1 − 0.99) × 1,008,000 = 10,080; consumed = 600 ÷ 10,080 = 5.952… %
    expect(impact).toMatchObject({
      status: 'computed',
      badEvents: 600,
      sloWindow: {
        start: '2026-09-03T10:30:00.000Z',
        end: '2026-09-10T10:30:00.000Z',
      },
    });
    // (1 − 0.99 is 0.010000000000000009 in binary floating point: equal to 9 places.)
    expect(impact.allowedBadEvents).toBeCloseTo(10_080, 6);
    expect(impact.consumedPercent).toBeCloseTo((600 / 10_080) * 100, 9);
    expect(impact.formula).toContain('600 ÷ ((1 − 0.99) × 1008000)');
  });

  it('writes the extrapolated counts of its formula to 10 significant digits, as the SLO formulas', () => {
    // Prometheus' increase() extrapolates, so counts are fractional (the demo's numbers).
    const impact = incidentBudgetImpact({
      ...windows,
      slo: { ...slo, objective: 0.999 },
      incidentCounts: { good: 50_000 - 1230.8444444444467, total: 50_000 },
      windowCounts: { good: 17_000_000, total: 17279891.857505836 },
    });
    // 1230.8444444444467 ÷ ((1 − 0.999) × 17279891.857505836) × 100 = 7.12298696… %
    expect(impact.formula).toMatch(
      / = 1230\.844444 ÷ \(\(1 − 0\.999\) × 17279891\.86\) = 7\.12298696\d %$/,
    );
  });

  it('says no-data, not 0 %, without data or traffic', () => {
    expect(
      incidentBudgetImpact({
        ...windows,
        slo,
        incidentCounts: null,
        windowCounts: { good: 10, total: 10 },
      }),
    ).toMatchObject({ status: 'no-data', reason: expect.any(String) });
    const quiet = incidentBudgetImpact({
      ...windows,
      slo,
      incidentCounts: { good: 0, total: 0 },
      windowCounts: { good: 0, total: 0 },
    });
    expect(quiet).toMatchObject({ status: 'no-data' });
    expect(quiet.consumedPercent).toBeUndefined();
  });
});
