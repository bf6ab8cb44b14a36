/*
 * Error-budget arithmetic.
 *
 *   SLI                  = good / total                      (over the whole window)
 *   budget remaining     = 1 − (1 − SLI) / (1 − objective)   (1 = untouched, 0 = spent, < 0 = overspent)
 *   burn rate            = ((total − good) / total) / (1 − objective)
 *   max burn rate        = 1 / (1 − objective)               (every event bad)
 *   seconds to exhaustion (burn rate b of the last hour, remaining r > 0, period P):
 *     rolling window:  r × P / (b − 1 + r)   when b ≥ 1; none when b < 1
 *     calendar window: r × E / (b − 1)       when b > 1 and before the period ends; none otherwise
 *                      (E = the seconds of the period that have passed)
 *
 * "Remaining" is a fraction of the budget the window's own events allow, so both answer: if the
 * last hour's burn rate and the window's traffic rate held, when would the window's bad events
 * reach its allowed bad events? A calendar window's allowance grows with every event, so at a
 * burn rate of 1 or less the budget never runs out (its spent share only tends towards the burn
 * rate), and at the period's end the budget starts afresh. A rolling window also loses its oldest
 * events: they are taken to leave at the window's average error ratio (1 − r times the allowed
 * one), so at burn rate b < 1 the remaining budget settles at 1 − b and never runs out. With an
 * untouched budget (r = 1) nothing bad leaves and the rolling formula is P / b.
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
 * The burn-rate window whose rate predicts when the budget runs out (`secondsToExhaustion`).
 *
 * @public
 */
export const EXHAUSTION_WINDOW = '1h';

/**
 * Seconds until the budget is gone if the last hour's burn rate held (the module comment has the
 * two formulas and why). 0 when the budget is already spent (remaining ≤ 0); `undefined` when it
 * does not run out: burn rate unknown, below 1 (rolling) or at most 1 (calendar), or a calendar
 * budget that lasts until its period ends.
 *
 * @public
 */
export function secondsToExhaustion(
  remaining: number,
  burnRate: number | undefined,
  window: ExhaustionWindow,
): number | undefined {
  if (remaining <= 0) {
    return 0;
  }
  if (burnRate === undefined || !Number.isFinite(burnRate)) {
    return undefined;
  }
  const { periodSeconds, elapsedFraction } = window;
  if (window.type === 'rolling') {
    return burnRate >= 1
      ? (remaining * periodSeconds) / (burnRate - 1 + remaining)
      : undefined;
  }
  if (!(burnRate > 1)) {
    return undefined;
  }
  const seconds =
    (remaining * elapsedFraction * periodSeconds) / (burnRate - 1);
  return seconds < (1 - elapsedFraction) * periodSeconds ? seconds : undefined;
}

/**
 * What {@link secondsToExhaustion} needs of an SLO window: its kind, its period and how much of it
 * has passed (always 1 for rolling windows; see `sloWindowAt`).
 *
 * @public
 */
export interface ExhaustionWindow {
  /** The SLO's window kind (`timeWindow.type`). */
  type: 'rolling' | 'calendar';
  /** The rolling duration, or the whole month or quarter, in seconds. */
  periodSeconds: number;
  /** The share of the period that has passed: 1 for rolling windows. */
  elapsedFraction: number;
}
