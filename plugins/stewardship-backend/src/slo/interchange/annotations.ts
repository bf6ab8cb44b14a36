/**
 * Annotations the export writes on OpenSLO documents so that the import restores what OpenSLO
 * cannot express. All are optional on import: a hand-written file needs none of them.
 */
export const ANNOTATIONS = {
  /** On the SLO: the owning entity's full ref (`spec.service` only holds its name). */
  entityRef: 'stewardship.io/entity-ref',
  /** On the SLO: `minEvents`. */
  minEvents: 'stewardship.io/min-events',
  /** On the SLO: a business-hours `schedule`, as JSON (OpenSLO has no such window). */
  schedule: 'stewardship.io/schedule',
  /** On an AlertCondition: the short window, when it is not a twelfth of `lookbackWindow`. */
  shortWindow: 'stewardship.io/short-window',
  /** On an AlertCondition: the budget terms (`budgetPercent`, `within`) its threshold came from. */
  budgetPercent: 'stewardship.io/budget-percent',
  within: 'stewardship.io/within',
  /** On an AlertPolicy: `"true"` when its name was made up by the export (OpenSLO needs one). */
  generatedName: 'stewardship.io/generated-name',
  /**
   * On an AlertPolicy: the policy's own name, when the export had to write another one (OpenSLO
   * names are unique, ours need not be: `page-fast-burn` as a policy of its own and in the preset).
   */
  policyName: 'stewardship.io/policy-name',
  /** On an AlertPolicy: the preset (`sre-workbook`) it is part of. */
  preset: 'stewardship.io/alert-preset',
  /**
   * On the indicator: `ratio` or `latency`. Without it the import takes a good-events query of
   * one histogram bucket (`le="0.3"`) for a latency SLI; with it, a ratio over a bucket stays one.
   */
  sliType: 'stewardship.io/sli-type',
  /** On a latency indicator: its threshold in seconds, whatever its good-events query selects. */
  latencyThreshold: 'stewardship.io/latency-threshold-seconds',
} as const;
