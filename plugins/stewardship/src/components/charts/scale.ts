/** Maps a value of `domain` linearly onto `range` (pixels). A zero-width domain maps to the range's middle. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) {
    return () => (r0 + r1) / 2;
  }
  const k = (r1 - r0) / (d1 - d0);
  return value => r0 + (value - d0) * k;
}

/** The round step (1, 2 or 5 times a power of ten) nearest to cutting `span` into `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const fraction = raw / power;
  // The thresholds are the geometric middles between 1, 2, 5 and 10.
  if (fraction >= Math.sqrt(50)) return 10 * power;
  if (fraction >= Math.sqrt(10)) return 5 * power;
  if (fraction >= Math.sqrt(2)) return 2 * power;
  return power;
}

/**
 * About `count` round ticks covering [min, max]: the first at or below min, the last at or above
 * max, so the axis can take them as its domain. `integer` keeps the step whole (counts).
 */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
  options: { integer?: boolean } = {},
): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max === min) {
    return min === 0
      ? [0, 1]
      : niceTicks(
          min - Math.abs(min) / 2,
          max + Math.abs(max) / 2,
          count,
          options,
        );
  }
  let step = niceStep(max - min, count);
  if (options.integer) step = Math.max(1, Math.round(step));
  // Decimals of the step, so that 0.1 + 0.2 shows as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  // The tolerance keeps 99.85 / 0.05 (1996.9999…) on its own tick.
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) {
    ticks.push(Number((i * step).toFixed(decimals)));
  }
  return ticks;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_STEPS = [
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  28 * DAY,
  91 * DAY,
];

/**
 * At most `maxCount` instants inside [start, end] (epoch ms) on whole UTC hours or days, evenly
 * spaced, with the step chosen so they fit. The step is returned too, to pick the label format.
 */
export function timeTicks(
  start: number,
  end: number,
  maxCount: number,
): { ticks: number[]; step: number } {
  const span = Math.max(end - start, 1);
  const step =
    TIME_STEPS.find(s => span / s <= Math.max(1, maxCount)) ??
    TIME_STEPS[TIME_STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    ticks.push(t);
  }
  return { ticks, step };
}
