import { reviewEndFor, reviewStartFor } from './reviewEnd';

const quarter = (timeZone: string) =>
  ({ type: 'calendar', unit: 'quarter', timeZone } as const);
const LATER = new Date('2026-12-03T04:19:00Z');

describe('reviewEndFor', () => {
  it('reads a calendar SLO at the same date’s midnight in its own zone', () => {
    const q3End = new Date('2026-10-01T00:00:00Z');
    // 1 Oct 00:00 in Berlin is CEST (UTC+2): 30 Sep 22:00Z.
    expect(reviewEndFor(quarter('Europe/Berlin'), q3End, LATER)).toEqual(
      new Date('2026-09-30T22:00:00Z'),
    );
    // New York is EDT (UTC−4) on 1 Oct: 04:00Z, after the UTC end.
    expect(reviewEndFor(quarter('America/New_York'), q3End, LATER)).toEqual(
      new Date('2026-10-01T04:00:00Z'),
    );
    // Half-hour offsets too: 1 Jul 00:00 in Kolkata (UTC+5:30) is 30 Jun 18:30Z.
    expect(
      reviewEndFor(
        quarter('Asia/Kolkata'),
        new Date('2026-07-01T00:00:00Z'),
        LATER,
      ),
    ).toEqual(new Date('2026-06-30T18:30:00Z'));
    // In winter Berlin is CET (UTC+1): 1 Jan 00:00 there is 31 Dec 23:00Z.
    expect(
      reviewEndFor(
        { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
        new Date('2026-01-01T00:00:00Z'),
        LATER,
      ),
    ).toEqual(new Date('2025-12-31T23:00:00Z'));
  });

  it('never reads past now: a window that has not ended is read as it stands', () => {
    const now = new Date('2026-10-01T02:00:00Z');
    expect(
      reviewEndFor(
        quarter('America/New_York'),
        new Date('2026-10-01T00:00:00Z'),
        now,
      ),
    ).toEqual(now);
  });

  it('keeps the period end for UTC and rolling SLOs and for ends that are not a UTC midnight', () => {
    const q3End = new Date('2026-10-01T00:00:00Z');
    expect(reviewEndFor(quarter('UTC'), q3End, LATER)).toEqual(q3End);
    expect(
      reviewEndFor({ type: 'rolling', duration: '28d' }, q3End, LATER),
    ).toEqual(q3End);
    const quarterToDate = new Date('2026-12-03T04:19:00Z');
    expect(
      reviewEndFor(quarter('Europe/Berlin'), quarterToDate, LATER),
    ).toEqual(quarterToDate);
    expect(reviewEndFor(quarter('Not/AZone'), q3End, LATER)).toEqual(q3End);
  });
});

describe('reviewStartFor', () => {
  it('starts a calendar SLO at the same date’s midnight in its own zone, only from a UTC midnight', () => {
    const q3Start = new Date('2026-07-01T00:00:00Z');
    // 1 Jul 00:00 in Berlin (CEST, UTC+2) is 30 Jun 22:00Z; in New York (EDT, UTC−4) 04:00Z.
    expect(reviewStartFor(quarter('Europe/Berlin'), q3Start)).toEqual(
      new Date('2026-06-30T22:00:00Z'),
    );
    expect(reviewStartFor(quarter('America/New_York'), q3Start)).toEqual(
      new Date('2026-07-01T04:00:00Z'),
    );
    // Not capped by anything: a start is never after the review's end.
    expect(reviewStartFor(quarter('UTC'), q3Start)).toEqual(q3Start);
    expect(
      reviewStartFor({ type: 'rolling', duration: '30d' }, q3Start),
    ).toEqual(q3Start);
    // The last 30 days start at any moment: kept.
    const notMidnight = new Date('2026-07-01T09:41:00Z');
    expect(reviewStartFor(quarter('Europe/Berlin'), notMidnight)).toEqual(
      notMidnight,
    );
  });
});
