import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  entityRefKey,
  EntityOwnership,
  OwnershipEvaluationPage,
  SloOverview,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  STEWARDSHIP_FACT_RETRIEVER_ID,
  STEWARDSHIP_FACT_SCHEMA_VERSION,
  entityFacts,
  sloFactsByEntity,
  stewardshipFactSchema,
} from './facts';

/**
 * Which catalog entities get facts, in the catalog's filter syntax (a fact retriever's
 * `entityFilter`).
 *
 * @public
 */
export type StewardshipEntityFilter = NonNullable<
  FactRetriever['entityFilter']
>;

/**
 * The kinds Stewardship evaluates by default: its ownership policy's default `appliesTo` kinds,
 * which include the SLO overview's (Component, API, System).
 *
 * @public
 */
export const DEFAULT_STEWARDSHIP_ENTITY_FILTER: StewardshipEntityFilter = [
  { kind: ['component', 'api', 'system', 'domain'] },
];

const CATALOG_PAGE_SIZE = 500;
/** The most `GET /ownership/evaluations` serves in one page. */
const OWNERSHIP_PAGE_SIZE = 1000;

/**
 * Options of {@link createStewardshipFactRetriever}.
 *
 * @public
 */
export interface StewardshipFactRetrieverOptions {
  /**
   * Which catalog entities get facts (catalog filter syntax, as every fact retriever's
   * `entityFilter`); default {@link DEFAULT_STEWARDSHIP_ENTITY_FILTER}.
   */
  entityFilter?: StewardshipEntityFilter;
}

/**
 * A Tech Insights fact retriever publishing each entity's Stewardship ownership and SLO facts
 * (see {@link stewardshipFactSchema}). It reads Stewardship over HTTP with a service token, since
 * it runs inside the tech-insights plugin: the catalog for the entities to cover, then, at the
 * same time, `GET /slos/overview` for every SLO's latest stored status and budget and
 * `GET /ownership/evaluations` (paged, 1,000 a page) for every entity's role statuses: a few
 * requests per run whatever the catalog's size.
 *
 * @public
 */
export function createStewardshipFactRetriever(
  options: StewardshipFactRetrieverOptions = {},
): FactRetriever {
  return {
    id: STEWARDSHIP_FACT_RETRIEVER_ID,
    version: STEWARDSHIP_FACT_SCHEMA_VERSION,
    title: 'Stewardship',
    description:
      'Ownership roles and compliance, and SLO coverage, status and error budget, from the Stewardship plugin',
    entityFilter: options.entityFilter ?? DEFAULT_STEWARDSHIP_ENTITY_FILTER,
    schema: stewardshipFactSchema,
    handler: retrieveStewardshipFacts,
  };
}

/**
 * The retriever's handler: the facts of every entity the context's `entityFilter` selects.
 * An entity Stewardship has not evaluated (a kind its ownership policy does not read, or one
 * added since its last catalog evaluation, at most `stewardship.ownership.cacheTtl` ago) is
 * left out of this run; any failure fails the run (the tech-insights backend then stores nothing
 * for it, so the previous facts stay the latest).
 *
 * @public
 */
