/*
 * Turns a verified PagerDuty Webhooks v3 event into a change of the stored incident.
 *
 * - The PagerDuty service maps to the catalog entity annotated `pagerduty.com/service-id` (read
 *   with the plugin's own credentials: the sender is PagerDuty, not a user). An event for an
 *   incident never seen, of a service no entity claims, is ignored and nothing is stored. A service
 *   several entities claim is treated as claimed by none (with a warning): otherwise anyone who
 *   can register an entity could capture another team's incidents by copying its service id.
 *   Such a delivery is also an audit event (`incident-pagerduty-service-conflict`, `high`),
 *   naming the service id and the claiming entities: failed when the incident was attached to
 *   none of them (or the store failed), succeeded when the event created or changed an incident
 *   stored before the conflict. A delivery that changed nothing (a redelivery, `duplicate`, or an
 *   event that moves nothing, `unchanged`) adds no event: one per change. An auditor that fails
 *   is logged at warn and fails no delivery.
 * - Each event is applied once: its id is recorded in the same transaction as the change.
 * - Only an event from the last `maxEventAge` (3 days by default) and at most 5 minutes ahead of
 *   the clock is applied: an ignored event's id is not recorded, so a signed delivery captured
 *   while no entity claimed its service could otherwise be sent again, any time later, once one
 *   does. Refused as {@link PagerDutyEventOutsideWindowError}, which the route answers `202`.
 * - Events may arrive out of order. A status event that occurred before the incident's last
 *   status change does not move the status (a late `acknowledged` never reopens a resolved
 *   incident); it only fills in its moment when that is still unknown, or was taken from an
 *   event of another kind (an incident first seen through a priority change), and fits the order.
 *   The first acknowledgement counts, also after an unacknowledge. A priority change older than
 *   the one the severity was last set from changes nothing.
 * - The incident's fields the spec leaves unchecked are read by pagerDutyIncidentFields: a
 *   `created_at` that is no RFC 3339 moment from 1970 on is not the detection moment (the event's
 *   is, with a warning), a `number` that is no positive integer stays out of the timeline, and a
 *   `service.id` that is no id is a 400 naming it.
 */
import {
  AuditorService,
  AuditorServiceEvent,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  INCIDENT_STATUSES,
  INCIDENT_TIME_FIELDS,
  Incident,
  IncidentSeverity,
  IncidentStatus,
  IncidentTimeField,
  IncidentTimelineEntry,
  checkIncidentTimes,
  incidentStatusTimeField,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  AppliedExternalEvent,
  ExternalEventDecision,
  ExternalEventOutcome,
  IncidentRecord,
  IncidentStore,
} from '../../database/IncidentStore';
import { momentProblem } from '../../lib/momentProblem';
import { withoutUndefined } from '../../lib/withoutUndefined';
import { PagerDutySettings } from './PagerDutySettings';
import {
  pagerDutyCreatedAt,
  pagerDutyIncidentNumber,
  pagerDutyServiceId,
} from './pagerDutyIncidentFields';

/** The annotation the PagerDuty Backstage plugin uses for a service. */
export const PAGERDUTY_SERVICE_ANNOTATION = 'pagerduty.com/service-id';

/** A v3 delivery, as the spec has checked it. */
export interface PagerDutyWebhookBody {
  event: {
    id: string;
    event_type: string;
    occurred_at: string;
    agent?: { summary?: string } | null;
    data: Record<string, any>;
  };
}

/** What the route answers. */
export interface WebhookOutcome {
  outcome: 'created' | 'updated' | 'unchanged' | 'duplicate' | 'ignored';
  incidentId?: string;
  reason?: string;
}

/** An event as the handler works with it. */
interface HandledEvent {
  type: string;
  data: Record<string, any>;
  /** ISO 8601. */
  occurredAt: string;
  /** When the incident was created in PagerDuty, when `data.created_at` names a usable moment. */
  createdAt: Date | undefined;
  /** The PagerDuty incident id. */
  externalId: string;
  /** The entity of the incident's service, if any claims it. */
  entityRef: string | undefined;
  /** `pagerduty:<agent>`. */
  actor: string;
}

