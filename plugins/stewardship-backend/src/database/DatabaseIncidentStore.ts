import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentActionItem,
  IncidentBudgetImpact,
  IncidentTimelineEntry,
} from '@stewardship/backstage-plugin-stewardship-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import {
  ActionItemRecord,
  AppliedExternalEvent,
  ExternalEvent,
  ExternalEventDecision,
  ExternalEventOutcome,
  IncidentFilter,
  IncidentRecord,
  IncidentStore,
  OpenActionItem,
} from './IncidentStore';
import { withoutUndefined } from '../lib/withoutUndefined';
import { staleReadConflict } from '../lib/staleReadConflict';
import { isUniqueViolation } from './isUniqueViolation';
import { migrateToLatest } from './migrateToLatest';

type Ms = number | string;

interface IncidentRow {
  id: string;
  entity_ref: string;
  affected_entity_refs: string;
  title: string;
  description: string | null;
  severity: string;
  status: string;
  status_changed_at: Ms;
  started_at: Ms | null;
  detected_at: Ms;
  acknowledged_at: Ms | null;
  mitigated_at: Ms | null;
  resolved_at: Ms | null;
  affected_slo_ids: string;
  postmortem_url: string | null;
  fire_drill: boolean | number;
  source: string;
  external_id: string | null;
  external_url: string | null;
  version: number;
  created_by: string;
  created_at: Ms;
  updated_at: Ms;
  /** JSON IncidentBudgetImpact[], once resolved and computed. */
  budget_impact?: string | null;
}

interface TimelineRow {
  id?: number | string;
  incident_id: string;
  at: Ms;
  type: string;
  actor: string;
  status: string | null;
  message: string;
}

interface ActionItemRow {
  id: string;
  incident_id: string;
  title: string;
  owner_ref: string | null;
  due_date: string | null;
  status: string;
  link: string | null;
  created_at: Ms;
  updated_at: Ms;
}

interface WebhookEventRow {
  source: string;
  event_id: string;
  event_type: string;
  occurred_at: Ms;
  received_at: Ms;
  incident_id: string | null;
}

/** PostgreSQL returns bigint columns as strings. */
const iso = (value: Ms) => new Date(Number(value)).toISOString();
const optionalIso = (value: Ms | null) =>
  value === null ? undefined : iso(value);
const msOf = (value: string | undefined) =>
  value === undefined ? null : Date.parse(value);
const optional = <T>(value: T | null) => (value === null ? undefined : value);

