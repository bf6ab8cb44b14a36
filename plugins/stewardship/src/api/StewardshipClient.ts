import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityBacklog,
  EntityDependencyCeiling,
  EntityIncidentSummary,
  EntitySlos,
  MetricSourceSummary,
  SloHistory,
  Incident,
  IncidentActionItem,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
  IncidentCreateRequest,
  IncidentPatchRequest,
  ReleaseGate,
  ReleaseGateOverride,
  EntityOwnership,
  OwnershipAttestation,
  OwnershipExemption,
  OwnershipRole,
  OwnershipScorecard,
  ScorecardFilter,
  SloDefinition,
  SloEvaluation,
  SloOverview,
  PlanningReview,
  SloOverviewFilter,
  SloSpec,
  SloCorrection,
  SloCorrectionSpec,
  SloRevisionSummary,
  SlosByEntities,
  SlosByEntitiesRequest,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  OwnershipScorecardQuery,
  SloHistoryQuery,
  SloImportOptions,
  StewardshipApi,
  StewardshipRequestOptions,
} from './StewardshipApi';

const FILTER_KEYS: ReadonlyArray<keyof ScorecardFilter> = [
  'kind',
  'type',
  'owner',
  'system',
  'domain',
  'status',
  'role',
];

/**
 * Default {@link StewardshipApi} implementation, talking to the
 * `stewardship` backend plugin with the user's Backstage credentials.
 *
 * @public
 */