/** The status an event announces. */
const STATUS_EVENTS: Record<string, IncidentStatus> = {
  'incident.triggered': 'triggered',
  'incident.acknowledged': 'acknowledged',
  'incident.unacknowledged': 'triggered',
  'incident.reopened': 'triggered',
  'incident.resolved': 'resolved',
};
const USED = new Set([
  ...Object.keys(STATUS_EVENTS),
  'incident.priority_updated',
  'incident.annotated',
]);

// eslint-disable-next-line no-control-regex -- removing them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_TAB_AND_LINE_FEED =
  // eslint-disable-next-line no-control-regex -- replacing them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const line = (text: unknown, max: number) =>
  String(text ?? '')
    .replace(CONTROL, ' ')
    .trim()
    .slice(0, max);
const httpUrl = (value: unknown) =>
  typeof value === 'string' &&
  /^https?:\/\//.test(value) &&
  value.length <= 2000
    ? value
    : undefined;

const rank = (status: IncidentStatus) => INCIDENT_STATUSES.indexOf(status);

/** How many of the entities claiming one service a warning names. */
const MAX_CLAIMANTS_LOGGED = 5;

/** How many of the entities claiming one service an audit event names (it says how many in all). */
const MAX_CLAIMANTS_AUDITED = 50;

/** The audit event of a delivery for a service several entities claim. */
export const PAGERDUTY_SERVICE_CONFLICT_AUDIT_EVENT =
  'incident-pagerduty-service-conflict';

/** How far ahead of this server's clock an event's `occurred_at` may be (clock skew). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * A verified event whose `occurred_at` is outside the window this backend applies events from:
 * older than `maxEventAge` (perhaps a captured delivery sent again) or ahead of the clock. An
 * `InputError` by name, as the audit event records it; the route answers it `202` `ignored`
 * rather than `400`: PagerDuty drops a delivery answered 4xx, but after three dropped in a row it
 * also disables the webhook subscription for 24 hours, with the deliveries it was holding.
 */
export class PagerDutyEventOutsideWindowError extends InputError {}

