/*
 * The Backstage signals channels the backend publishes on and the frontend listens to. Each
 * message says only that something changed, never what: signals are broadcast to every signed-in
 * user, including those who may not see the entity, so each open tab asks the API again, with its
 * own credentials, for what it may see.
 */

/**
 * Incidents changed (recorded, updated, an action item added or changed, a PagerDuty event
 * applied): tabs showing incidents now read them again.
 *
 * @public
 */
export const STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL = 'stewardship:incidents';

/**
 * New SLO evaluations were stored (a scheduled run of a metric source, or "evaluate now"): tabs
 * showing SLO statuses now read them again.
 *
 * @public
 */
export const STEWARDSHIP_SLOS_SIGNAL_CHANNEL = 'stewardship:slos';

/**
 * An ownership exemption was granted or removed, or an owner confirmed: Ownership tabs, cards and
 * the scorecard now read their owners again. Changes in the catalog itself (a new annotation, a
 * group's members) are not signalled: the catalog publishes none.
 *
 * @public
 */
export const STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL = 'stewardship:ownership';

/**
 * The message of a Stewardship signal.
 *
 * @public
 */
export type StewardshipSignalMessage =
  | { type: 'incidents-changed' }
  | { type: 'slos-evaluated' }
  | { type: 'ownership-changed' };
