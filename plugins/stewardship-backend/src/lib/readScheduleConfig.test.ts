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
