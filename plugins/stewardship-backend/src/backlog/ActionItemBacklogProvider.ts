import { Entity } from '@backstage/catalog-model';
import { IncidentSeverity } from '@stewardship/backstage-plugin-stewardship-common';
import {
  BacklogProvider,
  BacklogProviderItem,
  BacklogReadRequest,
  BacklogReadResult,
} from '@stewardship/backstage-plugin-stewardship-node';
import { IncidentStore } from '../database/IncidentStore';

/** The priority an action item takes from its incident's severity. */
const PRIORITY: Record<IncidentSeverity, string> = {
  SEV1: 'High',
  SEV2: 'High',
  SEV3: 'Medium',
  SEV4: 'Low',
  SEV5: 'Low',
};

/**
 * Built in: the open action items of the entity's incidents, reliability items whose priority
 * follows the incident's severity (SEV1–2 High, SEV3 Medium, SEV4–5 Low). Ordered by due date
 * (soonest first, none last), then oldest first.
 */
export class ActionItemBacklogProvider implements BacklogProvider {
  readonly id = 'incident-action-items';
  readonly title = 'Incident action items';

  constructor(
    private readonly store: Pick<IncidentStore, 'listOpenActionItems'>,
  ) {}

  appliesTo(_entity: Entity): boolean {
    return true;
  }

  async readItems(request: BacklogReadRequest): Promise<BacklogReadResult> {
    const open = await this.store.listOpenActionItems(request.entityRef);
    const sorted = [...open].sort(
      (a, b) =>
        (a.dueDate ?? '9999-99-99').localeCompare(b.dueDate ?? '9999-99-99') ||
        a.createdAt.localeCompare(b.createdAt),
    );
    const items = sorted.map(
      (item): BacklogProviderItem => ({
        id: `action-item:${item.id}`,
        key: `${item.incidentSeverity} action`,
        title: `${item.title} (incident: ${item.incidentTitle})`,
        ...(item.link && { link: item.link }),
        type: 'action-item',
        labels: ['incident'],
        priority: PRIORITY[item.incidentSeverity] ?? 'Medium',
        createdAt: item.createdAt,
        updatedAt: item.updatedAt,
        status: item.status,
        ...(item.ownerRef && { assignee: item.ownerRef }),
        reliability: true,
        reliabilityReason: 'built-in incident action item',
      }),
    );
    return {
      items: items.slice(0, request.maxItems),
      truncated: items.length > request.maxItems,
    };
  }
}
