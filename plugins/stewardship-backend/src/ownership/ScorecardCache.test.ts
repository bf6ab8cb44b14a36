import { mockCredentials } from '@backstage/backend-test-utils';
import { ScorecardCache } from './ScorecardCache';

describe('ScorecardCache', () => {
  const now = () => new Date('2026-11-22T10:00:00Z');

  it('holds at most maxEntries principals, dropping the oldest', async () => {
    const cache = new ScorecardCache({ ttlMs: 60_000, now, maxEntries: 2 });
    const loads: string[] = [];
    const get = (user: string) =>
      cache.get(mockCredentials.user(`user:default/${user}`), async () => {
        loads.push(user);
        return [];
      });

    await get('a');
    await get('b');
    await get('c'); // a is dropped
    await get('b');
    await get('a');

    expect(loads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keys services by their access restrictions, not their name', async () => {
    const cache = new ScorecardCache({ ttlMs: 60_000, now });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return [];
    };

    await cache.get(mockCredentials.service('plugin:a'), load);
    await cache.get(mockCredentials.service('plugin:b'), load);
    expect(loads).toBe(1);
    await cache.get(
      mockCredentials.service('plugin:c', {
        permissionNames: ['catalog.entity.read'],
      }),
      load,
    );
    expect(loads).toBe(2);
  });
});