export async function retrieveStewardshipFacts(
  ctx: FactRetrieverContext,
): Promise<TechInsightFact[]> {
  const { discovery, auth, logger } = ctx;
  const credentials = await auth.getOwnServiceCredentials();
  const tokenFor = async (targetPluginId: string) =>
    (
      await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId,
      })
    ).token;
  const getJson = async <T>(url: string, token: string): Promise<T> => {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  };

  const [catalogUrl, stewardshipUrl, catalogToken, stewardshipToken] =
    await Promise.all([
      discovery.getBaseUrl('catalog'),
      discovery.getBaseUrl('stewardship'),
      tokenFor('catalog'),
      tokenFor('stewardship'),
    ]);

  const [entities, overview, ownerships] = await Promise.all([
    listEntities(
      catalogUrl,
      ctx.entityFilter ?? DEFAULT_STEWARDSHIP_ENTITY_FILTER,
      url => getJson(url, catalogToken),
    ),
    getJson<SloOverview>(`${stewardshipUrl}/slos/overview`, stewardshipToken),
    listOwnerships(stewardshipUrl, url => getJson(url, stewardshipToken)),
  ]);
  const sloFacts = sloFactsByEntity(overview);

  const facts: TechInsightFact[] = [];
  let notEvaluated = 0;
  for (const entity of entities) {
    const ref = entityRefKey(stringifyEntityRef(entity));
    const ownership = ownerships.get(ref);
    if (!ownership) {
      notEvaluated += 1;
      continue;
    }
    facts.push({ entity, facts: entityFacts(ownership, sloFacts.get(ref)) });
  }
  const skipped = notEvaluated
    ? ` (${notEvaluated} not evaluated by Stewardship yet or not of a kind it evaluates, skipped)`
    : '';
  logger.info(`Stewardship facts for ${facts.length} entities${skipped}`);
  return facts;
}

/** Every entity's ownership Stewardship evaluated, by lower-case ref. */
async function listOwnerships(
  stewardshipUrl: string,
  getJson: <T>(url: string) => Promise<T>,
): Promise<Map<string, EntityOwnership>> {
  const byRef = new Map<string, EntityOwnership>();
  // Advance by what each page held, in case a server serves less than asked for.
  for (let offset = 0; ; ) {
    const page = await getJson<OwnershipEvaluationPage>(
      `${stewardshipUrl}/ownership/evaluations?offset=${offset}&limit=${OWNERSHIP_PAGE_SIZE}`,
    );
    for (const item of page.items) {
      byRef.set(entityRefKey(item.entityRef), item);
    }
    offset += page.items.length;
    if (offset >= page.totalCount || !page.items.length) return byRef;
  }
}

/** The refs of every catalog entity matching the filter, paged with the catalog's cursor. */
async function listEntities(
  catalogUrl: string,
  entityFilter: StewardshipEntityFilter,
  getJson: <T>(url: string) => Promise<T>,
): Promise<CompoundEntityRef[]> {
  const filters = (Array.isArray(entityFilter) ? entityFilter : [entityFilter])
    .map(filterParam)
    .filter(f => f !== '');
  const refs: CompoundEntityRef[] = [];
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams();
    if (cursor) {
      params.set('cursor', cursor);
    } else {
      // Several `filter` parameters are OR-ed; the cursor carries them on later pages.
      filters.forEach(f => params.append('filter', f));
      params.set('fields', 'kind,metadata.namespace,metadata.name');
    }
    params.set('limit', String(CATALOG_PAGE_SIZE));
    const page = await getJson<{
      items: Array<{
        kind: string;
        metadata: { namespace?: string; name: string };
      }>;
      pageInfo?: { nextCursor?: string };
    }>(`${catalogUrl}/entities/by-query?${params}`);
    for (const item of page.items) {
      refs.push({
        kind: item.kind.toLocaleLowerCase('en-US'),
        namespace: (item.metadata.namespace ?? 'default').toLocaleLowerCase(
          'en-US',
        ),
        name: item.metadata.name,
      });
    }
    cursor = page.pageInfo?.nextCursor;
  } while (cursor);
  return refs;
}

/**
 * One catalog `filter` query parameter, as the catalog client writes it: `key=value` pairs joined
 * by commas, AND-ed across keys; several values of one key are repeated pairs, which the catalog
 * reads as "any of"; a symbol value (CATALOG_FILTER_EXISTS) is the bare key ("has the field").
 */
function filterParam(
  filter: Record<string, string | symbol | (string | symbol)[]>,
) {
  return Object.entries(filter)
    .map(([key, value]) => {
      const values = Array.isArray(value) ? value : [value];
      return values
        .map(v => (typeof v === 'symbol' ? key : `${key}=${v}`))
        .join(',');
    })
    .join(',');
}
