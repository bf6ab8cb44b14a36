/*
 * The product's rule for writing a number of days (backlog ages, their median and average) with
 * one decimal, as the Backlog tab, its "formulas with the numbers" and the planning review write
 * them: to the nearest tenth, but never on the wrong side of the line the reader compares it with.
 */

/** The age in the Oldest view's title: an item is listed there when it is older than this. */
const OLDEST_VIEW_DAYS = 180;

/**
 * Days to 0.1 as digits, to the nearest tenth (`12.04` → `12.0`), but an age over 180 days (the
 * Oldest view's "over 180 days") never reads as 180: 180.04 → `180.1`, where the nearest tenth,
 * 180.0, would not be over it.
 *
 * @public
 */
export function dayDigits(days: number): string {
  const digits = days.toFixed(1);
  return days > OLDEST_VIEW_DAYS && Number(digits) <= OLDEST_VIEW_DAYS
    ? (OLDEST_VIEW_DAYS + 0.1).toFixed(1)
    : digits;
}

/**
 * The average age's digits against the target, as the Backlog tab, the backlog formulas and the
 * planning review write it, never on the wrong side of the target: rounded down to 0.1 day when
 * it meets the target (89.96 → `89.9`, where the nearest tenth, 90.0, would read as missing it),
 * to the nearest 0.1 otherwise ({@link dayDigits}: 90.04 → `90.0`, which is not below 90 either).
 *
 * @public
 */
export function averageAgeDigits(days: number, meetsTarget: boolean): string {
  // days × 10 of a whole tenth (89.9 × 10) is that whole number exactly, so floor never drops one.
  return meetsTarget
    ? (Math.floor(days * 10) / 10).toFixed(1)
    : dayDigits(days);
}