/** A duration in ms for a message: `3 days`, `36 hours`, `90 minutes`, `45 seconds`. */
function spoken(ms: number): string {
  for (const [unit, size] of [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/**
 * A stage's moment when it is reached again: the first acknowledgement counts (as PagerDuty's own
 * MTTA does), so an acknowledgement after an unacknowledge keeps the first one's moment.
 */
function earliest(
  occurredAt: string,
  field: string,
  applied: AppliedExternalEvent[],
): string {
  if (field !== 'acknowledgedAt') return occurredAt;
  return applied
    .filter(e => e.eventType === 'incident.acknowledged')
    .map(e => e.occurredAt)
    .reduce(
      (first, at) => (Date.parse(at) < Date.parse(first) ? at : first),
      occurredAt,
    );
}

/**
 * When the incident's status last changed, for ordering events: its recorded status change, or
 * a later status event already handled, one that repeated the status included (the status was
 * that at its moment, so an older event arriving after it is out of order).
 */
function lastStatusChange(
  current: Incident,
  applied: AppliedExternalEvent[],
): number {
  return applied
    .filter(e => Object.hasOwn(STATUS_EVENTS, e.eventType))
    .reduce(
      (last, e) => Math.max(last, Date.parse(e.occurredAt)),
      Date.parse(current.statusChangedAt),
    );
}

/** The latest moment of the stages before `field` (detection at least, which is required). */
function latestMomentBefore(
  record: IncidentRecord,
  field: IncidentTimeField,
): string {
  return INCIDENT_TIME_FIELDS.slice(0, INCIDENT_TIME_FIELDS.indexOf(field))
    .map(earlier => record[earlier])
    .filter((moment): moment is string => moment !== undefined)
    .reduce((latest, moment) =>
      Date.parse(moment) > Date.parse(latest) ? moment : latest,
    );
}

export class PagerDutyWebhookHandler {
  constructor(
    private readonly deps: {
      store: IncidentStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Records deliveries for a service several entities claim. */
      auditor: AuditorService;
      settings: PagerDutySettings;
      now?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  async handle(body: PagerDutyWebhookBody): Promise<WebhookOutcome> {
    const { event } = body;
    const { logger } = this.deps;
    if (!USED.has(event.event_type)) {
      return {
        outcome: 'ignored',
        reason: `event type ${event.event_type} is not used`,
      };
    }
    const occurredAt = new Date(event.occurred_at);
    const problem = momentProblem(occurredAt);
    if (problem) {
      throw new InputError(
        `event.occurred_at "${event.occurred_at}" ${problem}`,
      );
    }
    // A moment far ahead would make every later event of the incident look out of order.
    const now = this.now().getTime();
    const { maxEventAgeMs } = this.deps.settings;
    let outside: string | undefined;
    if (occurredAt.getTime() > now + FUTURE_TOLERANCE_MS) {
      outside = `event.occurred_at (${event.occurred_at}) is in the future, more than 5 minutes ahead of this server's clock`;
    } else if (now - occurredAt.getTime() > maxEventAgeMs) {
      outside = `event.occurred_at (${event.occurred_at}) is more than ${spoken(
        maxEventAgeMs,
      )} ago (stewardship.incidents.pagerduty.maxEventAge)`;
    }
    if (outside) {
      // Warn: either this server's clock or PagerDuty's is off, PagerDuty is delivering what it
      // held back through a long outage, or someone is sending an old delivery again.
      logger.warn(
        `PagerDuty event ${event.id} (${event.event_type}) not applied: ${outside}`,
      );
      throw new PagerDutyEventOutsideWindowError(
        `${outside}, so the event is not applied`,
      );
    }
    const data = event.data;
    const annotated = event.event_type === 'incident.annotated';
    // An annotation's data is the note; the incident is a reference inside it.
    const rawId = annotated ? data.incident?.id : data.id;
    const externalId =
      typeof rawId === 'string' || typeof rawId === 'number'
        ? line(rawId, 255)
        : '';
    if (!externalId) {
      throw new InputError(
        `event.data${annotated ? '.incident' : ''}.id is required`,
      );
    }
    const serviceId = annotated
      ? undefined
      : line(pagerDutyServiceId(data.service), 255);
    const claim = serviceId ? await this.entityOf(serviceId) : undefined;
    const entityRef = claim?.entityRef;
    const actor = `pagerduty:${line(event.agent?.summary, 200) || 'PagerDuty'}`;
    // An annotation's data is a note: it creates no incident.
    const created = annotated ? undefined : pagerDutyCreatedAt(data.created_at);
    // Recorded once the store has answered, so a redelivery that changes nothing adds none.
    const auditConflict = (
      end: (audit: AuditorServiceEvent) => Promise<void>,
    ) =>
      this.auditConflict(
        serviceId!,
        claim!.claimants,
        {
          pagerDutyEventId: event.id,
          eventType: event.event_type,
          pagerDutyIncidentId: externalId,
        },
        end,
      );

    const apply = () =>
      this.deps.store.applyExternalEvent(
        {
          source: 'pagerduty',
          eventId: event.id,
          eventType: event.event_type,
          occurredAt,
          externalId,
        },
        (current, applied) =>
          this.decide(current, applied, {
            type: event.event_type,
            data,
            occurredAt: occurredAt.toISOString(),
            createdAt: created && 'at' in created ? created.at : undefined,
            externalId,
            entityRef,
            actor,
          }),
      );
    let result: ExternalEventOutcome;
    try {
      result = await apply();
    } catch (error) {
      // A server error: recorded as it is, as the route's own audit event records it.
      if (claim?.ambiguous) {
        await auditConflict(audit => audit.fail({ error: error as Error }));
      }
      throw error;
    }
    if (claim?.ambiguous) {
      const claimed = `${claim.claimants.length} catalog entities have ${PAGERDUTY_SERVICE_ANNOTATION}: ${serviceId}`;
      // Unlike `duplicate` and `unchanged`, this one is recorded each time the event is delivered:
      // an ignored event id is not stored. PagerDuty redelivers only after a non-2xx answer and
      // `ignored` is answered 202, so it is once per event unless someone with the signing secret
      // resends it; the webhook's rate limit bounds that.
      if (result.outcome === 'ignored') {
        await auditConflict(audit =>
          audit.fail({
            error: stackless(
              new ConflictError(
                `${claimed}; PagerDuty incident ${externalId} is attached to none of them`,
              ),
            ),
            meta: { outcome: 'ignored' },
          }),
        );
      } else if (result.outcome === 'created' || result.outcome === 'updated') {
        const { outcome, incident } = result;
        await auditConflict(audit =>
          audit.success({ meta: { outcome, incidentId: incident.id } }),
        );
      }
    }
    if (result.outcome === 'duplicate') {
      return { outcome: 'duplicate' };
    }
    if (result.outcome === 'ignored') {
      // The answer names no entity: the catalog is not the sender's to read.
      let reason = `incident ${externalId} is not stored`;
      if (claim?.ambiguous) {
        reason = `several catalog entities have the annotation ${PAGERDUTY_SERVICE_ANNOTATION}: ${serviceId}`;
      } else if (serviceId) {
        reason = `no catalog entity has the annotation ${PAGERDUTY_SERVICE_ANNOTATION}: ${serviceId}`;
      }
      logger.info(
        `PagerDuty event ${event.id} (${event.event_type}) ignored: ${reason}`,
      );
      return { outcome: 'ignored', reason };
    }
    if (result.outcome === 'created' && created && 'problem' in created) {
      // The answer has no place for it (its reason is why an event was ignored): the log says
      // why the incident's detection moment is the event's, not PagerDuty's creation moment.
      logger.warn(
        `PagerDuty event ${event.id} (${event.event_type}): ${created.problem}, so incident ${result.incident.id} was detected at the event's occurred_at`,
      );
    }
    return { outcome: result.outcome, incidentId: result.incident.id };
  }

  /**
   * The entity of a PagerDuty service, by annotation. None when several claim it: whoever can
   * register an entity could otherwise take another team's incidents (by a ref that sorts first).
   */
  private async entityOf(
    serviceId: string,
  ): Promise<{ entityRef?: string; ambiguous: boolean; claimants: string[] }> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${PAGERDUTY_SERVICE_ANNOTATION}`]: serviceId,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const refs = items
      .map(e =>
        `${e.kind}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`.toLowerCase(),
      )
      .sort();
    if (refs.length > 1) {
      const shown = refs.slice(0, MAX_CLAIMANTS_LOGGED).join(', ');
      const more =
        refs.length > MAX_CLAIMANTS_LOGGED
          ? ` and ${refs.length - MAX_CLAIMANTS_LOGGED} more`
          : '';
      this.deps.logger.warn(
        `${refs.length} entities have ${PAGERDUTY_SERVICE_ANNOTATION}: ${serviceId} (${shown}${more}); ` +
          `its incidents are attached to none of them until the annotation is kept on one entity only`,
      );
      return { ambiguous: true, claimants: refs };
    }
    return { entityRef: refs[0], ambiguous: false, claimants: refs };
  }

  /**
   * Records the audit event of a delivery for a service several entities claim (`high`: one of
   * them may have copied another team's service id to take its incidents), naming the service and
   * the claiming entities (sorted, at most {@link MAX_CLAIMANTS_AUDITED}, with their number), and
   * ends it with `end`. No `request`: PagerDuty has no Backstage credentials; the sender is in
   * `meta`. Never throws: an auditor that fails is logged at warn, and the delivery is answered
   * (or the store's error rethrown) as without it; the warning above already named the conflict.
   */
  private async auditConflict(
    serviceId: string,
    claimants: string[],
    delivery: {
      pagerDutyEventId: string;
      eventType: string;
      pagerDutyIncidentId: string;
    },
    end: (audit: AuditorServiceEvent) => Promise<void>,
  ): Promise<void> {
    try {
      const audit = await this.deps.auditor.createEvent({
        eventId: PAGERDUTY_SERVICE_CONFLICT_AUDIT_EVENT,
        severityLevel: 'high',
        meta: {
          sender: 'pagerduty (signature verified)',
          ...delivery,
          serviceId,
          annotation: PAGERDUTY_SERVICE_ANNOTATION,
          claimingEntityRefs: claimants.slice(0, MAX_CLAIMANTS_AUDITED),
          claimingEntityCount: claimants.length,
        },
      });
      await end(audit);
    } catch (error) {
      this.deps.logger.warn(
        `Could not record the ${PAGERDUTY_SERVICE_CONFLICT_AUDIT_EVENT} audit event of PagerDuty event ${delivery.pagerDutyEventId} (service ${serviceId})`,
        error as Error,
      );
    }
  }

  private severityOf(data: Record<string, any>): IncidentSeverity {
    const { priorities, urgencies, defaultSeverity } = this.deps.settings;
    // Own keys only: a priority named `toString` or `__proto__` is no mapped priority.
    const priority = data.priority?.summary;
    if (typeof priority === 'string' && Object.hasOwn(priorities, priority)) {
      return priorities[priority];
    }
    const urgency = data.urgency;
    if (typeof urgency === 'string' && Object.hasOwn(urgencies, urgency)) {
      return urgencies[urgency];
    }
    return defaultSeverity;
  }

  private decide(
    current: Incident | undefined,
    applied: AppliedExternalEvent[],
    event: HandledEvent,
  ): ExternalEventDecision {
    const { type, data, occurredAt, actor } = event;
    const entry = (
      fields: Omit<IncidentTimelineEntry, 'at' | 'actor'>,
    ): IncidentTimelineEntry => ({ at: occurredAt, actor, ...fields });

    if (type === 'incident.annotated') {
      if (!current) return { action: 'ignore' };
      // Free text, as the API allows it: tabs and line feeds kept, other controls made spaces.
      const note = String(data.content ?? '')
        .replace(CONTROL_BUT_TAB_AND_LINE_FEED, ' ')
        .slice(0, 10000);
      // An update like a note added in Backstage: a new version, and open tabs read it again.
      return {
        action: 'update',
        record: toRecord(current),
        timeline: [entry({ type: 'note', message: note || '(empty note)' })],
      };
    }

    if (!current) {
      if (!event.entityRef) return { action: 'ignore' };
      return this.create(event, entry);
    }

    const record = toRecord(current);
    if (type === 'incident.priority_updated') {
      // The severity was last set by the newest priority change applied, or by the event the
      // incident was created from (it carries the priority then); an older change is stale.
      const setBy = applied.filter(
        (e, index) => index === 0 || e.eventType === type,
      );
      if (setBy.some(e => Date.parse(e.occurredAt) > Date.parse(occurredAt))) {
        return { action: 'none' };
      }
      const severity = this.severityOf(data);
      if (severity === current.severity) return { action: 'none' };
      record.severity = severity;
      return {
        action: 'update',
        record,
        timeline: [
          entry({
            type: 'updated',
            message: `Severity ${
              current.severity
            } → ${severity} (PagerDuty priority ${
              data.priority?.summary ?? 'none'
            })`,
          }),
        ],
      };
    }

    const status = STATUS_EVENTS[type];
    const field = incidentStatusTimeField(status);
    const at = Date.parse(occurredAt);
    if (at < lastStatusChange(current, applied)) {
      // Out of order: never moves the status; fills in a missing moment if it fits, or an
      // earlier one for a moment no event of its kind gave (taken from another event when the
      // incident was created) and for the first acknowledgement.
      if (type === 'incident.triggered') return { action: 'none' };
      const known = record[field];
      if (
        known !== undefined &&
        !(
          Date.parse(occurredAt) < Date.parse(known) &&
          (type === 'incident.acknowledged' ||
            !applied.some(e => e.eventType === type))
        )
      ) {
        return { action: 'none' };
      }
      const filled = { ...record, [field]: occurredAt };
      if (checkIncidentTimes(filled, current.status)) {
        return { action: 'none' };
      }
      return {
        action: 'update',
        record: filled,
        timeline: [
          entry({
            type: 'updated',
            message: `Late event ${type}: ${field} set, status left ${current.status}`,
          }),
        ],
      };
    }
    // Only an explicit reopen or unacknowledge moves a status back; a newer `acknowledged`
    // never undoes a mitigation recorded in Backstage.
    const backwards = rank(status) < rank(current.status);
    const explicitlyBack =
      (type === 'incident.reopened' && current.status === 'resolved') ||
      (type === 'incident.unacknowledged' && current.status === 'acknowledged');
    if (
      type === 'incident.triggered' ||
      status === current.status ||
      (backwards && !explicitlyBack)
    ) {
      return { action: 'none' };
    }
    // A newer status: later stages' moments go (a reopened incident is not resolved), its own
    // moment is when the event occurred unless already known (the first acknowledgement counts).
    const reached = INCIDENT_TIME_FIELDS.indexOf(field);
    for (const later of INCIDENT_TIME_FIELDS.slice(reached + 1)) {
      delete record[later];
    }
    record.status = status;
    record.statusChangedAt = occurredAt;
    if (record[field] === undefined || status === 'triggered') {
      record[field] =
        field === 'detectedAt'
          ? record.detectedAt
          : earliest(occurredAt, field, applied);
    }
    if (checkIncidentTimes(record, status)) {
      // A moment before an earlier stage's (clock skew at PagerDuty, or an earlier stage's moment
      // corrected in Backstage to a later one): take the latest earlier stage's moment.
      record[field] = latestMomentBefore(record, field);
      if (checkIncidentTimes(record, status)) return { action: 'none' };
    }
    return {
      action: 'update',
      record,
      timeline: [
        entry({
          type: 'status',
          status,
          message: `${type} in PagerDuty: ${current.status} → ${status}`,
        }),
      ],
    };
  }

  private create(
    event: HandledEvent,
    entry: (
      fields: Omit<IncidentTimelineEntry, 'at' | 'actor'>,
    ) => IncidentTimelineEntry,
  ): ExternalEventDecision {
    const { data, occurredAt, createdAt } = event;
    // Created after the event that announces it: the sender's clocks disagree; the event's holds.
    const detectedAt =
      createdAt === undefined || createdAt.getTime() > Date.parse(occurredAt)
        ? occurredAt
        : createdAt.toISOString();
    const number = pagerDutyIncidentNumber(data.number);
    const status: IncidentStatus =
      STATUS_EVENTS[event.type] ??
      (['triggered', 'acknowledged', 'resolved'].includes(data.status)
        ? data.status
        : 'triggered');
    const record: IncidentRecord = withoutUndefined({
      entityRef: event.entityRef!,
      affectedEntityRefs: [],
      title: line(data.title, 200) || `PagerDuty incident ${event.externalId}`,
      severity: this.severityOf(data),
      status,
      statusChangedAt: occurredAt,
      detectedAt,
      affectedSloIds: [],
      fireDrill: false,
      source: 'pagerduty',
      externalId: event.externalId,
      externalUrl: httpUrl(data.html_url),
    });
    const field = incidentStatusTimeField(status);
    if (field !== 'detectedAt') record[field] = occurredAt;
    return {
      action: 'create',
      record,
      timeline: [
        entry({
          type: 'created',
          status,
          message: `From PagerDuty (${event.type}${
            number ? `, #${number}` : ''
          }): ${record.severity}, ${status}`,
        }),
      ],
    };
  }
}

/** A refusal as an audit event records it: its stack says nothing about the server. */
function stackless<E extends Error>(error: E): E {
  delete error.stack;
  return error;
}

function toRecord(incident: Incident): IncidentRecord {
  const {
    id,
    version,
    createdAt,
    updatedAt,
    timeline,
    actionItems,
    ...record
  } = incident;
  return record;
}
