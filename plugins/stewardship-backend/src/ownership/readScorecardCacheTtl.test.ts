import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readCacheTtl } from '../lib/readCacheTtl';
import { readScorecardCacheTtl } from './readScorecardCacheTtl';

const withTtl = (cacheTtl: JsonValue) =>
  new ConfigReader({ stewardship: { ownership: { cacheTtl } } });

describe('readScorecardCacheTtl', () => {
  it('defaults to 60 seconds', () => {
    expect(readScorecardCacheTtl(new ConfigReader({}))).toBe(60_000);
    expect(
      readScorecardCacheTtl(
        new ConfigReader({ stewardship: { ownership: { inheritance: true } } }),
      ),
    ).toBe(60_000);
  });

  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['PT1M30S', 90_000],
    [{ seconds: 45 }, 45_000],
    [{ minutes: 1, seconds: 5 }, 65_000],
    ['0s', 0],
    [{ seconds: 0 }, 0],
  ])('reads %p as %p ms', (value, ms) => {
    expect(readScorecardCacheTtl(withTtl(value))).toBe(ms);
  });

  it.each([
    [
      'soon',
      /Invalid duration 'soon' in config at 'stewardship.ownership.cacheTtl'/,
    ],
    [{ secs: 5 }, /at 'stewardship.ownership.cacheTtl'.*Needs one or more of/],
    [
      60,
      "Invalid stewardship.ownership.cacheTtl: 60 is a number without a unit; write a duration, e.g. '60s' or '60m', ISO 8601 'PT60S', or { seconds: 60 }",
    ],
    ['-5s', /'stewardship.ownership.cacheTtl'.*Negative durations/],
    [
      { seconds: -5 },
      /stewardship.ownership.cacheTtl must be a duration of 0 or more/,
    ],
  ])('rejects %p, naming the key', (value, message) => {
    expect(() => readScorecardCacheTtl(withTtl(value))).toThrow(message);
  });
});

describe('readCacheTtl', () => {
  const OVERVIEW = 'stewardship.slos.overview.cacheTtl';
  const overview = (cacheTtl: JsonValue) =>
    new ConfigReader({ stewardship: { slos: { overview: { cacheTtl } } } });

  it('reads the key it is given, with its own fallback', () => {
    expect(readCacheTtl(new ConfigReader({}), OVERVIEW, 1234)).toBe(1234);
    expect(readCacheTtl(overview('90s'), OVERVIEW, 1234)).toBe(90_000);
    expect(readCacheTtl(overview('0s'), OVERVIEW, 1234)).toBe(0);
  });

  it('names that key when it rejects a value', () => {
    expect(() => readCacheTtl(overview('soon'), OVERVIEW, 1234)).toThrow(
      /at 'stewardship.slos.overview.cacheTtl'/,
    );
    expect(() =>
      readCacheTtl(overview({ seconds: -1 }), OVERVIEW, 1234),
    ).toThrow(/stewardship.slos.overview.cacheTtl must be a duration/);
  });
});
