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
 * The message of a Stewardship signal.
 *
 * @public
 */
export type StewardshipSignalMessage =
  | { type: 'incidents-changed' }
  | { type: 'slos-evaluated' };
