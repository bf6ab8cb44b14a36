import { ConfigReader } from '@backstage/config';
import { JsonValue, durationToMilliseconds } from '@backstage/types';
import { readConfigDuration } from './readConfigDuration';

const FULL = 'stewardship.slos.overview.cacheTtl';
const read = (cacheTtl: JsonValue) =>
  readConfigDuration(new ConfigReader({ cacheTtl }), 'cacheTtl', FULL);

describe('readConfigDuration', () => {
  it.each([
    ['45s', { seconds: 45 }],
    ['90 minutes', { hours: 1, minutes: 30 }],
    ['PT1M30S', { minutes: 1, seconds: 30 }],
    [{ days: 2 }, { days: 2 }],
    ['0s', { milliseconds: 0 }],
  ])('reads %j as Backstage does', (value, duration) => {
    expect(read(value)).toEqual(duration);
  });

  it.each([
    [60, '60', '60'],
    ['60', '60', '60'],
    [' 1.5 ', '1.5', '1.5'],
    [0, '0', '60'],
    [-5, '-5', '60'],
  ])(
    'says the bare number %j has no unit, with the forms accepted',
    (value, shown, example) => {
      expect(() => read(value)).toThrow(
        `Invalid ${FULL}: ${shown} is a number without a unit; write a duration, e.g. '${example}s' or '${example}m', ISO 8601 'PT${example}S', or { seconds: ${example} }`,
      );
    },
  );

  it.each([
    [true, 'a boolean'],
    [['60s'], 'a list'],
  ])('refuses %j, saying what it got', (value, got) => {
    expect(() => read(value)).toThrow(
      `Invalid ${FULL}: expected a duration, e.g. '60s' or '60m', ISO 8601 'PT60S', or { seconds: 60 }; got ${got}`,
    );
  });

  it("names the full key before Backstage's own message", () => {
    expect(() => read('soon')).toThrow(
      /^Invalid stewardship\.slos\.overview\.cacheTtl: Invalid duration 'soon'/,
    );
    expect(() => read({ secs: 5 })).toThrow(
      /^Invalid stewardship\.slos\.overview\.cacheTtl: .*Needs one or more of/,
    );
  });

  describe('with timer: true', () => {
    const TIMEOUT = 'stewardship.backlog.timeout';
    const readTimeout = (timeout: JsonValue) =>
      readConfigDuration(new ConfigReader({ timeout }), 'timeout', TIMEOUT, {
        timer: true,
      });
    // Node.js timers hold a signed 32-bit count of ms.
    const limitMs = 2 ** 31 - 1;

    it.each([
      [{ milliseconds: limitMs }, limitMs],
      ['24d', 24 * 86_400_000],
      ['PT596H', 596 * 3_600_000],
    ])('reads %j, which a timer can wait', (value, ms) => {
      expect(durationToMilliseconds(readTimeout(value))).toBe(ms);
    });

    it.each([
      [{ milliseconds: limitMs + 1 }, '{"milliseconds":2147483648}'],
      ['30d', '30d'],
      ['P60D', 'P60D'],
      [{ weeks: 4 }, '{"weeks":4}'],
    ])(
      'refuses %j, longer than a timer can wait, naming the key and the limit',
      (value, shown) => {
        expect(() => readTimeout(value)).toThrow(
          `Invalid ${TIMEOUT}: ${shown} is longer than a timer can wait; at most 2147483647 ms (about 24.8 days), e.g. '24d' or { days: 24 }`,
        );
      },
    );

    it('leaves a duration that is not a timeout unbounded', () => {
      expect(read({ days: 400 })).toEqual({ days: 400 });
    });
  });
});
