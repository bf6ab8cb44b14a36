import { ConfigReader } from '@backstage/config';
import { readSloSettings } from './SloSettings';

describe('readSloSettings', () => {
  it('has defaults: every 5 minutes, 10 per source, 20 s per SLO, stale after 10 minutes', () => {
    expect(readSloSettings(new ConfigReader({}))).toMatchObject({
      schedule: { frequency: { minutes: 5 } },
      concurrencyPerSource: 10,
      queryTimeoutMs: 20_000,
      stalenessMs: 600_000,
    });
  });

  it('reads durations in every Backstage form and derives staleness from the cadence', () => {
    const settings = readSloSettings(
      new ConfigReader({
        stewardship: {
          slos: {
            evaluation: {
              schedule: { frequency: { hours: 1 }, timeout: 'PT10M' },
              concurrencyPerSource: 3,
              queryTimeout: '1500ms',
              snapshotRetention: { days: 30 },
            },
          },
        },
      }),
    );
    expect(settings).toMatchObject({
      concurrencyPerSource: 3,
      queryTimeoutMs: 1500,
      snapshotRetentionMs: 30 * 86_400_000,
      stalenessMs: 2 * 3_600_000,
    });
  });

  it('takes staleAfter over the cadence, and warns when a cron schedule leaves it to be assumed', () => {
    const at = (evaluation: object) =>
      new ConfigReader({ stewardship: { slos: { evaluation } } });
    const hourlyCron = {
      schedule: { frequency: { cron: '0 * * * *' }, timeout: { minutes: 4 } },
    };
    const assumed = readSloSettings(at(hourlyCron));
    expect(assumed.stalenessMs).toBe(10 * 60_000);
    expect(assumed.stalenessWarning).toMatch(
      /^stewardship\.slos\.evaluation\.schedule is a cron or manual schedule, .* set stewardship\.slos\.evaluation\.staleAfter/,
    );
    const told = readSloSettings(at({ ...hourlyCron, staleAfter: '2h' }));
    expect(told.stalenessMs).toBe(2 * 3_600_000);
    expect(told.stalenessWarning).toBeUndefined();
    // Also over a cadence it could derive (every 5 minutes: 10 minutes).
    expect(
      readSloSettings(at({ staleAfter: { minutes: 30 } })).stalenessMs,
    ).toBe(30 * 60_000);
    expect(
      readSloSettings(new ConfigReader({})).stalenessWarning,
    ).toBeUndefined();
  });

  it('rejects a bad duration or concurrency with the key', () => {
    const at = (evaluation: object) =>
      new ConfigReader({ stewardship: { slos: { evaluation } } });
    expect(() => readSloSettings(at({ queryTimeout: 'soon' }))).toThrow(
      /^Invalid stewardship\.slos\.evaluation\.queryTimeout: /,
    );
    // Zero would delete every snapshot on each housekeeping run / make every SLO no-data.
    expect(() => readSloSettings(at({ snapshotRetention: '0s' }))).toThrow(
      'stewardship.slos.evaluation.snapshotRetention must be longer than zero',
    );
    expect(() => readSloSettings(at({ queryTimeout: { seconds: 0 } }))).toThrow(
      'stewardship.slos.evaluation.queryTimeout must be longer than zero',
    );
    expect(() => readSloSettings(at({ concurrencyPerSource: 0 }))).toThrow(
      /concurrencyPerSource/,
    );
  });
});
