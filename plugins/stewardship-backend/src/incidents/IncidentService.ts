/*
 * The incident use cases behind the REST routes. Input the spec has already checked for shape is
 * checked here against the rules it cannot express (moments in order and not in the future,
 * entities in the catalog as the caller sees it, SLOs that exist), every problem a 400 naming its
 * field, before anything is written. Changes are whole-record writes guarded by the version the
 * client read.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  INCIDENT_FIGURES_DEFAULT_DAYS,
  INCIDENT_TIME_FIELDS,
  EntityIncidentSummary,
  Incident,
  IncidentActionItem,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
  IncidentBudgetImpact,
  IncidentCreateRequest,
  IncidentPatchRequest,
  IncidentTimelineEntry,
  checkIncidentTimes,
  incidentStatusTimeField,
  periodSpanProblem,
  summarizeIncidents,
  stewardshipIncidentCreatePermission,
  stewardshipIncidentUpdatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  IncidentFilter,
  IncidentRecord,
  IncidentStore,
} from '../database/IncidentStore';
import { SloStore } from '../database/SloStore';
import { CatalogVisibility } from '../lib/CatalogVisibility';
import { actorOf } from '../lib/actorOf';
import { EntityPermissions } from '../lib/EntityPermissions';
import { hiddenSloIds, readingEachSloOnce } from '../lib/hiddenSloIds';
import { storedUuid } from '../lib/storedUuid';
import { staleReadConflict } from '../lib/staleReadConflict';
import { withoutUndefined } from '../lib/withoutUndefined';
import { actionItemChange, newActionItem } from './actionItemChanges';
import {
  DELETED_SLO_REASON,
  HIDDEN_SLO_REASON,
  IncidentBudgetCalculator,
} from './IncidentBudgetCalculator';
import {
  checkFreeText,
  checkHttpUrl,
  checkLine,
  checkMoment,
  incidentEntityRef,
  ownerRef,
  ownerRefCandidates,
} from './incidentInput';
import { defaultPeriodStart, emptyPeriodError } from '../lib/reportPeriod';
import { asOfMoment } from '../slo/asOfMoment';

/** The record fields compared to say what a PATCH changed. */
const COMPARED: Array<keyof IncidentRecord> = [
  'entityRef',
  'affectedEntityRefs',
  'title',
  'description',
  'severity',
  ...INCIDENT_TIME_FIELDS,
  'affectedSloIds',
  'postmortemUrl',
  'fireDrill',
];

