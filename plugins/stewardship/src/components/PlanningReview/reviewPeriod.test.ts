import { reviewPeriod, reviewQueryPeriod } from './reviewPeriod';

const now = new Date('2026-11-30T17:45:00Z');
const iso = (period: ReturnType<typeof reviewPeriod>) =>
  'problem' in period
    ? period
    : { from: period.from.toISOString(), to: period.to.toISOString() };

describe('reviewPeriod', () => {
  it('computes the presets in UTC', () => {
    expect(iso(reviewPeriod('last-30-days', now))).toEqual({
      from: '2026-10-31T17:45:00.000Z',
      to: '2026-11-30T17:45:00.000Z',
    });
    // November is in Q4, which starts on 1 October.
    expect(iso(reviewPeriod('quarter-to-date', now))).toEqual({
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-30T17:45:00.000Z',
    });
    expect(iso(reviewPeriod('last-full-quarter', now))).toEqual({
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-10-01T00:00:00.000Z',
    });
  });

  it('takes the previous year’s Q4 as the last full quarter in Q1', () => {
    expect(
      iso(reviewPeriod('last-full-quarter', new Date('2027-02-10T00:00:00Z'))),
    ).toEqual({
      from: '2026-10-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
  });

  it('takes whole days for a custom range, capped at now', () => {
    expect(
      iso(
        reviewPeriod('custom', now, { from: '2026-11-01', to: '2026-11-10' }),
      ),
    ).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-11T00:00:00.000Z',
    });
    expect(
      iso(
        reviewPeriod('custom', now, { from: '2026-11-29', to: '2026-12-31' }),
      ),
    ).toEqual({
      from: '2026-11-29T00:00:00.000Z',
      to: '2026-11-30T17:45:00.000Z',
    });
  });

  it('says what is wrong with a custom range', () => {
    expect(reviewPeriod('custom', now, { from: '2026-11-01' })).toEqual({
      problem: expect.stringContaining('first and the last day'),
    });
    expect(
      reviewPeriod('custom', now, { from: '2026-11-10', to: '2026-11-01' }),
    ).toEqual({ problem: expect.stringContaining('on or before') });
  });
});

describe('reviewQueryPeriod', () => {
  it('leaves out an end at now, and the start of the last 30 days (the backend’s defaults)', () => {
    expect(
      reviewQueryPeriod(
        'last-30-days',
        { from: new Date('2026-10-31T12:00:00Z'), to: now },
        now,
      ),
    ).toEqual({});
    expect(
      reviewQueryPeriod(
        'quarter-to-date',
        { from: new Date('2026-10-01T00:00:00Z'), to: now },
        now,
      ),
    ).toEqual({ from: new Date('2026-10-01T00:00:00Z') });
    // A custom range capped at now.
    expect(
      reviewQueryPeriod(
        'custom',
        { from: new Date('2026-11-01T00:00:00Z'), to: now },
        now,
      ),
    ).toEqual({ from: new Date('2026-11-01T00:00:00Z') });
  });

  it('asks for both ends of a period that ends before now', () => {
    const quarter = {
      from: new Date('2026-07-01T00:00:00Z'),
      to: new Date('2026-10-01T00:00:00Z'),
    };
    expect(reviewQueryPeriod('last-full-quarter', quarter, now)).toEqual(
      quarter,
    );
    expect(reviewQueryPeriod('custom', quarter, now)).toEqual(quarter);
  });
});
