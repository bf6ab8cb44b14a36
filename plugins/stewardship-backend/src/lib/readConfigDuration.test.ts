import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
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
});
