import { MetricSourceError } from '@stewardship/backstage-plugin-stewardship-node';

/** The window's length in whole seconds; an empty or reversed window is an error. */
export function windowSeconds(
  source: string,
  window: { key: string; start: Date; end: Date },
): number {
  const seconds = Math.round(
    (window.end.getTime() - window.start.getTime()) / 1000,
  );
  if (!(seconds >= 1)) {
    throw new MetricSourceError(
      `${source}: window "${
        window.key
      }" (${window.start.toISOString()} to ${window.end.toISOString()}) is shorter than a second`,
    );
  }
  return seconds;
}

/**
 * A count must be a finite number ≥ 0; anything else is the source's fault, never a fake value.
 * `what` names the query in the error; pass a function when building that text is not free (it
 * runs for every sample of a range query, and is only needed when a count is wrong).
 */
export function checkCount(
  source: string,
  value: number,
  raw: string,
  what: string | (() => string),
): number {
  if (Number.isFinite(value) && value >= 0) {
    return value;
  }
  const describe = typeof what === 'function' ? what() : what;
  throw new MetricSourceError(
    Number.isFinite(value)
      ? `${source}: ${describe} returned ${raw}, a negative count`
      : `${source}: ${describe} returned ${raw}, not a finite count`,
  );
}
