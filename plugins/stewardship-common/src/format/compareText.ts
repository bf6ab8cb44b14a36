/**
 * Orders two strings as every Stewardship list is ordered (entity refs, SLO and metric source
 * names, scorecard groups): by the Unicode root collation through `Intl.Collator('en')`, the
 * same whatever the process's locale. A bare `localeCompare` follows the server's `LANG` (in
 * Danish `aa` sorts after `z`, in Lithuanian `y` between `i` and `j`), so two replicas, or a
 * server and its tests, could page the same list differently.
 *
 * @public
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator(
  'en',
).compare;