export class IncidentService {
  constructor(
    private readonly deps: {
      store: IncidentStore;
      slos: Pick<SloStore, 'getSlo'>;
      /** Which entities' incidents a caller may read. */
      visibility: CatalogVisibility;
      /** Decides who may record and change which entity's incidents. */
      permissions: EntityPermissions;
      /** Budget impact of incidents with affected SLOs; without it, none is reported. */
      budget?: IncidentBudgetCalculator;
      /**
       * The reader's on-demand allowance, drawn on for each metric source a read asks (an open
       * incident's cost, or a resolved one's not stored yet), and the reader's lane those reads
       * run in; without it, reads are not limited.
       */
      onDemandReads?: {
        takeOnDemandRead(credentials: BackstageCredentials): string | undefined;
        runOnDemandRead<T>(
          credentials: BackstageCredentials,
          read: () => Promise<T>,
        ): Promise<T>;
      };
      now?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  /**
   * Incidents of the entities the caller can see in the catalog, filtered and paged in the
   * database (so `totalCount` counts only those): one catalog read of every entity that has
   * incidents, or of the one asked for.
   */
  async list(
    filter: Omit<IncidentFilter, 'entityRef' | 'entityRefs'> & {
      entity?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<{ items: Incident[]; totalCount: number }> {
    const { entity, ...rest } = filter;
    if (rest.from && rest.to && rest.from >= rest.to) {
      throw new InputError(
        'Invalid query parameter "from": must be before "to"',
      );
    }
    const candidates =
      entity === undefined
        ? await this.deps.store.listIncidentEntityRefs()
        : [incidentEntityRef('Invalid query parameter "entity":', entity)];
    const hidden = new Set(
      candidates.length ? await this.invisible(candidates, credentials) : [],
    );
    // Resolved incidents' stored budget cost comes with the list, so a list needs no read per
    // incident to show it (an open incident's is computed by a single-incident read).
    const page = await this.deps.store.listIncidents({
      ...rest,
      entityRefs: candidates.filter(ref => !hidden.has(ref)),
      withBudgetImpact: true,
    });
    return {
      ...page,
      items: await this.withStoredImpactsWithheld(page.items, credentials),
    };
  }

  /**
   * An incident whose entity the caller can see (else NotFoundError), with what it cost its
   * affected SLOs: stored once it is resolved, computed for this read while it is open. With
   * `at` (a past "as of" moment, not before the incident started: else a 400) the cost is the
   * one up to that moment when the incident was still open then, computed for this read and never
   * stored; the record itself is always the current one.
   */
  async get(
    id: string,
    credentials: BackstageCredentials,
    options: { at?: Date } = {},
  ): Promise<Incident> {
    const at = options.at && asOfMoment(options.at, this.now());
    const incident = await this.visible(id, credentials);
    const until = at && this.costUntil(incident, at);
    const { budget } = this.deps;
    if (!budget || incident.affectedSloIds.length === 0) {
      return this.withStoredImpactWithheld(incident, credentials);
    }
    // An affected SLO of an entity the caller cannot see keeps its id (an edit keeps it listed)
    // but tells nothing else: no name, no figure, and its metric source is not asked.
    if (incident.budgetImpact && incident.status === 'resolved' && !until) {
      return this.withStoredImpactWithheld(incident, credentials);
    }
    // Each affected SLO read once for both steps.
    const slos = readingEachSloOnce(this.deps.slos);
    const hidden = await hiddenSloIds(incident.affectedSloIds, credentials, {
      ...this.deps,
      slos,
    });
    const { onDemandReads } = this.deps;
    const budgetImpact = await budget.impacts(incident, {
      hidden,
      slos,
      // The incident is answered whatever the allowance: an SLO beyond it is `no-data`, with why.
      takeRead:
        onDemandReads && (() => onDemandReads.takeOnDemandRead(credentials)),
      runRead:
        onDemandReads &&
        (read => onDemandReads.runOnDemandRead(credentials, read)),
      until,
    });
    if (
      !until &&
      hidden.size === 0 &&
      incident.status === 'resolved' &&
      budgetImpact.every(impact => impact.status === 'computed')
    ) {
      // Stored only when every figure is there: a source that was down is asked again next time.
      const stored = await this.deps.store.saveBudgetImpact(
        id,
        incident.version,
        budgetImpact,
      );
      if (stored) budgetImpact.forEach(impact => (impact.stored = true));
    }
    return { ...incident, budgetImpact };
  }

  /**
   * Where an "as of" read's cost ends: `at`, while the incident was open then; undefined when it
   * was resolved by then (its whole cost, stored or not). Before it started there is no cost to
   * tell: a 400.
   */
  private costUntil(incident: Incident, at: Date): Date | undefined {
    const start = incident.startedAt ?? incident.detectedAt;
    if (at.getTime() < Date.parse(start)) {
      throw new InputError(
        `Invalid query parameter "at": the incident started at ${start}, after that moment`,
      );
    }
    const resolvedBy =
      incident.resolvedAt !== undefined &&
      Date.parse(incident.resolvedAt) <= at.getTime();
    return resolvedBy ? undefined : at;
  }

  /** An incident whose entity the caller can see in the catalog; else NotFoundError. */
  private async visible(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const incident = await this.deps.store.getIncident(id);
    if (
      !incident ||
      (await this.invisible([incident.entityRef], credentials)).length
    ) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    return incident;
  }

  async create(
    body: IncidentCreateRequest,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const now = this.now();
    const status = body.status ?? 'triggered';
    const record: IncidentRecord = withoutUndefined({
      entityRef: incidentEntityRef('entityRef', body.entityRef),
      affectedEntityRefs: this.affectedRefs(body.affectedEntityRefs),
      title: checkLine('title', body.title),
      description:
        body.description === undefined
          ? undefined
          : checkFreeText('description', body.description),
      severity: body.severity,
      status,
      statusChangedAt: now.toISOString(),
      detectedAt: now.toISOString(),
      // In any case or urn:uuid: form the spec accepts, as stored.
      affectedSloIds: [...new Set((body.affectedSloIds ?? []).map(storedUuid))],
      postmortemUrl:
        body.postmortemUrl === undefined
          ? undefined
          : checkHttpUrl('postmortemUrl', body.postmortemUrl),
      fireDrill: body.fireDrill ?? false,
      source: incidentSource(body.source, credentials),
      externalId:
        body.externalId === undefined
          ? undefined
          : checkLine('externalId', body.externalId),
      externalUrl:
        body.externalUrl === undefined
          ? undefined
          : checkHttpUrl('externalUrl', body.externalUrl),
    });
    for (const field of INCIDENT_TIME_FIELDS) {
      const value = body[field];
      if (value !== undefined) record[field] = checkMoment(field, value, now);
    }
    // The moment of the status is now unless given.
    const statusField = incidentStatusTimeField(status);
    record[statusField] ??= now.toISOString();
    record.statusChangedAt = record[statusField]!;
    this.checkTimes(
      record,
      body.detectedAt === undefined
        ? '. detectedAt was not given, so it is the moment of recording: give it for an incident recorded after the fact'
        : '',
    );
    await this.checkReferences(record, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipIncidentCreatePermission,
      record.entityRef,
    );

    const actor = actorOf(credentials);
    return this.deps.store.createIncident(record, actor, [
      {
        at: now.toISOString(),
        type: 'created',
        actor,
        status,
        message: `Recorded as ${record.severity}, ${status}${
          record.fireDrill ? ' (fire drill)' : ''
        }`,
      },
    ]);
  }

  async update(
    id: string,
    body: IncidentPatchRequest,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const now = this.now();
    const current = await this.visible(id, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipIncidentUpdatePermission,
      current.entityRef,
    );
    if (body.version !== current.version) {
      throw staleReadConflict(
        `Incident ${id} is at version ${current.version}, not ${body.version}: it changed since you read it`,
      );
    }
    const { timeline, actionItems, budgetImpact, ...currentRecord } = current;
    const next: IncidentRecord & Partial<Incident> = { ...currentRecord };
    delete next.id;
    delete next.version;
    delete next.createdAt;
    delete next.updatedAt;

    if (body.entityRef !== undefined) {
      next.entityRef = incidentEntityRef('entityRef', body.entityRef);
    }
    if (body.affectedEntityRefs !== undefined) {
      next.affectedEntityRefs = this.affectedRefs(body.affectedEntityRefs);
    }
    if (body.title !== undefined) next.title = checkLine('title', body.title);
    if (body.description !== undefined) {
      next.description =
        body.description === null
          ? undefined
          : checkFreeText('description', body.description);
    }
    if (body.severity !== undefined) next.severity = body.severity;
    if (body.affectedSloIds !== undefined) {
      next.affectedSloIds = [...new Set(body.affectedSloIds.map(storedUuid))];
    }
    if (body.postmortemUrl !== undefined) {
      next.postmortemUrl =
        body.postmortemUrl === null
          ? undefined
          : checkHttpUrl('postmortemUrl', body.postmortemUrl);
    }
    if (body.fireDrill !== undefined) next.fireDrill = body.fireDrill;
    for (const field of INCIDENT_TIME_FIELDS) {
      const value = body[field];
      if (value === null) (next as Partial<IncidentRecord>)[field] = undefined;
      else if (value !== undefined)
        next[field] = checkMoment(field, value, now);
    }
    const note =
      body.note === undefined ? undefined : checkFreeText('note', body.note);

    const entries: IncidentTimelineEntry[] = [];
    const actor = actorOf(credentials);
    const at = now.toISOString();
    if (body.status !== undefined && body.status !== current.status) {
      next.status = body.status;
      const statusField = incidentStatusTimeField(body.status);
      next[statusField] ??= at;
      // The status changed at its moment when the change gives one ("resolved at 10:00", sent at
      // 10:30), as on POST, so a PagerDuty event from between the two still counts as newer. A
      // reopen (back to triggered, whose moment is the detection) changed it now.
      next.statusChangedAt =
        statusField !== 'detectedAt' && body[statusField]
          ? next[statusField]!
          : at;
      entries.push({
        at,
        type: 'status',
        actor,
        status: body.status,
        message: `Status ${current.status} → ${body.status}`,
      });
    }
    this.checkTimes(next);
    const changed = COMPARED.filter(
      field =>
        JSON.stringify(next[field]) !== JSON.stringify(currentRecord[field]),
    );
    if (changed.length) {
      entries.push({
        at,
        type: 'updated',
        actor,
        message: `Changed ${changed.join(', ')}`,
      });
    }
    if (note !== undefined) {
      entries.push({ at, type: 'note', actor, message: note });
    }
    if (entries.length === 0) {
      // Nothing to change: no new version. As stored, so what the caller may not see is withheld.
      return this.withStoredImpactWithheld(current, credentials);
    }
    await this.checkReferences(next, credentials, current);
    if (next.entityRef !== current.entityRef) {
      // Moving an incident to another entity records it there.
      await this.deps.permissions.authorize(
        credentials,
        stewardshipIncidentCreatePermission,
        next.entityRef,
      );
    }
    withoutUndefined(next);
    const updated = await this.deps.store.updateIncident(
      id,
      body.version,
      next,
      entries,
    );
    // The single-incident shape: what GET returns, with the new timeline entries.
    return {
      ...updated,
      timeline: [...(timeline ?? []), ...entries],
      actionItems: actionItems ?? [],
    };
  }

  async addActionItem(
    incidentId: string,
    body: IncidentActionItemCreateRequest,
    credentials: BackstageCredentials,
  ): Promise<IncidentActionItem> {
    const incident = await this.visible(incidentId, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipIncidentUpdatePermission,
      incident.entityRef,
    );
    const item = newActionItem(body);
    if (body.ownerRef !== undefined) {
      item.ownerRef = await this.catalogOwner(body.ownerRef, credentials);
    }
    // Only while the incident is on the entity the permission was decided on (else a 409).
    return this.deps.store.addActionItem(
      incidentId,
      item,
      {
        at: this.now().toISOString(),
        type: 'action-item',
        actor: actorOf(credentials),
        message: `Action item "${item.title}" added${
          item.ownerRef ? ` for ${item.ownerRef}` : ''
        }${item.dueDate ? `, due ${item.dueDate}` : ''}`,
      },
      { expectedEntityRef: incident.entityRef },
    );
  }

  async updateActionItem(
    incidentId: string,
    itemId: string,
    body: IncidentActionItemPatchRequest,
    credentials: BackstageCredentials,
  ): Promise<IncidentActionItem> {
    const incident = await this.visible(incidentId, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipIncidentUpdatePermission,
      incident.entityRef,
    );
    if (Object.keys(body).length === 0) {
      // Nothing to change: the item as it is.
      const item = incident.actionItems?.find(i => i.id === itemId);
      if (!item) {
        throw new NotFoundError(
          `Incident ${incidentId} has no action item with id ${itemId}`,
        );
      }
      return item;
    }
    const change = actionItemChange(body);
    // A new owner only: one already set stays, even if it has left the catalog since (the item
    // can still be closed). Kept unchecked only while it is still the stored owner (below).
    let uncheckedOwner: string | undefined;
    let catalogOwner: string | undefined;
    if (typeof body.ownerRef === 'string') {
      const owner = ownerRef('ownerRef', body.ownerRef);
      const current = incident.actionItems?.find(i => i.id === itemId);
      if (!current) {
        // The 404 the store would give, before a 400 about an owner of no item.
        throw new NotFoundError(
          `Incident ${incidentId} has no action item with id ${itemId}`,
        );
      }
      if (owner !== current.ownerRef) {
        catalogOwner = await this.catalogOwner(body.ownerRef, credentials);
      } else {
        uncheckedOwner = owner;
      }
    }
    // Only while the incident is on the entity the permission was decided on (else a 409).
    return this.deps.store.updateActionItem(
      incidentId,
      itemId,
      current => {
        // Someone changed the owner since it was read: the one sent, unchecked as the stored
        // owner, would now be a new owner nobody checked.
        if (
          uncheckedOwner !== undefined &&
          current.ownerRef !== uncheckedOwner
        ) {
          throw staleReadConflict(
            `The owner of action item ${itemId} changed since you read it`,
          );
        }
        const changed = change(current, catalogOwner);
        if (!changed) return undefined; // Sets what is stored: no write, no timeline entry.
        const { item, message } = changed;
        return {
          item,
          entry: {
            at: this.now().toISOString(),
            type: 'action-item',
            actor: actorOf(credentials),
            message,
          },
        };
      },
      { expectedEntityRef: incident.entityRef },
    );
  }

  /**
   * The figures of an entity the caller can see, over [from, to) (default the last 90 days, at
   * most MAX_PERIOD_DAYS).
   */
  async summary(
    entityRef: string,
    range: { from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ): Promise<EntityIncidentSummary> {
    if ((await this.invisible([entityRef], credentials)).length) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const to = range.to ?? this.now();
    const from =
      range.from ?? defaultPeriodStart(to, INCIDENT_FIGURES_DEFAULT_DAYS);
    if (from >= to) {
      throw emptyPeriodError(range);
    }
    // Every incident of the period is read: it may span at most MAX_PERIOD_DAYS.
    const tooLong = periodSpanProblem(from, to);
    if (tooLong) {
      throw new InputError(`Invalid query parameter "from": ${tooLong}`);
    }
    const { items } = await this.deps.store.listIncidents({
      entityRef,
      from,
      to,
    });
    return { entityRef, ...summarizeIncidents(items, { from, to }) };
  }

  private affectedRefs(refs: string[] | undefined): string[] {
    const normalised = (refs ?? []).map((ref, index) =>
      incidentEntityRef(`affectedEntityRefs/${index}`, ref),
    );
    return [...new Set(normalised)];
  }

  /** A 400 for moments out of order; `detectedAtNote` follows a problem naming detectedAt. */
  private checkTimes(record: IncidentRecord, detectedAtNote = '') {
    const problem = checkIncidentTimes(record, record.status);
    if (problem) {
      const note = problem.message.includes('detectedAt') ? detectedAtNote : '';
      throw new InputError(`Invalid incident: ${problem.message}${note}`);
    }
  }

  /**
   * Entities in the catalog as the caller sees it, and SLOs that exist: on a change, only the
   * affected entities and SLOs it adds.
   */
  private async checkReferences(
    record: IncidentRecord,
    credentials: BackstageCredentials,
    current?: Incident,
  ) {
    // An affected entity already listed stays, as an affected SLO does: its recorder may have seen
    // what this caller cannot, or it may have left the catalog since, and neither may stop an
    // owner from resolving the incident. Compared as the catalog compares refs.
    const listed = new Set(
      current?.affectedEntityRefs.map(ref => ref.toLowerCase()),
    );
    const refs = [
      { field: 'entityRef', ref: record.entityRef },
      ...record.affectedEntityRefs
        .map((ref, index) => ({ field: `affectedEntityRefs/${index}`, ref }))
        .filter(({ ref }) => !listed.has(ref.toLowerCase())),
    ];
    const missing = new Set(
      await this.invisible(
        refs.map(({ ref }) => ref),
        credentials,
      ),
    );
    const first = refs.find(({ ref }) => missing.has(ref));
    if (first) {
      throw new InputError(
        `${first.field}: ${first.ref} is not in the catalog`,
      );
    }
    // New ones only: an SLO already listed stays, even one this caller cannot see. One the caller
    // cannot see is told apart from an unknown id by nothing, as its reads answer 404.
    const added = record.affectedSloIds
      .map((sloId, index) => ({ sloId, index }))
      .filter(({ sloId }) => !current?.affectedSloIds.includes(sloId));
    const hidden = await hiddenSloIds(
      added.map(({ sloId }) => sloId),
      credentials,
      this.deps,
      { missingAsHidden: true },
    );
    const unknown = added.find(({ sloId }) => hidden.has(sloId));
    if (unknown) {
      throw new InputError(
        `affectedSloIds/${unknown.index}: no SLO with id ${unknown.sloId}`,
      );
    }
  }

  /**
   * The incidents with the stored budget cost of SLOs the caller cannot see withheld (one
   * visibility check for all of them), and of deleted SLOs too: whose entity they were on is no
   * longer known, so nothing says the caller may see it.
   */
  private async withStoredImpactsWithheld(
    incidents: Incident[],
    credentials: BackstageCredentials,
  ): Promise<Incident[]> {
    const sloIds = incidents.flatMap(
      i => i.budgetImpact?.map(b => b.sloId) ?? [],
    );
    if (sloIds.length === 0) return incidents;
    const slos = readingEachSloOnce(this.deps.slos);
    const hidden = await hiddenSloIds(
      sloIds,
      credentials,
      { ...this.deps, slos },
      { missingAsHidden: true },
    );
    if (hidden.size === 0) return incidents;
    // Read already (once each): which of the hidden ones no longer exist.
    const deleted = new Set<string>();
    for (const sloId of hidden) {
      if (!(await slos.getSlo(sloId))) deleted.add(sloId);
    }
    const reasonFor = (sloId: string) =>
      deleted.has(sloId) ? DELETED_SLO_REASON : HIDDEN_SLO_REASON;
    return incidents.map(incident =>
      incident.budgetImpact?.some(impact => hidden.has(impact.sloId))
        ? {
            ...incident,
            budgetImpact: incident.budgetImpact.map(impact =>
              hidden.has(impact.sloId)
                ? withheldImpact(impact, reasonFor(impact.sloId))
                : impact,
            ),
          }
        : incident,
    );
  }

  /** One incident with {@link IncidentService.withStoredImpactsWithheld} applied. */
  private async withStoredImpactWithheld(
    incident: Incident,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const [withheld] = await this.withStoredImpactsWithheld(
      [incident],
      credentials,
    );
    return withheld;
  }

  /**
   * The owner an action item's `ownerRef` names: a user or group in the catalog as the caller
   * sees it (its kind is checked with the body), else a 400 naming the field, as for the
   * incident's entities. A bare name is the group of that name, or the user when the caller sees
   * no such group but that user.
   */
  private async catalogOwner(
    value: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const candidates = ownerRefCandidates('ownerRef', value);
    const readable = await this.deps.visibility.readableRefs(
      candidates,
      credentials,
    );
    const found = candidates.find(ref => readable.has(ref));
    if (found) return found;
    throw new InputError(
      candidates.length === 1
        ? `ownerRef: ${candidates[0]} is not in the catalog`
        : `ownerRef: neither ${candidates.join(' nor ')} is in the catalog`,
    );
  }

  /** The refs the caller cannot see in the catalog. */
  private async invisible(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const readable = await this.deps.visibility.readableRefs(refs, credentials);
    return refs.filter(ref => !readable.has(ref));
  }
}

/**
 * What a reader who cannot see an affected SLO's entity (or the SLO, deleted) is told of its
 * budget impact: no name, no figure, the reason.
 */
function withheldImpact(
  impact: IncidentBudgetImpact,
  reason: string,
): IncidentBudgetImpact {
  return {
    sloId: impact.sloId,
    status: 'no-data',
    reason,
    incidentWindow: impact.incidentWindow,
    computedAt: impact.computedAt,
    stored: impact.stored,
  };
}

/**
 * How an incident recorded through the API was recorded: `api` for a tool (service credentials),
 * `manual` for a person, by default. Only a tool may say `api`: external ids are unique per
 * source, so a user who could record as `api` could take an id a tool will send later (an
 * Opsgenie tinyId is easy to guess) and have the tool's real incident refused with a 409. A user
 * may say `manual`, a tool either.
 */
function incidentSource(
  requested: 'manual' | 'api' | undefined,
  credentials: BackstageCredentials,
): 'manual' | 'api' {
  const isTool =
    (credentials.principal as { type?: string }).type === 'service';
  if (requested === 'api' && !isTool) {
    throw new InputError(
      'source: "api" is for incidents recorded by a tool with service credentials; an incident recorded by a person is "manual"',
    );
  }
  return requested ?? (isTool ? 'api' : 'manual');
}
