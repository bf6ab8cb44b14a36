const numericCollator = new Intl.Collator('en', { numeric: true });
const rootCollator = new Intl.Collator('en');

/**
 * Orders two strings as every Stewardship list is ordered (entity refs, SLO and metric source
 * names, scorecard groups): by the Unicode root collation through `Intl.Collator('en')`, the
 * same whatever the process's locale, with runs of digits compared as numbers (`api-9` before
 * `api-10`, `v1.9` before `v1.10`). A bare `localeCompare` follows the server's `LANG` (in
 * Danish `aa` sorts after `z`, in Lithuanian `y` between `i` and `j`), so two replicas, or a
 * server and its tests, could page the same list differently.
 *
 * Strings the numeric collation holds equal (`svc-01` and `svc-1`, or the two Unicode spellings
 * of `é`) are then ordered by the root collation and last by code units, so two different
 * strings never compare equal and a list sorts the same whatever order it arrived in.
 *
 * @public
 */
export const compareText = (a: string, b: string): number =>
  numericCollator.compare(a, b) ||
  rootCollator.compare(a, b) ||
  (a < b ? -1 : Number(a > b));
