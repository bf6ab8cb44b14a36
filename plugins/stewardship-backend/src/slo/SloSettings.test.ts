import { ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
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
    expect(assumed.warnings).toEqual([
      expect.stringMatching(
        /^stewardship\.slos\.evaluation\.schedule is a cron or manual schedule, .* set stewardship\.slos\.evaluation\.staleAfter/,
      ),
    ]);
    const told = readSloSettings(at({ ...hourlyCron, staleAfter: '2h' }));
    expect(told.stalenessMs).toBe(2 * 3_600_000);
    expect(told.warnings).toEqual([]);
    // Also over a cadence it could derive (every 5 minutes: 10 minutes).
    expect(
      readSloSettings(at({ staleAfter: { minutes: 30 } })).stalenessMs,
    ).toBe(30 * 60_000);
    expect(readSloSettings(new ConfigReader({})).warnings).toEqual([]);
  });

  it('warns when staleAfter is shorter than the cadence (every SLO goes stale between runs)', () => {
    const at = (evaluation: object) =>
      new ConfigReader({ stewardship: { slos: { evaluation } } });
    const hourly = {
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 4 } },
    };
    expect(
      readSloSettings(at({ ...hourly, staleAfter: '30m' })).warnings,
    ).toEqual([
      "stewardship.slos.evaluation.staleAfter (1800000 ms) is shorter than the schedule's frequency (3600000 ms), " +
        'so every SLO counts as stale for part of each interval (the release gate then applies its noData decision); set it to about twice the frequency',
    ]);
    // Equal to the cadence or longer: nothing to say.
    expect(
      readSloSettings(at({ ...hourly, staleAfter: { hours: 1 } })).warnings,
    ).toEqual([]);
  });

  it('warns when the schedule timeout would cut a query short before its own timeout', () => {
    const at = (evaluation: object) =>
      new ConfigReader({ stewardship: { slos: { evaluation } } });
    const fiveMinutes = (timeout: object | string) => ({
      schedule: { frequency: { minutes: 5 }, timeout },
    });
    const [warning] = readSloSettings(
      at({ ...fiveMinutes({ seconds: 30 }), queryTimeout: '30s' }),
    ).warnings;
    expect(warning).toBe(
      'stewardship.slos.evaluation.queryTimeout (30000 ms) is not shorter than stewardship.slos.evaluation.schedule.timeout (30000 ms), ' +
        'so a metric source that does not answer ends the whole run first: its SLOs get no snapshot (and go stale) instead of a no-data one saying the source did not answer; ' +
        'set queryTimeout well below the schedule timeout',
    );
    // An ISO 8601 timeout (read as a luxon Duration) and the default query timeout (20 s).
    expect(readSloSettings(at(fiveMinutes('PT10S'))).warnings).toEqual([
      expect.stringContaining('queryTimeout (20000 ms) is not shorter than'),
    ]);
    expect(
      readSloSettings(
        at({ ...fiveMinutes({ seconds: 30 }), queryTimeout: '29s' }),
      ).warnings,
    ).toEqual([]);
  });

  it('reads removedEntityRetention (absent: SLOs of removed entities are never deleted)', () => {
    const at = (evaluation: object) =>
      new ConfigReader({ stewardship: { slos: { evaluation } } });
    expect(readSloSettings(new ConfigReader({}))).not.toHaveProperty(
      'removedEntityRetention',
    );
    // In ms as Backstage reads durations (a day across a clock change is 23 or 25 hours).
    expect(
      readSloSettings(at({ removedEntityRetention: '30d' }))
        .removedEntityRetention,
    ).toEqual({
      ms: durationToMilliseconds({ days: 30 }),
      asConfigured: '30d',
    });
    expect(
      readSloSettings(at({ removedEntityRetention: { hours: 36 } }))
        .removedEntityRetention,
    ).toEqual({ ms: 36 * 3_600_000, asConfigured: '36 hours' });
    expect(() =>
      readSloSettings(at({ removedEntityRetention: 'after a while' })),
    ).toThrow(
      /^Invalid stewardship\.slos\.evaluation\.removedEntityRetention: /,
    );
    // Zero would delete an SLO on the first run its entity is missing.
    expect(() =>
      readSloSettings(at({ removedEntityRetention: { days: 0 } })),
    ).toThrow(
      'stewardship.slos.evaluation.removedEntityRetention must be longer than zero',
    );
  });

  it('warns when removedEntityRetention is longer than snapshotRetention', () => {
    const at = (evaluation: object) =>
      new ConfigReader({ stewardship: { slos: { evaluation } } });
    expect(
      readSloSettings(
        at({
          removedEntityRetention: { days: 401 },
          snapshotRetention: { days: 400 },
        }),
      ).warnings,
    ).toEqual([
      `stewardship.slos.evaluation.removedEntityRetention (${durationToMilliseconds(
        { days: 401 },
      )} ms) is longer than stewardship.slos.evaluation.snapshotRetention (${durationToMilliseconds(
        { days: 400 },
      )} ms), ` +
        'so an SLO whose entity left the catalog may be deleted once its last snapshot is pruned, when only its last change tells how long the entity has been gone; ' +
        'set removedEntityRetention at most snapshotRetention',
    ]);
    expect(
      readSloSettings(
        at({ removedEntityRetention: '90d', snapshotRetention: '90d' }),
      ).warnings,
    ).toEqual([]);
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

  it('refuses a queryTimeout longer than a timer can wait (2^31 - 1 ms), naming the key and the limit', () => {
    const at = (evaluation: object) =>
      new ConfigReader({ stewardship: { slos: { evaluation } } });
    // Node.js would end every query's wait after 1 ms (or throw, past 2^32 - 1 ms).
    expect(() => readSloSettings(at({ queryTimeout: '60d' }))).toThrow(
      'Invalid stewardship.slos.evaluation.queryTimeout: 60d is longer than a timer can wait; at most 2147483647 ms (about 24.8 days)',
    );
    expect(
      readSloSettings(at({ queryTimeout: { milliseconds: 2 ** 31 - 1 } }))
        .queryTimeoutMs,
    ).toBe(2 ** 31 - 1);
    // Retentions are compared with dates, never waited for: longer is fine.
    expect(
      readSloSettings(at({ snapshotRetention: { days: 800 } }))
        .snapshotRetentionMs,
    ).toBe(800 * 86_400_000);
  });
});
