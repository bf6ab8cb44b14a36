/*
 * The longest period the figures over a period are read for: the planning review
 * (`GET review?from=&to=`) and an entity's incident figures (`GET entities/{ref}/incidents/summary`).
 * Each reads every snapshot or incident of its period, so a period from 1970 would read them all;
 * two years (731 days, a leap year's worth and one) is enough for a year-over-year review.
 */

const DAY_MS = 86_400_000;

/**
 * The most days a period of the planning review or of the incident figures may span: 731 (two
 * years). The backend answers a longer one with a 400 naming `from`.
 *
 * @public
 */
export const MAX_PERIOD_DAYS = 731;

/**
 * Why `[from, to]` is too long a period, undefined when it spans at most
 * {@link MAX_PERIOD_DAYS} days. From 1970 to 2026:
 * `a period may span at most 731 days (2 years); this one spans 20,454 days`. The days are
 * rounded up, so a period only just over the limit reads as 732 days.
 *
 * @public
 */
export function periodSpanProblem(from: Date, to: Date): string | undefined {
  const spanMs = to.getTime() - from.getTime();
  if (!(spanMs > MAX_PERIOD_DAYS * DAY_MS)) return undefined;
  const days = Math.ceil(spanMs / DAY_MS).toLocaleString('en-US');
  return `a period may span at most ${MAX_PERIOD_DAYS} days (2 years); this one spans ${days} days`;
}
