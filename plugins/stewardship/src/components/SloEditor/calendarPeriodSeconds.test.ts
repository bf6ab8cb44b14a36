import { sloWindowAt } from '@stewardship/backstage-plugin-stewardship-common';
import { calendarPeriodSeconds } from './calendarPeriodSeconds';

/*
 * The backend evaluates calendar windows with -common's sloWindowAt (luxon); the editor's figure
 * must be the same to the second. Zones with DST at midnight (a period that begins in a gap),
 * half-hour and 45-minute offsets, 30-minute DST, southern-hemisphere DST, no DST, and zones whose
 * rules changed over these years.
 */
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'America/Asuncion',
  'Asia/Beirut',
  'Africa/Cairo',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Pacific/Chatham',
  'Pacific/Apia',
  'America/St_Johns',
  'Etc/GMT+5',
  '+05:30',
];

describe('calendarPeriodSeconds', () => {
  it.each(ZONES)(
    'gives sloWindowAt’s period in %s for every month and quarter of 2015–2030',
    timeZone => {
      const mismatches: string[] = [];
      for (let year = 2015; year <= 2030; year += 1) {
        for (let month = 0; month < 12; month += 1) {
          // Early in the month, mid-month, and its last hour in UTC terms.
          for (const at of [
            new Date(Date.UTC(year, month, 1, 5)),
            new Date(Date.UTC(year, month, 15, 12, 34, 56, 789)),
            new Date(Date.UTC(year, month + 1, 1) - 3_600_000),
          ]) {
            for (const unit of ['month', 'quarter'] as const) {
              const expected = sloWindowAt(
                { type: 'calendar', unit, timeZone },
                at,
              ).periodSeconds;
              const got = calendarPeriodSeconds(unit, timeZone, at);
              if (got !== expected) {
                mismatches.push(
                  `${unit} at ${at.toISOString()}: ${got} s, sloWindowAt ${expected} s`,
                );
              }
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('throws for a zone Intl does not know', () => {
    expect(() =>
      calendarPeriodSeconds('month', 'Mars/Olympus', new Date()),
    ).toThrow(RangeError);
  });
});
