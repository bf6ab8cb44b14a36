import { CallerLanes } from './CallerLanes';

/** A task that runs until released, recording when it started. */
function gate(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>(resolve => (release = resolve));
  return {
    task: async () => {
      started.push(name);
      await done;
      return name;
    },
    release: () => release(),
  };
}

const settle = () => new Promise(resolve => setImmediate(resolve));

describe('CallerLanes', () => {
  it('runs at most perCaller tasks of one caller at once, the rest in order as they end', async () => {
    const lanes = new CallerLanes(2);
    const started: string[] = [];
    const tasks = ['a1', 'a2', 'a3', 'a4'].map(name => gate(started, name));
    const results = tasks.map(t => lanes.run('user:default/a', t.task));
    await settle();
    expect(started).toEqual(['a1', 'a2']);
    tasks[1].release();
    await settle();
    expect(started).toEqual(['a1', 'a2', 'a3']);
    tasks[0].release();
    tasks[2].release();
    tasks[3].release();
    await expect(Promise.all(results)).resolves.toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
    ]);
  });

  it('does not make another caller wait behind a full lane', async () => {
    const lanes = new CallerLanes(2);
    const started: string[] = [];
    const burst = ['a1', 'a2', 'a3'].map(name => gate(started, name));
    burst.forEach(t => lanes.run('user:default/a', t.task));
    const other = gate(started, 'b1');
    const b = lanes.run('user:default/b', other.task);
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(lanes.callers).toBe(2);
    other.release();
    await expect(b).resolves.toBe('b1');
    burst.forEach(t => t.release());
    await settle();
    await settle();
    // Idle lanes are dropped: nothing is kept per caller once its tasks end.
    expect(lanes.callers).toBe(0);
  });

  it('frees the slot of a task that fails, and passes its error on', async () => {
    const lanes = new CallerLanes(1);
    const failing = lanes.run('svc', async () => {
      throw new Error('source down');
    });
    await expect(failing).rejects.toThrow('source down');
    await expect(lanes.run('svc', async () => 'next')).resolves.toBe('next');
    expect(lanes.callers).toBe(0);
  });

  it('refuses a lane width that is not a positive integer', () => {
    expect(() => new CallerLanes(0)).toThrow(/positive integer/);
    expect(() => new CallerLanes(1.5)).toThrow(/positive integer/);
  });
});
