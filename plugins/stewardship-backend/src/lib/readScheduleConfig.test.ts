import { ConfigReader } from '@backstage/config';
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
      /^Invalid stewardship\.ownership\.reminderSchedule: .*'abc'.*frequency/,
    );
    expect(() => readSloSettings(config)).toThrow(
      /^Invalid stewardship\.slos\.evaluation\.schedule: .*'often'.*frequency/,
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
});
