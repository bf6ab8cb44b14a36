/**
 * Formats a number for the human-checkable lines of an explanation or a problem: integers as they
 * are (event counts can be large), others to 10 significant digits so float noise such as
 * 0.7999999999999998 reads as 0.8. Every formula Stewardship shows writes its figures with it,
 * in the backend too, so that all of them read alike.
 *
 * @public
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) {
    return String(value);
  }
  return String(Number(value.toPrecision(10)));
}
