import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readBacklogSettings } from '../backlog/BacklogSettings';
import { readSloSettings } from '../slo/SloSettings';
import { readScheduleConfig } from './readScheduleConfig';

const fallback = { frequency: { hours: 1 }, timeout: { minutes: 5 } };

describe('readScheduleConfig', () => {
  it('reads the schedule at the key, or gives the fallback when it is not set', () => {
    const config = new ConfigReader({
      stewardship: {
        ownership: {
          snapshotSchedule: { frequency: { minutes: 30 }, timeout: '2m' },
        },
      },
    });
    expect(
      readScheduleConfig(
        config,
        'stewardship.ownership.snapshotSchedule',
        fallback,
      ),
    ).toMatchObject({ frequency: { minutes: 30 } });
    expect(
      readScheduleConfig(
        config,
        'stewardship.ownership.reminderSchedule',
        fallback,
      ),
    ).toBe(fallback);
  });

  it('names the full key of a schedule it cannot read', () => {
    const config = new ConfigReader({
      stewardship: {
        ownership: { reminderSchedule: { frequency: 'abc', timeout: '1m' } },
        slos: {
          evaluation: { schedule: { frequency: 'often', timeout: '1m' } },
        },
      },
    });
    expect(() =>
      readScheduleConfig(
        config,
        'stewardship.ownership.reminderSchedule',
        fallback,
      ),
    ).toThrow(
      /^Invalid stewardship\.ownership\.reminderSchedule\.frequency: .*'abc'/,
    );
    expect(() => readSloSettings(config)).toThrow(
      /^Invalid stewardship\.slos\.evaluation\.schedule\.frequency: .*'often'/,
    );
  });
});

