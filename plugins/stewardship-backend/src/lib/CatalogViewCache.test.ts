import { CatalogViewCache } from './CatalogViewCache';

/** A controllable evaluation: each call is one read, finished or failed by the test. */
function reads() {
  const started: Array<{
    finish: () => void;
    fail: (error: Error) => void;
  }> = [];
  const evaluate = () =>
    new Promise<string[]>((resolve, reject) => {
      started.push({ finish: () => resolve([]), fail: reject });
    });
  return { started, evaluate };
}

/** Lets every promise callback queued so far run. */
const settle = () => new Promise(resolve => setImmediate(resolve));

const T0 = new Date('2026-11-22T10:00:00Z').getTime();

/** A clock the test sets, in seconds after T0. */
function clockAt() {
  const clock = { ms: T0 };
  return {
    now: () => new Date(clock.ms),
    at: (seconds: number) => {
      clock.ms = T0 + seconds * 1000;
    },
  };
}

/** A 60 s cache holding the view `everything`, evaluated at T0 by the first of its reads. */
async function heldAtT0() {
  const clock = clockAt();
  const cache = new CatalogViewCache<string[]>({
    ttlMs: 60_000,
    now: clock.now,
  });
  const { started, evaluate } = reads();
  const first = cache.get('everything', evaluate);
  started[0].finish();
  expect((await first).readAt).toEqual(new Date(T0));
  return { clock, cache, started, evaluate };
}

describe('CatalogViewCache', () => {
  const now = () => new Date('2026-11-22T10:00:00Z');

  it('holds at most maxEntries views, dropping the oldest', async () => {
    const cache = new CatalogViewCache<string[]>({
      ttlMs: 60_000,
      now,
      maxEntries: 2,
    });
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

  it('refreshes in the background only in the last quarter of the TTL', async () => {
    const { clock, cache, started, evaluate } = await heldAtT0();

    clock.at(44.999);
    await cache.get('everything', evaluate);
    expect(started).toHaveLength(1);
    clock.at(45);
    expect((await cache.get('everything', evaluate)).readAt).toEqual(
      new Date(T0),
    );
    expect(started).toHaveLength(2);
  });

  it('keeps serving the held evaluation when a background refresh fails, until the TTL ends', async () => {
    const { clock, cache, started, evaluate } = await heldAtT0();

    clock.at(50);
    await cache.get('everything', evaluate);
    started[1].fail(new Error('catalog unavailable'));
    await settle();
    clock.at(59);
    // Served the held one, and the failed refresh is tried again.
    expect((await cache.get('everything', evaluate)).readAt).toEqual(
      new Date(T0),
    );
    expect(started).toHaveLength(3);
    started[2].fail(new Error('catalog unavailable'));
    await settle();

    clock.at(60);
    const afterTtl = cache.get('everything', evaluate);
    expect(started).toHaveLength(4);
    started[3].finish();
    expect((await afterTtl).readAt).toEqual(new Date(T0 + 60_000));
  });

  it('never serves an evaluation past its TTL: a request then waits for the refresh already running', async () => {
    const { clock, cache, started, evaluate } = await heldAtT0();

    clock.at(55);
    await cache.get('everything', evaluate); // starts the refresh, which takes a while
    clock.at(60);
    let answered = false;
    const waiting = cache.get('everything', evaluate).then(result => {
      answered = true;
      return result;
    });
    await settle();
    expect(answered).toBe(false);
    expect(started).toHaveLength(2); // no second read beside the refresh
    started[1].finish();
    expect((await waiting).readAt).toEqual(new Date(T0 + 55_000));
  });
});
