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

  it('shares one evaluation among all services, whatever their access restrictions', async () => {
    // Every service reads the catalog as Stewardship (lib/catalogOnBehalfOf), so all see the same.
    const cache = new ScorecardCache({ ttlMs: 60_000, now });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return [];
    };

    await cache.get(mockCredentials.service('plugin:a'), load);
    await cache.get(mockCredentials.service('plugin:b'), load);
    await cache.get(
      mockCredentials.service('external:pipeline', {
        permissionNames: ['stewardship.incident.create'],
      }),
      load,
    );
    expect(loads).toBe(1);
    await cache.get(mockCredentials.user('user:default/jane'), load);
    expect(loads).toBe(2);
  });
});
