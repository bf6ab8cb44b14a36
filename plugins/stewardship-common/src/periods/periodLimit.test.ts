import { MAX_PERIOD_DAYS, periodSpanProblem } from './periodLimit';

const DAY_MS = 86_400_000;

describe('periodSpanProblem', () => {
  const to = new Date('2026-01-01T00:00:00Z');
  const before = (ms: number) => new Date(to.getTime() - ms);

  it('allows a period of up to 731 days', () => {
    expect(MAX_PERIOD_DAYS).toBe(731);
    expect(periodSpanProblem(before(731 * DAY_MS), to)).toBeUndefined();
    expect(periodSpanProblem(before(DAY_MS), to)).toBeUndefined();
  });

  it('says the limit and the days of a longer one, rounded up', () => {
    expect(periodSpanProblem(before(731 * DAY_MS + 1), to)).toBe(
      'a period may span at most 731 days (2 years); this one spans 732 days',
    );
    expect(periodSpanProblem(new Date(0), to)).toBe(
      'a period may span at most 731 days (2 years); this one spans 20,454 days',
    );
  });
});
