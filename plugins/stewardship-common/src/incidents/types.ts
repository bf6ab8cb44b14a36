import { IncidentBudgetImpact } from './incidentBudget';

/**
 * How bad an incident is: `SEV1` is the worst, `SEV5` the mildest.
 *
 * @public
 */
export type IncidentSeverity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5';

/**
 * Every severity, worst first.
 *
 * @public
 */
export const INCIDENT_SEVERITIES: readonly IncidentSeverity[] = [
  'SEV1',
  'SEV2',
  'SEV3',
  'SEV4',
  'SEV5',
];

/**
 * Where an incident is in its life: `triggered` → `acknowledged` → `mitigated` → `resolved`.
 * Only `resolved` is closed; the other three are open.
 *
 * @public
 */
export type IncidentStatus =
  | 'triggered'
  | 'acknowledged'
  | 'mitigated'
  | 'resolved';

/**
 * Every status, in the order an incident goes through them.
 *
 * @public
 */
export const INCIDENT_STATUSES: readonly IncidentStatus[] = [
  'triggered',
  'acknowledged',
  'mitigated',
  'resolved',
];

/**
 * How an incident was recorded: `manual` (a person, through the UI or the API with a user
 * token), `api` (another tool, with a service token), `pagerduty` (a verified PagerDuty webhook).
 *
 * @public
 */
export type IncidentSource = 'manual' | 'api' | 'pagerduty';

/**
 * The moments of an incident, as ISO 8601 strings. They are in this order wherever set:
 * `startedAt` ≤ `detectedAt` ≤ `acknowledgedAt` ≤ `mitigatedAt` ≤ `resolvedAt`.
 *
 * @public
 */
export interface IncidentTimes {
  /** When the failure began, if known (often found out later, in the postmortem). */
  startedAt?: string;
  /** When it was noticed: an alert fired or a person reported it. Always set. */
  detectedAt: string;
  /** When a responder took it on. */
  acknowledgedAt?: string;
  /** When users stopped being hurt (a rollback, a failover), before the root cause is fixed. */
  mitigatedAt?: string;
  /** When it was closed. */
  resolvedAt?: string;
}

/**
 * One entry of an incident's timeline: what happened, when, and who did it.
 *
 * @public
 */
export interface IncidentTimelineEntry {
  /** When it happened (ISO 8601). */
  at: string;
  /**
   * `created`; `status` (the status changed to `status`); `note` (free text); `updated` (other
   * fields changed, named in `message`); `action-item` (an action item was added or changed).
   */
  type: 'created' | 'status' | 'note' | 'updated' | 'action-item';
  /** The user or service entity ref, or `pagerduty:<agent>` for webhook events. */
  actor: string;
  /** The new status of a `status` entry. */
  status?: IncidentStatus;
  /** What happened, in words. */
  message: string;
}

/**
 * Something to do after an incident, e.g. from its postmortem.
 *
 * @public
 */
export interface IncidentActionItem {
  /** Server-assigned id. */
  id: string;
  /** The incident it belongs to. */
  incidentId: string;
  /** What to do. */
  title: string;
  /** Who does it: a user or group entity ref (lower-case full ref). */
  ownerRef?: string;
  /** When it is due, `YYYY-MM-DD`. */
  dueDate?: string;
  /** `open` until done. */
  status: 'open' | 'done';
  /** A link to the ticket or document, http(s). */
  link?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
}

/**
 * A stored incident.
 *
 * @public
 */
export interface Incident extends IncidentTimes {
  /** Server-assigned id (UUID). */
  id: string;
  /** Optimistic concurrency: +1 per change; a PATCH must send the version it read. */
  version: number;
  /** The entity the incident belongs to (lower-case full ref). */
  entityRef: string;
  /** Other entities it affected (lower-case full refs). */
  affectedEntityRefs: string[];
  /** A short summary. */
  title: string;
  /** Longer free text. */
  description?: string;
  /** How bad it is. */
  severity: IncidentSeverity;
  /** Where it is in its life. */
  status: IncidentStatus;
  /** When the status last changed (ISO 8601). */
  statusChangedAt: string;
  /** Ids of the SLOs whose error budget it spent. */
  affectedSloIds: string[];
  /** The postmortem document, http(s). */
  postmortemUrl?: string;
  /** An exercise, not a real failure: reported apart, never in the figures of real incidents. */
  fireDrill: boolean;
  /** How it was recorded. */
  source: IncidentSource;
  /** Its id in the system it came from (the PagerDuty incident id, another tool's id). */
  externalId?: string;
  /** Its page in the system it came from. */
  externalUrl?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
  /** Oldest first; only on single-incident reads. */
  timeline?: IncidentTimelineEntry[];
  /** Oldest first; only on single-incident reads. */
  actionItems?: IncidentActionItem[];
  /** What it cost each affected SLO's error budget; only on single-incident reads. */
  budgetImpact?: IncidentBudgetImpact[];
}
