import {
  Incident,
  IncidentActionItem,
  IncidentBudgetImpact,
  IncidentSeverity,
  IncidentSource,
  IncidentStatus,
  IncidentTimelineEntry,
} from '@stewardship/backstage-plugin-stewardship-common';

/** An incident's stored fields, as the service has validated them. */
export type IncidentRecord = Omit<
  Incident,
  | 'id'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'timeline'
  | 'actionItems'
  | 'budgetImpact'
>;

/** An action item's stored fields. */
export type ActionItemRecord = Omit<
  IncidentActionItem,
  'id' | 'incidentId' | 'createdAt' | 'updatedAt'
>;

/** Filters of {@link IncidentStore.listIncidents}; all optional. */
export interface IncidentFilter {
  entityRef?: string;
  /** Only incidents of these entities (those the caller can see). */
  entityRefs?: readonly string[];
  status?: IncidentStatus;
  severity?: IncidentSeverity;
  /** detectedAt ≥ from */
  from?: Date;
  /** detectedAt < to */
  to?: Date;
  fireDrill?: boolean;
  /** Also read each incident's stored budget impacts (the planning review's costs). */
  withBudgetImpact?: boolean;
  offset?: number;
  limit?: number;
}

/** A webhook event, identified by its source and id. */
export interface ExternalEvent {
  source: IncidentSource;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  /** The incident's id in the source system. */
  externalId: string;
}

/** An event already applied to an incident, in the order it was received. */
export interface AppliedExternalEvent {
  eventType: string;
  /** When it occurred at the source, ISO 8601. */
  occurredAt: string;
}

/** What to do with an event, decided from the incident it concerns (if stored). */
export type ExternalEventDecision =
  | {
      action: 'create';
      record: IncidentRecord;
      timeline: IncidentTimelineEntry[];
    }
  | {
      action: 'update';
      record: IncidentRecord;
      timeline: IncidentTimelineEntry[];
    }
  /** Nothing to change (still recorded, so a redelivery is a duplicate). */
  | { action: 'none'; timeline?: IncidentTimelineEntry[] }
  /** Not recorded at all (e.g. an event for an incident never seen): a redelivery is decided again. */
  | { action: 'ignore' };

/** The outcome of {@link IncidentStore.applyExternalEvent}. */
export type ExternalEventOutcome =
  | { outcome: 'duplicate' }
  | { outcome: 'ignored' }
  | { outcome: 'created' | 'updated' | 'unchanged'; incident: Incident };

/** An open action item with the incident it came from, for the backlog. */
export interface OpenActionItem extends IncidentActionItem {
  incidentTitle: string;
  incidentSeverity: IncidentSeverity;
}

/** Persistence of incidents, their timelines and action items. */
export interface IncidentStore {
  /** Open action items of the entity's incidents, oldest first. */
  listOpenActionItems(entityRef: string): Promise<OpenActionItem[]>;

  /** Stores a new incident (version 1) with the timeline entries given (its `created` entry first). */
  createIncident(
    record: IncidentRecord,
    actor: string,
    timeline?: IncidentTimelineEntry[],
  ): Promise<Incident>;

  /** One incident with its timeline and action items, or undefined. */
  getIncident(id: string): Promise<Incident | undefined>;

  /** Every entity that has incidents (lower-case refs). */
  listIncidentEntityRefs(): Promise<string[]>;

  /** Incidents, newest detected first, without timelines and action items. */
  listIncidents(
    filter: IncidentFilter,
  ): Promise<{ items: Incident[]; totalCount: number }>;

  /**
   * Replaces an incident's fields when `expectedVersion` is its version, adding the timeline
   * entries; NotFoundError when absent, ConflictError when stale.
   */
  updateIncident(
    id: string,
    expectedVersion: number,
    record: IncidentRecord,
    timeline: IncidentTimelineEntry[],
  ): Promise<Incident>;

  /**
   * Resolved incidents with affected SLOs and no stored cost, the latest resolved first (then by
   * id), without timelines and action items: what the budget-cost backfill works through.
   */
  listResolvedWithoutBudgetImpact(page: {
    offset: number;
    limit: number;
  }): Promise<Incident[]>;

  /**
   * Stores what a resolved incident cost its SLOs, if it is still at `version` (a change since
   * clears it anyway); returns whether it was stored. Does not change the version.
   */
  saveBudgetImpact(
    id: string,
    version: number,
    impacts: IncidentBudgetImpact[],
  ): Promise<boolean>;

  /**
   * Adds an action item and an `action-item` timeline entry; NotFoundError for no incident. With
   * `expectedEntityRef` (the entity whose permission was checked), ConflictError when the incident
   * has been moved to another entity since.
   */
  addActionItem(
    incidentId: string,
    item: ActionItemRecord,
    entry: IncidentTimelineEntry,
    options?: { expectedEntityRef?: string },
  ): Promise<IncidentActionItem>;

  /**
   * Replaces an action item's fields with what `change` makes of the stored item, and adds its
   * timeline entry; `change` answering undefined (nothing would change) writes nothing and
   * answers the item as stored. NotFoundError when the incident has no such item; with
   * `expectedEntityRef`, ConflictError when the incident has been moved to another entity since
   * it was checked.
   */
  updateActionItem(
    incidentId: string,
    itemId: string,
    change: (current: IncidentActionItem) =>
      | {
          item: ActionItemRecord;
          entry: IncidentTimelineEntry;
        }
      | undefined,
    options?: { expectedEntityRef?: string },
  ): Promise<IncidentActionItem>;

  /**
   * Applies a webhook event exactly once: in one transaction, records the event id (a second
   * delivery is a `duplicate`), reads the incident with that external id and the events of its
   * source already applied to it, and writes what `decide` returns.
   */
  applyExternalEvent(
    event: ExternalEvent,
    decide: (
      current: Incident | undefined,
      applied: AppliedExternalEvent[],
    ) => ExternalEventDecision,
  ): Promise<ExternalEventOutcome>;
}
