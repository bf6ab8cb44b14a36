import { ScorecardCache } from './ScorecardCache';

describe('ScorecardCache', () => {
  const now = () => new Date('2026-11-22T10:00:00Z');

  it('holds at most maxEntries views, dropping the oldest', async () => {
    const cache = new ScorecardCache({ ttlMs: 60_000, now, maxEntries: 2 });
    const loads: string[] = [];
    const get = (user: string) =>
      cache.get(`user:default/${user}`, async () => {
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
});
