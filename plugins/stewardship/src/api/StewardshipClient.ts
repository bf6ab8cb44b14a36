import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityOwnership,
  OwnershipScorecard,
  ScorecardFilter,
} from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipScorecardQuery, StewardshipApi } from './StewardshipApi';

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
  ): Promise<EntityOwnership> {
    const { kind, namespace, name } =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    const path = [kind.toLocaleLowerCase('en-US'), namespace, name]
      .map(encodeURIComponent)
      .join('/');
    const response = await this.request(`/entities/${path}/ownership`);
    return (await response.json()) as EntityOwnership;
  }

  /** {@inheritDoc StewardshipApi.getOwnershipScorecard} */
  async getOwnershipScorecard(
    query: OwnershipScorecardQuery = {},
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
    const response = await this.request(`/ownership/scorecard`, params);
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

  private async request(
    path: string,
    params?: URLSearchParams,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('stewardship');
    const search = params?.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
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
