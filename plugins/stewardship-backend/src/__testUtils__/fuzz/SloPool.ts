import { ChildChoice, StoredChoice } from './fuzzCases';

type PathParams = Record<string, string | undefined>;

/** The entity a path names, as the server keys it (refs compare case-insensitively). */
const entityKey = ({ kind, namespace, name }: PathParams) =>
  `${kind}:${namespace}/${name}`.toLowerCase();

/**
 * The SLOs and incidents stored while the fuzzer runs, so that generated requests can name real
 * ones: the fixtures (never deleted by the fuzzer, so reads keep finding them) and those the
 * fuzzer's own requests created, with the version each was last seen at; each incident's
 * action items, each entity's ownership exemptions and each SLO's corrections.
 */
export class SloPool {
  private readonly fixtures: string[] = [];
  private readonly created: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly incidents: string[] = [];
  private readonly actionItems = new Map<string, string[]>();
  /** Exemptions by entity, corrections by SLO id. */
  private readonly children = {
    exemption: new Map<string, string[]>(),
    correction: new Map<string, string[]>(),
  };

  /** Records a stored incident (a fixture or one a response named). */
  addIncident(id: string, version: number) {
    this.incidents.push(id);
    this.versions.set(id, version);
  }

  addFixture(id: string, version: number) {
    this.fixtures.push(id);
    this.versions.set(id, version);
  }

  /** Records what a successful response says about what is stored. */
  observe(
    operationId: string,
    status: number,
    body: any,
    pathParams: PathParams = {},
  ) {
    const pathId = pathParams.id;
    let slos: any[] = [];
    if (operationId === 'importSlos' && status === 201) slos = body.items;
    if (operationId === 'createSlo' && status === 201) slos = [body];
    for (const slo of slos) {
      this.created.push(slo.id);
      this.versions.set(slo.id, slo.version);
    }
    if (operationId === 'updateSlo' && status === 200) {
      this.versions.set(body.id, body.version);
    }
    if (operationId === 'createIncident' && status === 201) {
      this.addIncident(body.id, body.version);
    }
    if (operationId === 'updateIncident' && status === 200) {
      this.versions.set(body.id, body.version);
    }
    if (operationId === 'createIncidentActionItem' && status === 201) {
      const items = this.actionItems.get(body.incidentId) ?? [];
      this.actionItems.set(body.incidentId, [...items, body.id]);
    }
    if (operationId === 'receivePagerDutyWebhook' && body?.incidentId) {
      if (body.outcome === 'created') this.addIncident(body.incidentId, 1);
      if (body.outcome === 'updated') {
        this.versions.set(body.incidentId, this.version(body.incidentId) + 1);
      }
    }
    if (operationId === 'deleteSlo' && status === 204 && pathId) {
      this.created.splice(this.created.indexOf(pathId), 1);
      this.versions.delete(pathId);
      this.children.correction.delete(pathId);
    }
    if (operationId === 'createOwnershipExemption' && status === 201) {
      this.addChild('exemption', entityKey(pathParams), body.id);
    }
    if (operationId === 'deleteOwnershipExemption' && status === 204) {
      this.removeChild(
        'exemption',
        entityKey(pathParams),
        pathParams.exemptionId,
      );
    }
    if (operationId === 'createSloCorrection' && status === 201 && pathId) {
      this.addChild('correction', pathId, body.id);
    }
    if (operationId === 'deleteSloCorrection' && status === 204 && pathId) {
      this.removeChild('correction', pathId, pathParams.correctionId);
    }
  }

  private addChild(kind: ChildChoice['$child'], parent: string, id: string) {
    const ids = this.children[kind].get(parent) ?? [];
    this.children[kind].set(parent, [...ids, id]);
  }

  private removeChild(
    kind: ChildChoice['$child'],
    parent: string,
    id: string | undefined,
  ) {
    const ids = this.children[kind].get(parent) ?? [];
    this.children[kind].set(
      parent,
      ids.filter(other => other !== id),
    );
  }

  /**
   * The id a choice stands for; an id of nothing stored when the pool is empty. An action item
   * is one of the incident the path has named already, an exemption one of its entity, a
   * correction one of its SLO.
   */
  pick(choice: StoredChoice, named: PathParams = {}): string {
    if ('$child' in choice) {
      const parent =
        choice.$child === 'exemption' ? entityKey(named) : named.id ?? '';
      const ids = this.children[choice.$child].get(parent) ?? [];
      return ids.length
        ? ids[choice.index % ids.length]
        : `00000000-0000-4000-a000-${String(choice.index)
            .padStart(12, '0')
            .slice(-12)}`;
    }
    if ('$incident' in choice) {
      const ids =
        choice.$incident === 'incident'
          ? this.incidents
          : this.actionItems.get(named.id ?? '') ?? [];
      return ids.length
        ? ids[choice.index % ids.length]
        : `00000000-0000-4000-9000-${String(choice.index)
            .padStart(12, '0')
            .slice(-12)}`;
    }
    const ids =
      choice.$slo === 'deletable'
        ? this.created
        : [...this.fixtures, ...this.created];
    if (ids.length === 0) {
      return `00000000-0000-4000-8000-${String(choice.index)
        .padStart(12, '0')
        .slice(-12)}`;
    }
    return ids[choice.index % ids.length];
  }

  /** Every incident stored. */
  incidentIds(): string[] {
    return [...this.incidents];
  }

  /** Every SLO not deleted, fixtures first. */
  liveIds(): string[] {
    return [...this.fixtures, ...this.created];
  }

  /** The version last seen of an SLO, 1 for one never seen. */
  version(id: string | undefined): number {
    return (id && this.versions.get(id)) || 1;
  }
}
