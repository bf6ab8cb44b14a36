/*
 * The windows the engine measures burn rates over: the standard set every SLO shows (so charts and
 * tables line up across SLOs) plus whatever its alert policies need. Windows are keyed by their
 * normalised duration, so `24h` and `1d`, or `60m` and `1h`, are one window and one query.
 */
import { formatDuration, parseDuration } from './durations';
import { ResolvedAlertPolicy } from './types';

/**
 * The burn-rate windows measured for every SLO, shortest first: the SRE Workbook's long and short
 * windows plus 2 h and 1 d for the charts.
 *
 * @public
 */
export const BURN_RATE_WINDOWS: readonly string[] = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
];

/**
 * The normalised key of a burn-rate window: its shortest duration spelling (`24h` → `1d`,
 * `90m` → `1h30m`), as used in {@link burnWindowsFor} and in burn-count maps.
 *
 * @throws Error when `window` is not a duration.
 * @public
 */
export function burnWindowKey(window: string): string {
  return formatDuration(windowSeconds(window));
}

/**
 * The burn-rate windows to measure for an SLO with these (resolved) policies: the
 * {@link BURN_RATE_WINDOWS} plus every policy window not among them, normalised with
 * {@link burnWindowKey}, without duplicates, shortest first.
 *
 * @public
 */
export function burnWindowsFor(policies: ResolvedAlertPolicy[]): string[] {
  const windows = new Map<string, number>();
  const add = (window: string) => {
    const seconds = windowSeconds(window);
    windows.set(formatDuration(seconds), seconds);
  };
  BURN_RATE_WINDOWS.forEach(add);
  for (const policy of policies) {
    add(policy.longWindow);
    add(policy.shortWindow);
  }
  return [...windows.entries()].sort((a, b) => a[1] - b[1]).map(([key]) => key);
}

function windowSeconds(window: string): number {
  const seconds = parseDuration(window);
  if (seconds === undefined) {
    throw new Error(
      `Invalid burn-rate window "${window}": expected e.g. 5m or 1h`,
    );
  }
  return seconds;
}