describe('readScheduleConfig bounds', () => {
  const KEY = 'stewardship.ownership.snapshotSchedule';
  const read = (schedule: JsonObject) =>
    readScheduleConfig(
      new ConfigReader({
        stewardship: { ownership: { snapshotSchedule: schedule } },
      }),
      KEY,
      fallback,
    );

  it.each([
    [
      { frequency: '0s', timeout: '1m' },
      `${KEY}.frequency must be longer than zero`,
    ],
    [
      { frequency: { minutes: 0 }, timeout: '1m' },
      `${KEY}.frequency must be longer than zero`,
    ],
    [
      { frequency: 'PT0S', timeout: '1m' },
      `${KEY}.frequency must be longer than zero`,
    ],
    [
      { frequency: { minutes: -5 }, timeout: '1m' },
      `${KEY}.frequency must be longer than zero`,
    ],
    [
      { frequency: '1h', timeout: '0s' },
      `${KEY}.timeout must be longer than zero`,
    ],
    [
      { frequency: '1h', timeout: { minutes: -1 } },
      `${KEY}.timeout must be longer than zero`,
    ],
    [
      { frequency: '1h', timeout: '1m', initialDelay: { seconds: -30 } },
      `${KEY}.initialDelay must not be negative`,
    ],
  ])('refuses %j, naming the key', (schedule, message) => {
    expect(() => read(schedule)).toThrow(message);
  });

  it('refuses a timeout longer than a timer can wait (2^31 - 1 ms), naming the key and the limit', () => {
    // The scheduler aborts a run with one timer: Node.js would fire it after 1 ms.
    expect(() => read({ frequency: '60d', timeout: '30d' })).toThrow(
      `Invalid ${KEY}.timeout: 30d is longer than a timer can wait; at most 2147483647 ms (about 24.8 days)`,
    );
    // The frequency and initial delay are slept in steps: longer is fine.
    expect(
      read({
        frequency: { days: 60 },
        timeout: '1h',
        initialDelay: { days: 30 },
      }),
    ).toMatchObject({ frequency: { days: 60 }, initialDelay: { days: 30 } });
  });

  it('takes an initial delay of zero (none), and a cron or manual frequency', () => {
    expect(
      read({ frequency: { hours: 1 }, timeout: '1m', initialDelay: '0s' }),
    ).toMatchObject({
      frequency: { hours: 1 },
      initialDelay: { milliseconds: 0 },
    });
    expect(
      read({ frequency: { cron: '0 * * * *' }, timeout: '1m' }),
    ).toMatchObject({
      frequency: { cron: '0 * * * *' },
    });
    expect(
      read({ frequency: { trigger: 'manual' }, timeout: '1m' }),
    ).toMatchObject({
      frequency: { trigger: 'manual' },
    });
  });

  it.each([
    ['every 5 minutes', /^Unknown alias/],
    ['hourly', /^Unknown alias/],
    ['61 * * * *', /out of range/],
    ['* * *', /Too few fields/],
  ])(
    'refuses the cron expression %j at startup, naming the key',
    (cron, cause) => {
      // Unread, the scheduler would fail later with "Invalid duration, expecting ISO Period".
      let message = '';
      try {
        read({ frequency: { cron }, timeout: '1m' });
      } catch (error) {
        message = (error as Error).message;
      }
      const prefix = `Invalid ${KEY}.frequency.cron "${cron}": `;
      expect(message.startsWith(prefix)).toBe(true);
      expect(message.slice(prefix.length)).toMatch(cause);
      expect(message).toContain("e.g. '0 * * * *' (every hour)");
    },
  );

  it('refuses a cron expression no date matches, an empty one, and a trigger other than manual', () => {
    expect(() =>
      read({ frequency: { cron: '0 0 30 2 *' }, timeout: '1m' }),
    ).toThrow(
      `Invalid ${KEY}.frequency.cron "0 0 30 2 *": no date matches it (e.g. the 30th of February), so the task would never run`,
    );
    expect(() => read({ frequency: { cron: '' }, timeout: '1m' })).toThrow(
      `Invalid ${KEY}.frequency.cron: expected a cron expression, e.g. '0 * * * *' (every hour)`,
    );
    expect(() =>
      read({ frequency: { trigger: 'auto' }, timeout: '1m' }),
    ).toThrow(
      `Invalid ${KEY}.frequency.trigger "auto": the only trigger is manual (the task runs only when triggered)`,
    );
    // Six fields (seconds first) and aliases are what the scheduler takes too.
    expect(
      read({ frequency: { cron: '30 0 * * * *' }, timeout: '1m' }),
    ).toMatchObject({ frequency: { cron: '30 0 * * * *' } });
    expect(
      read({ frequency: { cron: '@daily' }, timeout: '1m' }),
    ).toMatchObject({ frequency: { cron: '@daily' } });
  });

  it('says a bare number has no unit, naming the key', () => {
    expect(() => read({ frequency: 30, timeout: '1m' })).toThrow(
      `Invalid ${KEY}.frequency: 30 is a number without a unit; write a duration, e.g. '30s' or '30m', ISO 8601 'PT30S', or { seconds: 30 }`,
    );
    expect(() => read({ frequency: '1h', timeout: '120' })).toThrow(
      `Invalid ${KEY}.timeout: 120 is a number without a unit`,
    );
  });
});

describe('readBacklogSettings durations', () => {
  it('names the full key of a duration it cannot read', () => {
    expect(() =>
      readBacklogSettings(
        new ConfigReader({ stewardship: { backlog: { timeout: 'abc' } } }),
      ),
    ).toThrow(/^Invalid stewardship\.backlog\.timeout: .*'abc'/);
  });

  it('refuses a timeout longer than a timer can wait (2^31 - 1 ms), naming the key and the limit', () => {
    const read = (backlog: JsonObject) =>
      readBacklogSettings(new ConfigReader({ stewardship: { backlog } }));
    expect(() => read({ timeout: { days: 25 } })).toThrow(
      'Invalid stewardship.backlog.timeout: {"days":25} is longer than a timer can wait; at most 2147483647 ms (about 24.8 days)',
    );
    expect(read({ timeout: '24d' }).timeoutMs).toBe(24 * 86_400_000);
    // The cache's lifetime is compared with the clock, never waited for: longer is fine.
    expect(read({ cacheTtl: '30d' }).cacheTtlMs).toBe(30 * 86_400_000);
  });

  it('says a bare number has no unit, naming the key', () => {
    expect(() =>
      readBacklogSettings(
        new ConfigReader({ stewardship: { backlog: { cacheTtl: 60 } } }),
      ),
    ).toThrow(
      "Invalid stewardship.backlog.cacheTtl: 60 is a number without a unit; write a duration, e.g. '60s' or '60m', ISO 8601 'PT60S', or { seconds: 60 }",
    );
  });
});
