/*
 * Error-budget arithmetic.
 *
 *   SLI                  = good / total                      (over the whole window)
 *   budget remaining     = 1 − (1 − SLI) / (1 − objective)   (1 = untouched, 0 = spent, < 0 = overspent)
 *   burn rate            = ((total − good) / total) / (1 − objective)
 *   max burn rate        = 1 / (1 − objective)               (every event bad)
 *   seconds to exhaustion = remaining × period / burn rate
 *
 * A burn rate of 1 spends exactly the whole budget in one period, so at burn rate b a remaining
 * fraction r of the budget lasts r × period / b.
 *
 * The SLI is a ratio of sums, never an average of per-interval ratios: averaging gives a quiet
 * hour with 10 requests the same weight as a busy hour with 10 000, so a handful of failures at night
 * would outweigh thousands during the day. Users experience events, not intervals, so the counts are
 * summed first and divided once. (Budgeting by timeslices is the deliberate exception: there each
 * slice is one "event"; see `countGoodSlices`.)
 */
import { EventCounts } from './types';

/**
 * The SLI over a window: good ÷ total. `undefined` when there were no events (total ≤ 0).
 *
 * @public
 */
export function sliOf(counts: EventCounts): number | undefined {
  if (!(counts.total > 0)) {
    return undefined;
  }
  return counts.good / counts.total;
}

/**
 * The fraction of the error budget left: 1 − (1 − SLI) ÷ (1 − objective). 1 means untouched, 0 spent,
 * negative overspent.
 *
 * @public
 */
export function budgetRemaining(sli: number, objective: number): number {
  // SLI and objective are both correctly rounded doubles, so an SLI exactly on the objective (e.g.
  // 9950 / 10000 against 0.995) gives exactly 0 here; no epsilon is needed for "exactly spent".
  return 1 - (1 - sli) / (1 - objective);
}

/**
 * How fast a window spends the budget: its error ratio ÷ (1 − objective). 1 spends exactly the
 * budget over one period. `undefined` when the window had no events.
 *
 * @public
 */
export function burnRateOf(
  counts: EventCounts,
  objective: number,
): number | undefined {
  if (!(counts.total > 0)) {
    return undefined;
  }
  return (counts.total - counts.good) / counts.total / (1 - objective);
}

/**
 * The highest burn rate an objective allows: 1 ÷ (1 − objective), when every event is bad. An alert
 * threshold above it can never fire.
 *
 * @public
 */
export function maxBurnRate(objective: number): number {
  return 1 / (1 - objective);
}

/**
 * Seconds until the budget is gone at `burnRate`: remaining × period ÷ burn rate.
 * 0 when the budget is already spent (remaining ≤ 0); `undefined` when the budget is not burning
 * (burn rate unknown or ≤ 0).
 *
 * @public
 */
export function secondsToExhaustion(
  remaining: number,
  burnRate: number | undefined,
  periodSeconds: number,
): number | undefined {
  if (remaining <= 0) {
    return 0;
  }
  if (burnRate === undefined || !(burnRate > 0)) {
    return undefined;
  }
  return (remaining * periodSeconds) / burnRate;
}
