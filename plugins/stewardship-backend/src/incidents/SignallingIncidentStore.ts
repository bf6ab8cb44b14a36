/*
 * An IncidentStore that tells open browser tabs when incidents changed: after every write that
 * changed something (a user's or a tool's, or a PagerDuty event that was applied) it publishes a
 * broadcast signal on the channel `stewardship:incidents`, and the UI reads its incidents again.
 *
 * The message names no incident or entity: signals go to every signed-in user, including those
 * who may not see the entity, so it only says "something changed" and each tab asks the API (with
 * its own credentials) what it may see. A failed publish is logged and never fails the write.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Incident,
  IncidentActionItem,
  IncidentBudgetImpact,
  IncidentTimelineEntry,
  STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL,
  StewardshipSignalMessage,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  ActionItemRecord,
  ExternalEvent,
  ExternalEventOutcome,
  IncidentFilter,
  IncidentRecord,
  IncidentStore,
  OpenActionItem,
} from '../database/IncidentStore';

export class SignallingIncidentStore implements IncidentStore {
  constructor(
    private readonly store: IncidentStore,
    private readonly signals: Pick<SignalsService, 'publish'>,
    private readonly logger: LoggerService,
  ) {}

  private async changed<T>(result: T): Promise<T> {
    try {
      await this.signals.publish<StewardshipSignalMessage>({
        recipients: { type: 'broadcast' },
        channel: STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL,
        message: { type: 'incidents-changed' },
      });
    } catch (error) {
      this.logger.warn(
        `Could not signal an incident change on ${STEWARDSHIP_INCIDENTS_SIGNAL_CHANNEL}: ${error}`,
      );
    }
    return result;
  }

  listOpenActionItems(entityRef: string): Promise<OpenActionItem[]> {
    return this.store.listOpenActionItems(entityRef);
  }

  async createIncident(
    record: IncidentRecord,
    actor: string,
    timeline?: IncidentTimelineEntry[],
  ): Promise<Incident> {
    return this.changed(
      await this.store.createIncident(record, actor, timeline),
    );
  }

  getIncident(id: string): Promise<Incident | undefined> {
    return this.store.getIncident(id);
  }

  listIncidentEntityRefs(): Promise<string[]> {
    return this.store.listIncidentEntityRefs();
  }

  listIncidents(
    filter: IncidentFilter,
  ): Promise<{ items: Incident[]; totalCount: number }> {
    return this.store.listIncidents(filter);
  }

  async updateIncident(
    id: string,
    expectedVersion: number,
    record: IncidentRecord,
    timeline: IncidentTimelineEntry[],
  ): Promise<Incident> {
    return this.changed(
      await this.store.updateIncident(id, expectedVersion, record, timeline),
    );
  }

  listResolvedWithoutBudgetImpact(page: {
    offset: number;
    limit: number;
  }): Promise<Incident[]> {
    return this.store.listResolvedWithoutBudgetImpact(page);
  }

  saveBudgetImpact(
    id: string,
    version: number,
    impacts: IncidentBudgetImpact[],
  ): Promise<boolean> {
    // Stores what a read already showed: nothing new to tell the tabs.
    return this.store.saveBudgetImpact(id, version, impacts);
  }

  async addActionItem(
    incidentId: string,
    item: ActionItemRecord,
    entry: IncidentTimelineEntry,
    options?: { expectedEntityRef?: string },
  ): Promise<IncidentActionItem> {
    return this.changed(
      await this.store.addActionItem(incidentId, item, entry, options),
    );
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
    options?: { expectedEntityRef?: string },
  ): Promise<IncidentActionItem> {
    // A PATCH that sets what is stored writes nothing: nothing to tell the tabs.
    let wrote = false;
    const item = await this.store.updateActionItem(
      incidentId,
      itemId,
      current => {
        const result = change(current);
        wrote = result !== undefined;
        return result;
      },
      options,
    );
    return wrote ? this.changed(item) : item;
  }

  async applyExternalEvent(
    event: ExternalEvent,
    decide: Parameters<IncidentStore['applyExternalEvent']>[1],
  ): Promise<ExternalEventOutcome> {
    const outcome = await this.store.applyExternalEvent(event, decide);
    return outcome.outcome === 'created' || outcome.outcome === 'updated'
      ? this.changed(outcome)
      : outcome;
  }
}
