import pLimit from 'p-limit';

/**
 * One lane per caller: at most `perCaller` of a caller's tasks run at once on this instance, and
 * the rest wait their turn in that caller's lane only. On-demand reads of metric sources go
 * through it: a caller's allowance (240 reads) lets a whole burst through at once, and each read
 * queries a source over a whole SLO window (90 days, say), so without a lane one reader could
 * hold a source with hundreds of queries while every other caller waits behind them. A lane
 * with nothing running or waiting is dropped.
 */
export class CallerLanes {
  private readonly lanes = new Map<
    string,
    { limit: ReturnType<typeof pLimit>; tasks: number }
  >();

  constructor(private readonly perCaller: number) {
    if (!Number.isInteger(perCaller) || perCaller < 1) {
      throw new Error(`perCaller must be a positive integer, got ${perCaller}`);
    }
  }

  /** Runs `task` in `caller`'s lane: now, or when one of that caller's running tasks ends. */
  async run<T>(caller: string, task: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(caller);
    if (!lane) {
      lane = { limit: pLimit(this.perCaller), tasks: 0 };
      this.lanes.set(caller, lane);
    }
    lane.tasks += 1;
    try {
      return await lane.limit(task);
    } finally {
      lane.tasks -= 1;
      if (lane.tasks === 0) this.lanes.delete(caller);
    }
  }

  /** How many callers have a task running or waiting. */
  get callers(): number {
    return this.lanes.size;
  }
}
