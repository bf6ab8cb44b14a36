import { IncidentStatus, IncidentTimes } from './types';

/**
 * The five moments of an incident in the order they must be in.
 *
 * @public
 */
export const INCIDENT_TIME_FIELDS = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

/**
 * One of the five moments of an incident.
 *
 * @public
 */
export type IncidentTimeField = (typeof INCIDENT_TIME_FIELDS)[number];

/** The moments an incident reaches after it is detected. */
const LATER_STAGE_FIELDS = [
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

/** The moment each status is reached; statuses after it must not have one. */
const STATUS_FIELD: Record<IncidentStatus, IncidentTimeField> = {
  triggered: 'detectedAt',
  acknowledged: 'acknowledgedAt',
  mitigated: 'mitigatedAt',
  resolved: 'resolvedAt',
};

/**
 * The moment an incident reached `status`: `detectedAt` for `triggered`, `acknowledgedAt` for
 * `acknowledged`, and so on.
 *
 * @public
 */
export function incidentStatusTimeField(
  status: IncidentStatus,
): IncidentTimeField {
  return STATUS_FIELD[status];
}

/**
 * An incident as it stood at `moment`: its moments after `moment` had not happened yet and are
 * left out, and its status is the stage of its latest moment left (an incident resolved after
 * `moment` was open then). The incident itself when no moment is after `moment`. A stage undone
 * later (a reopened incident's cleared moments) cannot be told from the moments: it reads as
 * today's record says. Only the moments after detection are looked at: callers choose incidents
 * detected by `moment` (the figures' `detectedAt < to`).
 *
 * @public
 */
export function incidentAsOf<
  T extends IncidentTimes & { status: IncidentStatus | string },
>(incident: T, moment: Date): T {
  const later = LATER_STAGE_FIELDS.filter(field => {
    const value = incident[field];
    return value !== undefined && Date.parse(value) > moment.getTime();
  });
  if (later.length === 0) return incident;
  const asOf: T = { ...incident };
  for (const field of later) delete asOf[field];
  const stages: IncidentStatus[] = ['resolved', 'mitigated', 'acknowledged'];
  asOf.status =
    stages.find(stage => asOf[STATUS_FIELD[stage]] !== undefined) ??
    'triggered';
  return asOf;
}

/**
 * A problem with an incident's moments, naming the field that breaks the rule.
 *
 * @public
 */
export interface IncidentTimeProblem {
  /** The field that breaks the rule (the later one of a pair out of order). */
  field: IncidentTimeField;
  /** What is wrong, naming the field, e.g. `resolvedAt (…) is before acknowledgedAt (…)`. */
  message: string;
}

/**
 * Checks an incident's moments (epoch ms, or ISO strings) against each other and its status:
 *
 * - every moment that is set is at or after every earlier one that is set
 *   (`startedAt` ≤ `detectedAt` ≤ `acknowledgedAt` ≤ `mitigatedAt` ≤ `resolvedAt`); the
 *   problem names the later field;
 * - `detectedAt` is always set;
 * - moments of stages the status has not reached are not set (a `triggered` incident has no
 *   `resolvedAt`); earlier stages may be skipped (an incident resolved without being
 *   acknowledged has no `acknowledgedAt`).
 *
 * Returns the first problem, or undefined.
 *
 * @public
 */
export function checkIncidentTimes(
  times: Partial<Record<IncidentTimeField, string | number | undefined>>,
  status: IncidentStatus,
): IncidentTimeProblem | undefined {
  const ms = (value: string | number) =>
    typeof value === 'number' ? value : Date.parse(value);
  if (times.detectedAt === undefined) {
    return { field: 'detectedAt', message: 'detectedAt is required' };
  }
  const reached = INCIDENT_TIME_FIELDS.indexOf(STATUS_FIELD[status]);
  let latest: { field: IncidentTimeField; at: number } | undefined;
  for (const [index, field] of INCIDENT_TIME_FIELDS.entries()) {
    const value = times[field];
    if (value === undefined) continue;
    if (index > reached) {
      return {
        field,
        message: `${field} must not be set while the status is "${status}"`,
      };
    }
    const at = ms(value);
    if (latest && at < latest.at) {
      return {
        field,
        message: `${field} (${new Date(at).toISOString()}) is before ${
          latest.field
        } (${new Date(
          latest.at,
        ).toISOString()}); the moments must be in the order ${INCIDENT_TIME_FIELDS.join(
          ' ≤ ',
        )}`,
      };
    }
    latest = { field, at };
  }
  return undefined;
}

/**
 * Whether an incident is still open (any status but `resolved`).
 *
 * @public
 */
export function isIncidentOpen(
  incident: Pick<IncidentTimes, 'resolvedAt'> & {
    status: IncidentStatus;
  },
): boolean {
  return incident.status !== 'resolved';
}
