import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readTimeoutMs } from './sourceHttp';

describe('readTimeoutMs', () => {
  const key = 'stewardship.metricSources.prom-eu.timeout';
  const read = (timeout: JsonValue) =>
    readTimeoutMs(new ConfigReader({ timeout }), 'prom-eu');

  it('reads up to the longest a timer can wait (2^31 - 1 ms)', () => {
    expect(read('10s')).toBe(10_000);
    expect(read({ milliseconds: 2 ** 31 - 1 })).toBe(2 ** 31 - 1);
  });

  it.each([
    ['30d', '30d'],
    [{ milliseconds: 2 ** 31 }, '{"milliseconds":2147483648}'],
  ])(
    'refuses %j, longer than a timer can wait, naming the key and the limit',
    (timeout, shown) => {
      // Node.js would end every query's wait after 1 ms: "no answer within the 2592000s timeout".
      expect(() => read(timeout)).toThrow(
        `Invalid ${key}: ${shown} is longer than a timer can wait; at most 2147483647 ms (about 24.8 days)`,
      );
    },
  );
});
