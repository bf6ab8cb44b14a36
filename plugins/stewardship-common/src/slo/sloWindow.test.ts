import { sloWindowAt } from './sloWindow';

const DAY = 86400;
const HOUR = 3600;

function calendar(unit: 'month' | 'quarter', timeZone: string, at: string) {
  const window = sloWindowAt(
    { type: 'calendar', unit, timeZone },
    new Date(at),
  );
  return {
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    periodSeconds: window.periodSeconds,
    elapsedFraction: window.elapsedFraction,
  };
}

describe('sloWindowAt', () => {
  describe('rolling windows', () => {
    it('covers the last duration, ending at the evaluation time', () => {
      const window = sloWindowAt(
        { type: 'rolling', duration: '28d' },
        new Date('2026-03-29T12:00:00Z'),
      );
      expect(window).toEqual({
        start: new Date('2026-03-01T12:00:00Z'),
        end: new Date('2026-03-29T12:00:00Z'),
        periodSeconds: 28 * DAY,
        elapsedFraction: 1,
      });
    });

    it('accepts compound durations', () => {
      const window = sloWindowAt(
        { type: 'rolling', duration: '1d12h' },
        new Date('2026-01-02T12:00:00Z'),
      );
      expect(window.start).toEqual(new Date('2026-01-01T00:00:00Z'));
      expect(window.periodSeconds).toBe(36 * HOUR);
    });

    it('rejects an invalid duration with a clear message', () => {
      expect(() =>
        sloWindowAt({ type: 'rolling', duration: '4 weeks' }, new Date()),
      ).toThrow('Invalid rolling SLO window duration "4 weeks"');
      expect(() =>
        sloWindowAt({ type: 'rolling', duration: '0d' }, new Date()),
      ).toThrow('Invalid rolling SLO window duration "0d"');
    });
  });

  describe('calendar months', () => {
    it.each([
      ['a 28-day February', '2026-02-15T00:00:00Z', '2026-02-01', 28],
      ['a 29-day leap February', '2024-02-15T00:00:00Z', '2024-02-01', 29],
      ['a 30-day April', '2026-04-16T00:00:00Z', '2026-04-01', 30],
      ['a 31-day January', '2026-01-10T00:00:00Z', '2026-01-01', 31],
    ])('measures %s', (_, at, startDay, days) => {
      const window = calendar('month', 'UTC', at);
      expect(window.start).toBe(`${startDay}T00:00:00.000Z`);
      expect(window.end).toBe(new Date(at).toISOString());
      expect(window.periodSeconds).toBe(days * DAY);
    });

    it('gives the elapsed fraction of the whole month', () => {
      // 14 of 28 days of February have passed.
      expect(
        calendar('month', 'UTC', '2026-02-15T00:00:00Z').elapsedFraction,
      ).toBe(0.5);
      // The first instant of a month has nothing elapsed.
      expect(
        calendar('month', 'UTC', '2026-03-01T00:00:00Z').elapsedFraction,
      ).toBe(0);
    });

    it('is one hour short in March in Europe/Berlin (clocks spring forward)', () => {
      // CET (UTC+1) at the start, CEST (UTC+2) at the end.
      expect(
        calendar('month', 'Europe/Berlin', '2026-03-15T12:00:00Z'),
      ).toEqual({
        start: '2026-02-28T23:00:00.000Z',
        end: '2026-03-15T12:00:00.000Z',
        periodSeconds: 31 * DAY - HOUR,
        elapsedFraction: (14 * DAY + 13 * HOUR) / (31 * DAY - HOUR),
      });
    });

    it('is one hour long in October in Europe/Berlin (clocks fall back)', () => {
      const window = calendar('month', 'Europe/Berlin', '2026-10-20T00:00:00Z');
      expect(window.start).toBe('2026-09-30T22:00:00.000Z');
      expect(window.periodSeconds).toBe(31 * DAY + HOUR);
    });

    it('starts at 01:00 and ends at the next midnight when the month begins in a DST gap', () => {
      // Paraguay sprang forward at midnight on 1 October 2023: 00:00 −04 never happened, the
      // month began at 01:00 −03 (04:00 UTC) and ended at 00:00 −03 on 1 November (03:00 UTC).
      const start = Date.UTC(2023, 9, 1, 4);
      const end = Date.UTC(2023, 10, 1, 3);
      const at = Date.UTC(2023, 9, 15, 12);
      expect(
        calendar('month', 'America/Asuncion', '2023-10-15T12:00:00Z'),
      ).toEqual({
        start: '2023-10-01T04:00:00.000Z',
        end: '2023-10-15T12:00:00.000Z',
        periodSeconds: (end - start) / 1000,
        elapsedFraction: (at - start) / (end - start),
      });
      expect((end - start) / 1000).toBe(31 * DAY - HOUR);
      // The quarter that began then too.
      expect(
        calendar('quarter', 'America/Asuncion', '2023-10-15T12:00:00Z')
          .periodSeconds,
      ).toBe((Date.UTC(2024, 0, 1, 3) - start) / 1000);
    });

    it('uses the month in the time zone, not in UTC', () => {
      // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin: April's window has just begun.
      const berlin = calendar('month', 'Europe/Berlin', '2026-03-31T23:30:00Z');
      expect(berlin.start).toBe('2026-03-31T22:00:00.000Z');
      expect(berlin.periodSeconds).toBe(30 * DAY);
      expect(berlin.elapsedFraction).toBe((1.5 * HOUR) / (30 * DAY));

      // 02:00 UTC on 1 January is 21:00 on 31 December in New York: still December 2025.
      const newYork = calendar(
        'month',
        'America/New_York',
        '2026-01-01T02:00:00Z',
      );
      expect(newYork.start).toBe('2025-12-01T05:00:00.000Z');
      expect(newYork.periodSeconds).toBe(31 * DAY);
      expect(newYork.elapsedFraction).toBe((30 * DAY + 21 * HOUR) / (31 * DAY));
    });
  });

  describe('calendar quarters', () => {
    it('measures a whole quarter', () => {
      // Q1 2026: 31 + 28 + 31 days.
      expect(calendar('quarter', 'UTC', '2026-02-15T00:00:00Z')).toEqual({
        start: '2026-01-01T00:00:00.000Z',
        end: '2026-02-15T00:00:00.000Z',
        periodSeconds: 90 * DAY,
        elapsedFraction: 45 / 90,
      });
      // Q3: 31 + 31 + 30 days.
      expect(
        calendar('quarter', 'UTC', '2026-09-30T23:59:59Z').periodSeconds,
      ).toBe(92 * DAY);
    });

    it('loses the spring-forward hour in Q1 in Europe/Berlin', () => {
      const window = calendar(
        'quarter',
        'Europe/Berlin',
        '2026-03-31T21:59:59Z',
      );
      expect(window.start).toBe('2025-12-31T23:00:00.000Z');
      expect(window.periodSeconds).toBe(90 * DAY - HOUR);
    });

    it('starts Q2 at local midnight on 1 April', () => {
      const window = calendar(
        'quarter',
        'Europe/Berlin',
        '2026-03-31T22:00:00Z',
      );
      expect(window.start).toBe('2026-03-31T22:00:00.000Z');
      expect(window.elapsedFraction).toBe(0);
    });
  });

  it('rejects an unknown time zone with a clear message', () => {
    expect(() =>
      sloWindowAt(
        { type: 'calendar', unit: 'month', timeZone: 'Mars/Olympus_Mons' },
        new Date(),
      ),
    ).toThrow('Invalid SLO window time zone "Mars/Olympus_Mons"');
  });

  it('rejects an invalid date', () => {
    expect(() =>
      sloWindowAt({ type: 'rolling', duration: '30d' }, new Date('nope')),
    ).toThrow('Invalid SLO window time');
  });
});
