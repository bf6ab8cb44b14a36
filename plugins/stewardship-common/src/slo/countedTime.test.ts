import {
  countExcludingCorrections,
  countedIntervals,
  excludedIntervals,
  weeklyOccurrences,
  weeklyScheduleProblems,
} from './countedTime';
import { WeeklySchedule } from './types';

const ms = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
/** Intervals as ISO pairs, to read the expectations as times. */
const iso = (intervals: Array<{ start: number; end: number }>) =>
  intervals.map(i => [
    new Date(i.start).toISOString(),
    new Date(i.end).toISOString(),
  ]);
const hours = (intervals: Array<{ start: number; end: number }>) =>
  intervals.reduce((sum, i) => sum + (i.end - i.start), 0) / HOUR;

const sundayNights: WeeklySchedule = {
  days: ['sun'],
  from: '02:00',
  to: '04:00',
  timeZone: 'Europe/Berlin',
};

describe('weeklyOccurrences', () => {
  it('takes wall-clock times in the zone, across both DST changes of 2026', () => {
    // Berlin is UTC+1 in winter, UTC+2 in summer. On 29 March 2026 clocks jump 02:00 → 03:00, so
    // 02:00 does not exist and the stretch is 03:00–04:00 CEST (one hour); on 25 October they fall
    // back 03:00 → 02:00 and 02:00–04:00 is 02:00 CEST – 04:00 CET (three hours).
    expect(
      iso(
        weeklyOccurrences(
          sundayNights,
          ms('2026-03-20T00:00Z'),
          ms('2026-04-06T00:00Z'),
        ),
      ),
    ).toEqual([
      ['2026-03-22T01:00:00.000Z', '2026-03-22T03:00:00.000Z'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
      ['2026-04-05T00:00:00.000Z', '2026-04-05T02:00:00.000Z'],
    ]);
    expect(
      iso(
        weeklyOccurrences(
          sundayNights,
          ms('2026-10-24T00:00Z'),
          ms('2026-10-26T00:00Z'),
        ),
      ),
    ).toEqual([['2026-10-25T00:00:00.000Z', '2026-10-25T03:00:00.000Z']]);
  });

  it('crosses midnight when "to" is not after "from", and clips to the range', () => {
    const fridayNights: WeeklySchedule = {
      days: ['fri'],
      from: '22:00',
      to: '02:00',
      timeZone: 'UTC',
    };
    // Friday 27 November 2026 22:00 – Saturday 02:00, clipped at Saturday 01:00.
    expect(
      iso(
        weeklyOccurrences(
          fridayNights,
          ms('2026-11-27T00:00Z'),
          ms('2026-11-28T01:00Z'),
        ),
      ),
    ).toEqual([['2026-11-27T22:00:00.000Z', '2026-11-28T01:00:00.000Z']]);
    // A range starting inside last week's occurrence gets its tail.
    expect(
      iso(
        weeklyOccurrences(
          fridayNights,
          ms('2026-11-28T01:30Z'),
          ms('2026-11-28T12:00Z'),
        ),
      ),
    ).toEqual([['2026-11-28T01:30:00.000Z', '2026-11-28T02:00:00.000Z']]);
  });

  it('reads 24:00 as the midnight ending the day', () => {
    expect(
      iso(
        weeklyOccurrences(
          { days: ['mon'], from: '20:00', to: '24:00', timeZone: 'UTC' },
          ms('2026-11-30T00:00Z'),
          ms('2026-12-02T00:00Z'),
        ),
      ),
    ).toEqual([['2026-11-30T20:00:00.000Z', '2026-12-01T00:00:00.000Z']]);
  });
});

describe('countedIntervals', () => {
  it('is the whole window without a schedule or corrections', () => {
    const window = {
      start: new Date('2026-11-01T00:00Z'),
      end: new Date('2026-11-30T00:00Z'),
    };
    expect(iso(countedIntervals(window, {}))).toEqual([
      ['2026-11-01T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ]);
  });

  it('leaves out one-off and weekly corrections, merging where they overlap', () => {
    const window = {
      start: new Date('2026-03-20T00:00Z'),
      end: new Date('2026-04-06T00:00Z'),
    };
    const counted = countedIntervals(window, {
      corrections: [
        { reason: 'Sunday maintenance', weekly: sundayNights },
        {
          reason: 'Database upgrade',
          once: { start: '2026-03-25T10:00:00Z', end: '2026-03-25T12:00:00Z' },
        },
        // Overlaps the Sunday window of 22 March by an hour: merged, not subtracted twice.
        {
          reason: 'Overlapping',
          once: { start: '2026-03-22T02:00:00Z', end: '2026-03-22T04:00:00Z' },
        },
      ],
    });
    expect(iso(counted)).toEqual([
      ['2026-03-20T00:00:00.000Z', '2026-03-22T01:00:00.000Z'],
      ['2026-03-22T04:00:00.000Z', '2026-03-25T10:00:00.000Z'],
      ['2026-03-25T12:00:00.000Z', '2026-03-29T01:00:00.000Z'],
      ['2026-03-29T02:00:00.000Z', '2026-04-05T00:00:00.000Z'],
      ['2026-04-05T02:00:00.000Z', '2026-04-06T00:00:00.000Z'],
    ]);
    // 17 days less 3 h (22 March, merged), 2 h, 1 h (DST night) and 2 h.
    expect(hours(counted)).toBe(17 * 24 - 8);
  });

  it('counts only the schedule of a business-hours SLO, less its corrections', () => {
    // Monday 23 to Monday 30 November 2026; Berlin is UTC+1: 09:00–17:00 is 08:00–16:00 UTC.
    const window = {
      start: new Date('2026-11-23T00:00Z'),
      end: new Date('2026-11-30T00:00Z'),
    };
    const counted = countedIntervals(window, {
      schedule: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '09:00',
        to: '17:00',
        timeZone: 'Europe/Berlin',
      },
      corrections: [
        {
          reason: 'Release freeze drill',
          once: { start: '2026-11-25T12:00:00Z', end: '2026-11-25T13:00:00Z' },
        },
      ],
    });
    expect(iso(counted)).toEqual([
      ['2026-11-23T08:00:00.000Z', '2026-11-23T16:00:00.000Z'],
      ['2026-11-24T08:00:00.000Z', '2026-11-24T16:00:00.000Z'],
      ['2026-11-25T08:00:00.000Z', '2026-11-25T12:00:00.000Z'],
      ['2026-11-25T13:00:00.000Z', '2026-11-25T16:00:00.000Z'],
      ['2026-11-26T08:00:00.000Z', '2026-11-26T16:00:00.000Z'],
      ['2026-11-27T08:00:00.000Z', '2026-11-27T16:00:00.000Z'],
    ]);
    expect(hours(counted)).toBe(39);
  });

  it('is empty when everything is excluded', () => {
    const window = {
      start: new Date('2026-11-25T12:00Z'),
      end: new Date('2026-11-25T12:30Z'),
    };
    expect(
      countedIntervals(window, {
        corrections: [
          {
            reason: 'all',
            once: {
              start: '2026-11-25T00:00:00Z',
              end: '2026-11-26T00:00:00Z',
            },
          },
        ],
      }),
    ).toEqual([]);
  });
});

describe('excludedIntervals', () => {
  it('merges corrections that touch into one excluded period', () => {
    // 10:00–11:00 and 11:00–12:00 leave no counted instant between them: one period, 10:00–12:00.
    expect(
      iso(
        excludedIntervals(
          [
            {
              reason: 'first',
              once: {
                start: '2026-11-25T10:00:00Z',
                end: '2026-11-25T11:00:00Z',
              },
            },
            {
              reason: 'second',
              once: {
                start: '2026-11-25T11:00:00Z',
                end: '2026-11-25T12:00:00Z',
              },
            },
          ],
          ms('2026-11-25T00:00:00Z'),
          ms('2026-11-26T00:00:00Z'),
        ),
      ),
    ).toEqual([['2026-11-25T10:00:00.000Z', '2026-11-25T12:00:00.000Z']]);
  });
});

describe('countExcludingCorrections', () => {
  it('counts only the corrections that exclude some time from the window', () => {
    // Window: Sunday 22 March 2026 03:00Z (04:00 Berlin, UTC+1) to Monday 23 March 00:00Z.
    // - a one-off on 20 March lies wholly before it: excludes nothing;
    // - Sundays 02:00–04:00 Berlin is 01:00–03:00Z that day: it ends exactly where the window
    //   starts, and (start, end] takes nothing of it;
    // - a one-off 10:00–11:00Z on 22 March is inside: 1 of the 3.
    const corrections = [
      {
        reason: 'before',
        once: { start: '2026-03-20T10:00:00Z', end: '2026-03-20T11:00:00Z' },
      },
      { reason: 'Sunday maintenance', weekly: sundayNights },
      {
        reason: 'inside',
        once: { start: '2026-03-22T10:00:00Z', end: '2026-03-22T11:00:00Z' },
      },
    ];
    const from = ms('2026-03-22T03:00:00Z');
    const to = ms('2026-03-23T00:00:00Z');
    expect(countExcludingCorrections(corrections, from, to)).toBe(1);
    expect(countExcludingCorrections(corrections.slice(0, 2), from, to)).toBe(
      0,
    );
  });
});

describe('weeklyScheduleProblems', () => {
  it('names each bad field', () => {
    expect(weeklyScheduleProblems(sundayNights)).toEqual([]);
    expect(
      weeklyScheduleProblems({
        days: [],
        from: '25:00',
        to: '9:00',
        timeZone: 'Mars/Olympus',
      }).map(p => p.path),
    ).toEqual(['timeZone', 'days', 'from', 'to']);
    expect(
      weeklyScheduleProblems({ ...sundayNights, from: '04:00', to: '04:00' }),
    ).toEqual([
      {
        path: 'to',
        message: 'must differ from "from" (an empty stretch counts nothing)',
      },
    ]);
  });

  it('refuses a day named twice, which would count once', () => {
    expect(
      weeklyScheduleProblems({
        ...sundayNights,
        days: ['mon', 'sun', 'mon', 'sun', 'mon'],
      }),
    ).toEqual([
      {
        path: 'days',
        message: 'name each day once (mon, sun named more than once)',
      },
    ]);
    expect(
      weeklyScheduleProblems({ ...sundayNights, days: ['mon', 'sun'] }),
    ).toEqual([]);
  });

  it.each(['local', 'system', 'default', 'UTC+5', 'utc-03:30'])(
    'refuses %s, a zone luxon takes but no tz database names (the process’s or browser’s own, or luxon’s offset syntax)',
    timeZone => {
      expect(weeklyScheduleProblems({ ...sundayNights, timeZone })).toEqual([
        {
          path: 'timeZone',
          message: `unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`,
        },
      ]);
    },
  );

  it.each(['Europe/Berlin', 'UTC', 'utc', 'US/Eastern', 'Etc/GMT+5', '+05:30'])(
    'takes %s',
    timeZone => {
      expect(weeklyScheduleProblems({ ...sundayNights, timeZone })).toEqual([]);
    },
  );
});