export class StewardshipClient implements StewardshipApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc StewardshipApi.getEntityOwnership} */
  async getEntityOwnership(
    entityRef: CompoundEntityRef | string,
    options: StewardshipRequestOptions = {},
  ): Promise<EntityOwnership> {
    const response = await this.request(
      `/entities/${entityPath(entityRef)}/ownership`,
      undefined,
      options.signal,
    );
    return (await response.json()) as EntityOwnership;
  }

  /** {@inheritDoc StewardshipApi.getOwnershipScorecard} */
  async getOwnershipScorecard(
    query: OwnershipScorecardQuery = {},
    options: StewardshipRequestOptions = {},
  ): Promise<OwnershipScorecard> {
    const params = filterParams(query);
    if (query.groupBy) {
      params.set('groupBy', query.groupBy);
    }
    if (query.offset !== undefined) {
      params.set('offset', String(query.offset));
    }
    if (query.limit !== undefined) {
      params.set('limit', String(query.limit));
    }
    const response = await this.request(
      `/ownership/scorecard`,
      params,
      options.signal,
    );
    return (await response.json()) as OwnershipScorecard;
  }

  /** {@inheritDoc StewardshipApi.getOwnershipScorecardCsv} */
  async getOwnershipScorecardCsv(query: ScorecardFilter = {}): Promise<string> {
    // Only the filters: the export is the whole failing list, not one page.
    const params = filterParams(query);
    params.set('format', 'csv');
    const response = await this.request(`/ownership/scorecard`, params);
    return await response.text();
  }

  /** {@inheritDoc StewardshipApi.getSloOverview} */
  async getSloOverview(
    filter: SloOverviewFilter = {},
    options: { at?: Date } & StewardshipRequestOptions = {},
  ): Promise<SloOverview> {
    const response = await this.request(
      '/slos/overview',
      overviewParams(filter, options.at),
      options.signal,
    );
    return (await response.json()) as SloOverview;
  }

  /** {@inheritDoc StewardshipApi.getPlanningReview} */
  async getPlanningReview(
    query: {
      scope: string;
      from?: Date;
      to?: Date;
    },
    options: StewardshipRequestOptions = {},
  ): Promise<PlanningReview> {
    const params = new URLSearchParams({ scope: query.scope });
    if (query.from) params.set('from', query.from.toISOString());
    if (query.to) params.set('to', query.to.toISOString());
    const response = await this.request('/review', params, options.signal);
    return (await response.json()) as PlanningReview;
  }

  /** {@inheritDoc StewardshipApi.getSloOverviewCsv} */
  async getSloOverviewCsv(
    filter: SloOverviewFilter = {},
    options: { at?: Date } = {},
  ): Promise<string> {
    const params = overviewParams(filter, options.at);
    params.set('format', 'csv');
    const response = await this.request('/slos/overview', params);
    return await response.text();
  }

  /** {@inheritDoc StewardshipApi.getSloHistory} */
  async getSloHistory(
    id: string,
    query: SloHistoryQuery = {},
    options: StewardshipRequestOptions = {},
  ): Promise<SloHistory> {
    const params = new URLSearchParams();
    if (query.from) {
      params.set('from', query.from.toISOString());
    }
    if (query.to) {
      params.set('to', query.to.toISOString());
    }
    if (query.limit !== undefined) {
      params.set('limit', String(query.limit));
    }
    const response = await this.request(
      `/slos/${encodeURIComponent(id)}/history`,
      params,
      options.signal,
    );
    return (await response.json()) as SloHistory;
  }

  /** {@inheritDoc StewardshipApi.getEntitySlos} */
  async getEntitySlos(
    entityRef: CompoundEntityRef | string,
    options: { at?: Date } & StewardshipRequestOptions = {},
  ): Promise<EntitySlos> {
    const params = new URLSearchParams();
    if (options.at) {
      params.set('at', options.at.toISOString());
    }
    const response = await this.request(
      `/entities/${entityPath(entityRef)}/slos`,
      params,
      options.signal,
    );
    return (await response.json()) as EntitySlos;
  }

  /** {@inheritDoc StewardshipApi.getSlosByEntities} */
  async getSlosByEntities(
    entityRefs: ReadonlyArray<CompoundEntityRef | string>,
    options: { at?: Date } & StewardshipRequestOptions = {},
  ): Promise<SlosByEntities> {
    const body: SlosByEntitiesRequest = {
      entityRefs: entityRefs.map(ref =>
        typeof ref === 'string' ? ref : stringifyEntityRef(ref),
      ),
      ...(options.at && { at: options.at.toISOString() }),
    };
    // A POST that reads: the refs go in the body (up to 100 would not fit a URL everywhere).
    const response = await this.send('POST', '/slos/by-entities', {
      json: body,
      signal: options.signal,
    });
    return (await response.json()) as SlosByEntities;
  }

  /** {@inheritDoc StewardshipApi.getSloSnapshot} */
  async getSloSnapshot(
    id: string,
    options: { at?: Date } & StewardshipRequestOptions = {},
  ): Promise<SloEvaluation> {
    const params = new URLSearchParams();
    if (options.at) {
      params.set('at', options.at.toISOString());
    }
    const response = await this.request(
      `/slos/${encodeURIComponent(id)}/snapshot`,
      params,
      options.signal,
    );
    return (await response.json()) as SloEvaluation;
  }

  /** {@inheritDoc StewardshipApi.getEntityDependencyCeiling} */
  async getEntityDependencyCeiling(
    entityRef: CompoundEntityRef | string,
    options: StewardshipRequestOptions = {},
  ): Promise<EntityDependencyCeiling> {
    const response = await this.request(
      `/entities/${entityPath(entityRef)}/slos/dependency-ceiling`,
      undefined,
      options.signal,
    );
    return (await response.json()) as EntityDependencyCeiling;
  }

  /** {@inheritDoc StewardshipApi.getEntityReleaseGate} */
  async getEntityReleaseGate(
    entityRef: CompoundEntityRef | string,
    options: { at?: Date } & StewardshipRequestOptions = {},
  ): Promise<ReleaseGate> {
    const params = new URLSearchParams();
    if (options.at) params.set('at', options.at.toISOString());
    const response = await this.request(
      `/entities/${entityPath(entityRef)}/release-gate`,
      params,
      options.signal,
    );
    return (await response.json()) as ReleaseGate;
  }

  /** {@inheritDoc StewardshipApi.getEntityBacklog} */
  async getEntityBacklog(
    entityRef: CompoundEntityRef | string,
    options: StewardshipRequestOptions = {},
  ): Promise<EntityBacklog> {
    const response = await this.request(
      `/entities/${entityPath(entityRef)}/backlog`,
      undefined,
      options.signal,
    );
    return (await response.json()) as EntityBacklog;
  }

  /** {@inheritDoc StewardshipApi.createOwnershipExemption} */
  async createOwnershipExemption(
    entityRef: CompoundEntityRef | string,
    exemption: { role: OwnershipRole; reason: string; expiresAt: string },
  ): Promise<OwnershipExemption> {
    const response = await this.send(
      'POST',
      `/entities/${entityPath(entityRef)}/ownership/exemptions`,
      { json: exemption },
    );
    return (await response.json()) as OwnershipExemption;
  }

  /** {@inheritDoc StewardshipApi.deleteOwnershipExemption} */
  async deleteOwnershipExemption(
    entityRef: CompoundEntityRef | string,
    exemptionId: string,
  ): Promise<void> {
    await this.send(
      'DELETE',
      `/entities/${entityPath(
        entityRef,
      )}/ownership/exemptions/${encodeURIComponent(exemptionId)}`,
    );
  }

  /** {@inheritDoc StewardshipApi.attestOwnershipRole} */
  async attestOwnershipRole(
    entityRef: CompoundEntityRef | string,
    role: OwnershipRole,
  ): Promise<OwnershipAttestation> {
    const response = await this.send(
      'POST',
      `/entities/${entityPath(entityRef)}/ownership/attestations`,
      { json: { role } },
    );
    return (await response.json()) as OwnershipAttestation;
  }

  /** {@inheritDoc StewardshipApi.createReleaseGateOverride} */
  async createReleaseGateOverride(
    entityRef: CompoundEntityRef | string,
    override: { justification: string; expiresAt: string },
  ): Promise<ReleaseGateOverride> {
    const response = await this.send(
      'POST',
      `/entities/${entityPath(entityRef)}/release-gate/overrides`,
      { json: override },
    );
    return (await response.json()) as ReleaseGateOverride;
  }

  /** {@inheritDoc StewardshipApi.listEntityIncidents} */
  async listEntityIncidents(
    entityRef: CompoundEntityRef | string,
    query: { from?: Date; to?: Date; limit?: number } = {},
    options: StewardshipRequestOptions = {},
  ): Promise<{ items: Incident[]; totalCount: number }> {
    const params = new URLSearchParams({
      entity:
        typeof entityRef === 'string'
          ? entityRef
          : stringifyEntityRef(entityRef),
    });
    if (query.from) params.set('from', query.from.toISOString());
    if (query.to) params.set('to', query.to.toISOString());
    params.set('limit', String(query.limit ?? 100));
    const response = await this.request('/incidents', params, options.signal);
    const { items, totalCount } = await response.json();
    return { items, totalCount };
  }

  /** {@inheritDoc StewardshipApi.getIncident} */
  async getIncident(
    id: string,
    options: { at?: Date } & StewardshipRequestOptions = {},
  ): Promise<Incident> {
    const params = new URLSearchParams();
    if (options.at) params.set('at', options.at.toISOString());
    const response = await this.request(
      `/incidents/${encodeURIComponent(id)}`,
      params,
      options.signal,
    );
    return (await response.json()) as Incident;
  }

  /** {@inheritDoc StewardshipApi.createIncident} */
  async createIncident(incident: IncidentCreateRequest): Promise<Incident> {
    const response = await this.send('POST', '/incidents', { json: incident });
    return (await response.json()) as Incident;
  }

  /** {@inheritDoc StewardshipApi.updateIncident} */
  async updateIncident(
    id: string,
    patch: IncidentPatchRequest,
  ): Promise<Incident> {
    const response = await this.send(
      'PATCH',
      `/incidents/${encodeURIComponent(id)}`,
      { json: patch },
    );
    return (await response.json()) as Incident;
  }

  /** {@inheritDoc StewardshipApi.createIncidentActionItem} */
  async createIncidentActionItem(
    incidentId: string,
    item: IncidentActionItemCreateRequest,
  ): Promise<IncidentActionItem> {
    const response = await this.send(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/action-items`,
      { json: item },
    );
    return (await response.json()) as IncidentActionItem;
  }

  /** {@inheritDoc StewardshipApi.updateIncidentActionItem} */
  async updateIncidentActionItem(
    incidentId: string,
    itemId: string,
    patch: IncidentActionItemPatchRequest,
  ): Promise<IncidentActionItem> {
    const response = await this.send(
      'PATCH',
      `/incidents/${encodeURIComponent(
        incidentId,
      )}/action-items/${encodeURIComponent(itemId)}`,
      { json: patch },
    );
    return (await response.json()) as IncidentActionItem;
  }

  /** {@inheritDoc StewardshipApi.getEntityIncidentSummary} */
  async getEntityIncidentSummary(
    entityRef: CompoundEntityRef | string,
    period: { from?: Date; to?: Date } = {},
    options: StewardshipRequestOptions = {},
  ): Promise<EntityIncidentSummary> {
    const params = new URLSearchParams();
    if (period.from) params.set('from', period.from.toISOString());
    if (period.to) params.set('to', period.to.toISOString());
    const response = await this.request(
      `/entities/${entityPath(entityRef)}/incidents/summary`,
      params,
      options.signal,
    );
    return (await response.json()) as EntityIncidentSummary;
  }

  /** {@inheritDoc StewardshipApi.getSlo} */
  async getSlo(id: string): Promise<SloDefinition> {
    const response = await this.request(`/slos/${encodeURIComponent(id)}`);
    return (await response.json()) as SloDefinition;
  }

  /** {@inheritDoc StewardshipApi.listMetricSources} */
  async listMetricSources(): Promise<MetricSourceSummary[]> {
    const response = await this.send('GET', '/metric-sources');
    return ((await response.json()) as { items: MetricSourceSummary[] }).items;
  }

  /** {@inheritDoc StewardshipApi.createSlo} */
  async createSlo(spec: SloSpec): Promise<SloDefinition> {
    const response = await this.send('POST', '/slos', { json: spec });
    return (await response.json()) as SloDefinition;
  }

  /** {@inheritDoc StewardshipApi.evaluateSlo} */
  async evaluateSlo(
    id: string,
    options: StewardshipRequestOptions = {},
  ): Promise<SloEvaluation> {
    const response = await this.send(
      'POST',
      `/slos/${encodeURIComponent(id)}/evaluate`,
      { signal: options.signal },
    );
    return (await response.json()) as SloEvaluation;
  }

  /** {@inheritDoc StewardshipApi.createSloCorrection} */
  async createSloCorrection(
    sloId: string,
    correction: SloCorrectionSpec,
  ): Promise<SloCorrection> {
    const response = await this.send(
      'POST',
      `/slos/${encodeURIComponent(sloId)}/corrections`,
      { json: correction },
    );
    return (await response.json()) as SloCorrection;
  }

  /** {@inheritDoc StewardshipApi.deleteSloCorrection} */
  async deleteSloCorrection(
    sloId: string,
    correctionId: string,
  ): Promise<void> {
    await this.send(
      'DELETE',
      `/slos/${encodeURIComponent(sloId)}/corrections/${encodeURIComponent(
        correctionId,
      )}`,
    );
  }

  /** {@inheritDoc StewardshipApi.listSloRevisions} */
  async listSloRevisions(
    sloId: string,
    options: StewardshipRequestOptions = {},
  ): Promise<SloRevisionSummary[]> {
    const response = await this.request(
      `/slos/${encodeURIComponent(sloId)}/revisions`,
      undefined,
      options.signal,
    );
    return ((await response.json()) as { items: SloRevisionSummary[] }).items;
  }

  /** {@inheritDoc StewardshipApi.previewSlo} */
  async previewSlo(spec: SloSpec): Promise<SloEvaluation> {
    const response = await this.send('POST', '/slos/preview', { json: spec });
    return (await response.json()) as SloEvaluation;
  }

  /** {@inheritDoc StewardshipApi.updateSlo} */
  async updateSlo(
    id: string,
    spec: SloSpec & { version: number },
  ): Promise<SloDefinition> {
    const response = await this.send('PUT', `/slos/${encodeURIComponent(id)}`, {
      json: spec,
    });
    return (await response.json()) as SloDefinition;
  }

  /** {@inheritDoc StewardshipApi.deleteSlo} */
  async deleteSlo(id: string): Promise<void> {
    await this.send('DELETE', `/slos/${encodeURIComponent(id)}`);
  }

  /** {@inheritDoc (StewardshipApi:interface).(importSlos:1)} */
  importSlos(
    yaml: string,
    options: SloImportOptions & { dryRun: false },
  ): Promise<SloDefinition[]>;
  /** {@inheritDoc (StewardshipApi:interface).(importSlos:2)} */
  importSlos(yaml: string, options: SloImportOptions): Promise<SloSpec[]>;
  async importSlos(
    yaml: string,
    options: SloImportOptions,
  ): Promise<SloSpec[]> {
    const params = new URLSearchParams({ dryRun: String(options.dryRun) });
    if (options.entityRef) {
      params.set('entityRef', options.entityRef);
    }
    if (options.metricSource) {
      params.set('metricSource', options.metricSource);
    }
    const response = await this.send('POST', '/slos/import', {
      yaml,
      params,
    });
    // 201 with the stored SloDefinitions, or 200 with the SloSpecs of a dry run.
    return ((await response.json()) as { items: SloSpec[] }).items;
  }

  /** {@inheritDoc StewardshipApi.exportSloOpenSlo} */
  async exportSloOpenSlo(id: string): Promise<string> {
    const response = await this.send(
      'GET',
      `/slos/${encodeURIComponent(id)}/openslo`,
    );
    return await response.text();
  }

  /**
   * A request with a method and an optional JSON or YAML body; `signal` stops it. Non-2xx is a
   * ResponseError.
   */
  private async send(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: {
      json?: unknown;
      yaml?: string;
      params?: URLSearchParams;
      signal?: AbortSignal;
    } = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('stewardship');
    const search = options.params?.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    const init: RequestInit = {
      method,
      ...(options.signal && { signal: options.signal }),
    };
    if (options.json !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.json);
    } else if (options.yaml !== undefined) {
      init.headers = { 'Content-Type': 'application/yaml' };
      init.body = options.yaml;
    }
    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  /** A GET; `signal` stops it. Non-2xx is a ResponseError. */
  private async request(
    path: string,
    params?: URLSearchParams,
    signal?: AbortSignal,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('stewardship');
    const search = params?.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url, { signal });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** `kind/namespace/name` of a ref, kind lower-cased, each part URL-encoded. */
function entityPath(entityRef: CompoundEntityRef | string): string {
  const { kind, namespace, name } =
    typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  return [kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/');
}

function overviewParams(filter: SloOverviewFilter, at?: Date): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['owner', 'system', 'status'] as const) {
    const value = filter[key];
    if (value) {
      params.set(key, value);
    }
  }
  if (at) params.set('at', at.toISOString());
  return params;
}

function filterParams(filter: ScorecardFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) {
      params.set(key, value);
    }
  }
  return params;
}
