import { StoredChoice } from './fuzzCases';

/**
 * The SLOs and incidents stored while the fuzzer runs, so that generated requests can name real
 * ones: the fixtures (never deleted by the fuzzer, so reads keep finding them) and those the
 * fuzzer's own requests created, with the version each was last seen at; and each incident's
 * action items.
 */
export class SloPool {
  private readonly fixtures: string[] = [];
  private readonly created: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly incidents: string[] = [];
  private readonly actionItems = new Map<string, string[]>();

  /** Records a stored incident (a fixture or one a response named). */
  addIncident(id: string, version: number) {
    this.incidents.push(id);
    this.versions.set(id, version);
  }

  addFixture(id: string, version: number) {
    this.fixtures.push(id);
    this.versions.set(id, version);
  }

  /** Records what a successful response says about stored SLOs. */
  observe(operationId: string, status: number, body: any, pathId?: string) {
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
    }
  }

  /**
   * The id a choice stands for; an id of nothing stored when the pool is empty. An action item
   * is one of the incident the path has named already.
   */
  pick(
    choice: StoredChoice,
    named: Record<string, string | undefined> = {},
  ): string {
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
