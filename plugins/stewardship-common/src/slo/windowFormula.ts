import { formatNumber } from './formatNumber';
import { SloWindow } from './sloWindow';
import { SloTimeWindow } from './types';

/**
 * The explanation line for an SLO window, e.g.
 * `window = rolling 30d: 2026-03-01T00:00:00.000Z to 2026-03-31T00:00:00.000Z (period 2592000 s)`.
 *
 * @internal
 */
export function windowFormula(
  timeWindow: SloTimeWindow,
  window: SloWindow,
): string {
  const span = `${window.start.toISOString()} to ${window.end.toISOString()}`;
  if (timeWindow.type === 'rolling') {
    return `window = rolling ${
      timeWindow.duration
    }: ${span} (period ${formatNumber(window.periodSeconds)} s)`;
  }
  return (
    `window = calendar ${timeWindow.unit} in ${timeWindow.timeZone}: ${span} ` +
    `(period ${formatNumber(window.periodSeconds)} s, ` +
    `elapsed = (at − start) / period = ${formatNumber(window.elapsedFraction)})`
  );
}