function toIncident(row: IncidentRow): Incident {
  const incident: Incident = {
    id: row.id,
    version: Number(row.version),
    entityRef: row.entity_ref,
    affectedEntityRefs: JSON.parse(row.affected_entity_refs),
    title: row.title,
    description: optional(row.description),
    severity: row.severity as Incident['severity'],
    status: row.status as Incident['status'],
    statusChangedAt: iso(row.status_changed_at),
    startedAt: optionalIso(row.started_at),
    detectedAt: iso(row.detected_at),
    acknowledgedAt: optionalIso(row.acknowledged_at),
    mitigatedAt: optionalIso(row.mitigated_at),
    resolvedAt: optionalIso(row.resolved_at),
    affectedSloIds: JSON.parse(row.affected_slo_ids),
    postmortemUrl: optional(row.postmortem_url),
    fireDrill: Boolean(row.fire_drill),
    source: row.source as Incident['source'],
    externalId: optional(row.external_id),
    externalUrl: optional(row.external_url),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
  return withoutUndefined(incident);
}

/**
 * What an incident's budget cost is computed from: its span (start or detection to resolution),
 * whether it is resolved, and its affected SLOs.
 */
const COST_COLUMNS = [
  'status',
  'started_at',
  'detected_at',
  'resolved_at',
  'affected_slo_ids',
] as const;

function toRecordRow(
  record: IncidentRecord,
): Omit<
  IncidentRow,
  'id' | 'version' | 'created_by' | 'created_at' | 'updated_at'
> {
  return {
    entity_ref: record.entityRef,
    affected_entity_refs: JSON.stringify(record.affectedEntityRefs),
    title: record.title,
    description: record.description ?? null,
    severity: record.severity,
    status: record.status,
    status_changed_at: Date.parse(record.statusChangedAt),
    started_at: msOf(record.startedAt),
    detected_at: Date.parse(record.detectedAt),
    acknowledged_at: msOf(record.acknowledgedAt),
    mitigated_at: msOf(record.mitigatedAt),
    resolved_at: msOf(record.resolvedAt),
    affected_slo_ids: JSON.stringify(record.affectedSloIds),
    postmortem_url: record.postmortemUrl ?? null,
    fire_drill: record.fireDrill,
    source: record.source,
    external_id: record.externalId ?? null,
    external_url: record.externalUrl ?? null,
  };
}

function toTimelineEntry(row: TimelineRow): IncidentTimelineEntry {
  return {
    at: iso(row.at),
    type: row.type as IncidentTimelineEntry['type'],
    actor: row.actor,
    ...(row.status !== null && {
      status: row.status as IncidentTimelineEntry['status'],
    }),
    message: row.message,
  };
}

function toActionItem(row: ActionItemRow): IncidentActionItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    ...(row.owner_ref !== null && { ownerRef: row.owner_ref }),
    ...(row.due_date !== null && { dueDate: row.due_date }),
    status: row.status as IncidentActionItem['status'],
    ...(row.link !== null && { link: row.link }),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toActionItemRow(item: ActionItemRecord) {
  return {
    title: item.title,
    owner_ref: item.ownerRef ?? null,
    due_date: item.dueDate ?? null,
    status: item.status,
    link: item.link ?? null,
  };
}

/** The knex-backed {@link IncidentStore}, on SQLite or PostgreSQL. */
export class DatabaseIncidentStore implements IncidentStore {
  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  /** A store on an already migrated database; `StewardshipDatabase` hands it out. */
  static fromClient(
    client: Knex,
    now: () => Date = () => new Date(),
  ): DatabaseIncidentStore {
    return new DatabaseIncidentStore(client, now);
  }

  /** For tests that hand in a knex instance (and optionally a clock): migrates it first. */
  static async forTest(
    client: Knex,
    now: () => Date = () => new Date(),
  ): Promise<DatabaseIncidentStore> {
    await migrateToLatest(client);
    return new DatabaseIncidentStore(client, now);
  }

  async createIncident(
    record: IncidentRecord,
    actor: string,
    timeline: IncidentTimelineEntry[] = [],
  ): Promise<Incident> {
    try {
      return await this.db.transaction(tx =>
        this.insertIncident(tx, record, actor, timeline),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `An incident from ${record.source} with externalId "${record.externalId}" is already stored`,
        );
      }
      throw error;
    }
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const row = await this.db<IncidentRow>('incidents').where({ id }).first();
    if (!row) return undefined;
    const [timeline, items] = await Promise.all([
      this.db<TimelineRow>('incident_timeline')
        .where({ incident_id: id })
        .orderBy([
          { column: 'at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ]),
      this.db<ActionItemRow>('incident_action_items')
        .where({ incident_id: id })
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ]),
    ]);
    return {
      ...toIncident(row),
      timeline: timeline.map(toTimelineEntry),
      actionItems: items.map(toActionItem),
      ...(row.budget_impact && {
        budgetImpact: (
          JSON.parse(row.budget_impact) as IncidentBudgetImpact[]
        ).map(impact => ({ ...impact, stored: true })),
      }),
    };
  }

  async listIncidentEntityRefs(): Promise<string[]> {
    const rows = await this.db<IncidentRow>('incidents')
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async listOpenActionItems(entityRef: string): Promise<OpenActionItem[]> {
    const rows: Array<
      ActionItemRow & { incident_title: string; incident_severity: string }
    > = await this.db('incident_action_items as a')
      .join('incidents as i', 'i.id', 'a.incident_id')
      .where('i.entity_ref', entityRef)
      .andWhere('a.status', 'open')
      .select('a.*', {
        incident_title: 'i.title',
        incident_severity: 'i.severity',
      })
      .orderBy([
        { column: 'a.created_at', order: 'asc' },
        { column: 'a.id', order: 'asc' },
      ]);
    return rows.map(row => ({
      ...toActionItem(row),
      incidentTitle: row.incident_title,
      incidentSeverity: row.incident_severity as Incident['severity'],
    }));
  }

  async listIncidents(
    filter: IncidentFilter,
  ): Promise<{ items: Incident[]; totalCount: number }> {
    const query = this.db<IncidentRow>('incidents');
    if (filter.entityRef !== undefined) {
      query.where({ entity_ref: filter.entityRef });
    }
    if (filter.entityRefs !== undefined) {
      query.whereIn('entity_ref', filter.entityRefs);
    }
    if (filter.status !== undefined) query.where({ status: filter.status });
    if (filter.severity !== undefined) {
      query.where({ severity: filter.severity });
    }
    if (filter.from !== undefined) {
      query.where('detected_at', '>=', filter.from.getTime());
    }
    if (filter.to !== undefined) {
      query.where('detected_at', '<', filter.to.getTime());
    }
    if (filter.fireDrill !== undefined) {
      query.where({ fire_drill: filter.fireDrill });
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .orderBy([
        { column: 'detected_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .offset(filter.offset ?? 0)
      .limit(filter.limit ?? 1_000_000);
    const items = rows.map(row => ({
      ...toIncident(row),
      ...(filter.withBudgetImpact &&
        row.budget_impact && {
          budgetImpact: (
            JSON.parse(row.budget_impact) as IncidentBudgetImpact[]
          ).map(impact => ({ ...impact, stored: true })),
        }),
    }));
    return { items, totalCount: Number(count) };
  }

  async updateIncident(
    id: string,
    expectedVersion: number,
    record: IncidentRecord,
    timeline: IncidentTimelineEntry[],
  ): Promise<Incident> {
    try {
      return await this.db.transaction(async tx => {
        // Locked (PostgreSQL): a concurrent writer waits, then meets the version this one wrote
        // and its conflict names that version, not the one both read.
        const current = await tx<IncidentRow>('incidents')
          .where({ id })
          .forUpdate()
          .first();
        if (!current) throw new NotFoundError(`No incident with id ${id}`);
        return await this.writeUpdate(
          tx,
          current,
          expectedVersion,
          record,
          timeline,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `An incident from ${record.source} with externalId "${record.externalId}" is already stored`,
        );
      }
      throw error;
    }
  }

  async listResolvedWithoutBudgetImpact(page: {
    offset: number;
    limit: number;
  }): Promise<Incident[]> {
    const rows = await this.db<IncidentRow>('incidents')
      .where({ status: 'resolved' })
      .whereNull('budget_impact')
      // Written by JSON.stringify: an incident without affected SLOs has nothing to cost.
      .whereNot({ affected_slo_ids: '[]' })
      .orderBy([
        { column: 'resolved_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .offset(page.offset)
      .limit(page.limit);
    return rows.map(toIncident);
  }

  async saveBudgetImpact(
    id: string,
    version: number,
    impacts: IncidentBudgetImpact[],
  ): Promise<boolean> {
    const updated = await this.db<IncidentRow>('incidents')
      .where({ id, version })
      .update({ budget_impact: JSON.stringify(impacts) });
    return updated === 1;
  }

  async addActionItem(
    incidentId: string,
    item: ActionItemRecord,
    entry: IncidentTimelineEntry,
    options: { expectedEntityRef?: string } = {},
  ): Promise<IncidentActionItem> {
    const now = this.now().getTime();
    return this.db.transaction(async tx => {
      await this.lockIncident(tx, incidentId, options.expectedEntityRef);
      const row: ActionItemRow = {
        id: randomUUID(),
        incident_id: incidentId,
        ...toActionItemRow(item),
        created_at: now,
        updated_at: now,
      };
      await tx<ActionItemRow>('incident_action_items').insert(row);
      await this.insertTimeline(tx, incidentId, [entry]);
      await this.touch(tx, incidentId, now);
      return toActionItem(row);
    });
  }

  async updateActionItem(
    incidentId: string,
    itemId: string,
    change: (current: IncidentActionItem) =>
      | {
          item: ActionItemRecord;
          entry: IncidentTimelineEntry;
        }
      | undefined,
    options: { expectedEntityRef?: string } = {},
  ): Promise<IncidentActionItem> {
    const now = this.now().getTime();
    return this.db.transaction(async tx => {
      await this.lockIncident(tx, incidentId, options.expectedEntityRef);
      // Locked (PostgreSQL) for the read-modify-write: two concurrent changes of one item (its
      // status, its title) both land, and an identical one finds nothing left to change.
      const current = await tx<ActionItemRow>('incident_action_items')
        .where({ id: itemId, incident_id: incidentId })
        .forUpdate()
        .first();
      if (!current) {
        throw new NotFoundError(
          `Incident ${incidentId} has no action item with id ${itemId}`,
        );
      }
      const changed = change(toActionItem(current));
      if (!changed) return toActionItem(current);
      const { item, entry } = changed;
      const row: ActionItemRow = {
        ...current,
        ...toActionItemRow(item),
        updated_at: now,
      };
      await tx<ActionItemRow>('incident_action_items')
        .where({ id: itemId })
        .update(row);
      await this.insertTimeline(tx, incidentId, [entry]);
      await this.touch(tx, incidentId, now);
      return toActionItem(row);
    });
  }

  async applyExternalEvent(
    event: ExternalEvent,
    decide: (
      current: Incident | undefined,
      applied: AppliedExternalEvent[],
    ) => ExternalEventDecision,
  ): Promise<ExternalEventOutcome> {
    // A concurrent first event for the same incident can win the insert; the second attempt
    // then sees the incident (or the event) the other one stored.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(tx =>
          this.applyInTransaction(tx, event, decide),
        );
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  private async applyInTransaction(
    tx: Knex.Transaction,
    event: ExternalEvent,
    decide: (
      current: Incident | undefined,
      applied: AppliedExternalEvent[],
    ) => ExternalEventDecision,
  ): Promise<ExternalEventOutcome> {
    // The incident is locked (PostgreSQL) first: concurrent events for it are applied one after
    // the other, each deciding from what the previous one wrote (its version, its applied
    // events), and a concurrent redelivery of the same event then finds it applied.
    const row = await tx<IncidentRow>('incidents')
      .where({ source: event.source, external_id: event.externalId })
      .forUpdate()
      .first();
    const seen = await tx<WebhookEventRow>('incident_webhook_events')
      .where({ source: event.source, event_id: event.eventId })
      .first();
    if (seen) return { outcome: 'duplicate' };
    const applied: AppliedExternalEvent[] = row
      ? (
          await tx<WebhookEventRow>('incident_webhook_events')
            .where({ source: event.source, incident_id: row.id })
            .orderBy([
              { column: 'received_at', order: 'asc' },
              { column: 'event_id', order: 'asc' },
            ])
            .select('event_type', 'occurred_at')
        ).map(appliedRow => ({
          eventType: appliedRow.event_type,
          occurredAt: iso(appliedRow.occurred_at),
        }))
      : [];
    const decision = decide(row ? toIncident(row) : undefined, applied);
    if (decision.action === 'ignore') return { outcome: 'ignored' };

    let result: ExternalEventOutcome;
    if (decision.action === 'create') {
      const incident = await this.insertIncident(
        tx,
        decision.record,
        decision.timeline[0]?.actor ?? event.source,
        decision.timeline,
      );
      result = { outcome: 'created', incident };
    } else if (decision.action === 'update' && row) {
      const incident = await this.writeUpdate(
        tx,
        row,
        Number(row.version),
        decision.record,
        decision.timeline,
      );
      result = { outcome: 'updated', incident };
    } else {
      if (row && decision.timeline?.length) {
        await this.insertTimeline(tx, row.id, decision.timeline);
      }
      if (!row) return { outcome: 'ignored' };
      result = { outcome: 'unchanged', incident: toIncident(row) };
    }
    await tx<WebhookEventRow>('incident_webhook_events').insert({
      source: event.source,
      event_id: event.eventId,
      event_type: event.eventType,
      occurred_at: event.occurredAt.getTime(),
      received_at: this.now().getTime(),
      incident_id: result.incident.id,
    });
    return result;
  }

  private async insertIncident(
    tx: Knex.Transaction,
    record: IncidentRecord,
    actor: string,
    timeline: IncidentTimelineEntry[],
  ): Promise<Incident> {
    const now = this.now().getTime();
    const row: IncidentRow = {
      id: randomUUID(),
      ...toRecordRow(record),
      version: 1,
      created_by: actor,
      created_at: now,
      updated_at: now,
    };
    await tx<IncidentRow>('incidents').insert(row);
    await this.insertTimeline(tx, row.id, timeline);
    return toIncident(row);
  }

  private async writeUpdate(
    tx: Knex.Transaction,
    current: IncidentRow,
    expectedVersion: number,
    record: IncidentRecord,
    timeline: IncidentTimelineEntry[],
  ): Promise<Incident> {
    const now = this.now().getTime();
    const recordRow = toRecordRow(record);
    const change = {
      ...recordRow,
      version: expectedVersion + 1,
      updated_at: now,
      // Computed again once what it is computed from changes; a note, a title or another
      // severity leaves it (the metric source may no longer hold the incident's span).
      ...(COST_COLUMNS.some(
        column => String(current[column]) !== String(recordRow[column]),
      ) && { budget_impact: null }),
    };
    // The version check is in the UPDATE itself, so two concurrent writers cannot both win.
    const updated = await tx<IncidentRow>('incidents')
      .where({ id: current.id, version: expectedVersion })
      .update(change);
    if (updated !== 1) {
      throw staleReadConflict(
        `Incident ${current.id} is at version ${current.version}, not ${expectedVersion}: it changed since you read it`,
      );
    }
    await this.insertTimeline(tx, current.id, timeline);
    return toIncident({ ...current, ...change });
  }

  private async insertTimeline(
    tx: Knex.Transaction,
    incidentId: string,
    entries: IncidentTimelineEntry[],
  ) {
    if (entries.length === 0) return;
    await tx<TimelineRow>('incident_timeline').insert(
      entries.map(entry => ({
        incident_id: incidentId,
        at: Date.parse(entry.at),
        type: entry.type,
        actor: entry.actor,
        status: entry.status ?? null,
        message: entry.message,
      })),
    );
  }

  /**
   * Locks the incident (PostgreSQL) for an action item's write, so a move to another entity waits
   * for it or is seen by it; NotFoundError when absent. With `expectedEntityRef` (the entity the
   * caller's permission was decided on), a ConflictError when it has been moved since: the new
   * entity is not named, as the caller may not be allowed to read it.
   */
  private async lockIncident(
    tx: Knex.Transaction,
    id: string,
    expectedEntityRef: string | undefined,
  ) {
    const row = await tx<IncidentRow>('incidents')
      .where({ id })
      .forUpdate()
      .first('id', 'entity_ref');
    if (!row) throw new NotFoundError(`No incident with id ${id}`);
    if (
      expectedEntityRef !== undefined &&
      row.entity_ref !== expectedEntityRef
    ) {
      throw staleReadConflict(
        `Incident ${id} changed since you read it: it was moved to another entity`,
      );
    }
  }

  /** Action items change the incident's updatedAt, not its version (they are not its fields). */
  private async touch(tx: Knex.Transaction, id: string, now: number) {
    await tx<IncidentRow>('incidents')
      .where({ id })
      .update({ updated_at: now });
  }
}
