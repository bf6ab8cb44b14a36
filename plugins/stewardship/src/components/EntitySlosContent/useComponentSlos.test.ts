import { mapBounded } from './useComponentSlos';

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const task = (n: number) =>
      new Promise<number>(resolve => {
        running += 1;
        peak = Math.max(peak, running);
        release.push(() => {
          running -= 1;
          resolve(n * 10);
        });
      });

    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const promise = mapBounded(items, 4, task);
    // Release tasks one at a time, newest first, so completion order differs from input order.
    while (release.length > 0 || running > 0) {
      await new Promise(r => setTimeout(r, 0));
      release.pop()?.();
    }

    await expect(promise).resolves.toEqual(items.map(n => n * 10));
    expect(peak).toBe(4);
  });

  it('starts no further task once its signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const release: Array<() => void> = [];
    const task = (n: number) =>
      new Promise<number>(resolve => {
        started.push(n);
        release.push(() => resolve(n));
      });
    const promise = mapBounded([1, 2, 3, 4, 5, 6], 2, task, controller.signal);
    await new Promise(r => setTimeout(r, 0));
    expect(started).toEqual([1, 2]);
    // The page goes: the two running finish, nothing else is asked.
    controller.abort();
    release.splice(0).forEach(done => done());
    await promise;
    expect(started).toEqual([1, 2]);
  });

  it('resolves to nothing for no items', async () => {
    await expect(mapBounded([], 4, async () => 1)).resolves.toEqual([]);
  });
});
