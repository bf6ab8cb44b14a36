import { EXHAUSTION_WINDOW } from './errorBudget';
import { formatNumber as n } from './formatNumber';
import { SloWindow } from './sloWindow';
import { SloTimeWindow } from './types';

/**
 * The explanation line for the time to exhaustion (`secondsToExhaustion`, whose module comment
 * has the formulas), with the figures put in, or why there is none.
 *
 * @internal
 */
export function exhaustionFormula(
  type: SloTimeWindow['type'],
  window: SloWindow,
  remaining: number,
  burnRate: number | undefined,
  seconds: number | undefined,
): string {
  const burn = `burn rate ${EXHAUSTION_WINDOW}`;
  if (remaining <= 0) {
    return 'time to exhaustion = 0 s (the budget is spent)';
  }
  if (burnRate === undefined) {
    return `time to exhaustion: unknown, ${burn} unknown (no events in that window)`;
  }
  const r = n(remaining);
  const b = n(burnRate);
  const period = n(window.periodSeconds);
  if (type === 'rolling') {
    return seconds === undefined
      ? `time to exhaustion: none, at ${burn} ${b} < 1 the remaining budget settles at 1 − ${b}`
      : `time to exhaustion = remaining × period / (${burn} − 1 + remaining) = ${r} × ${period} / (${b} − 1 + ${r}) = ${n(
          seconds,
        )} s`;
  }
  if (burnRate <= 1) {
    return `time to exhaustion: none, at ${burn} ${b} ≤ 1 a calendar budget never runs out (its allowance grows with every event)`;
  }
  const elapsed = n(window.elapsedFraction);
  const formula = `remaining × elapsed × period / (${burn} − 1) = ${r} × ${elapsed} × ${period} / (${b} − 1)`;
  if (seconds === undefined) {
    const left = (1 - window.elapsedFraction) * window.periodSeconds;
    return `time to exhaustion: none, the budget lasts the period: ${formula} = ${n(
      (remaining * window.elapsedFraction * window.periodSeconds) /
        (burnRate - 1),
    )} s, more than the ${n(left)} s left`;
  }
  return `time to exhaustion = ${formula} = ${n(seconds)} s`;
}
