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
  uncoveredEntityFacts,
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
/** All the retriever reads of an entity: its ref. */
const ENTITY_REF_FIELDS = 'kind,metadata.namespace,metadata.name';
/**
 * How many entities missing from the bulk evaluation are read at once: with an `appliesTo`
 * narrower than the retriever's entity filter that may be many, and each read is two catalog
 * reads in Stewardship.
 */
const MISSING_READ_CONCURRENCY = 4;

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
 * it runs inside the tech-insights plugin: the catalog for the entities to cover and, at the same
 * time, `GET /slos/overview` for every SLO's latest stored status and budget and
 * `GET /ownership/evaluations` (paged, 1,000 a page) for every covered entity's role statuses: a
 * few requests per run whatever the catalog's size, plus one per entity that evaluation leaves
 * out. Every entity the filter selects gets facts, one the ownership policy does not cover with
 * `ownershipApplies: false`.
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
 * How long one request (to the catalog or Stewardship, body included) may take before the run
 * gives up on it and fails. Without it a backend that accepts the connection and never answers
 * holds the run until the tech-insights backend's own task timeout (5 minutes by default); a
 * page of 1,000 evaluations from a cold Stewardship cache (a whole-catalog read) takes seconds.
 */
const REQUEST_TIMEOUT_MS = 60_000;

/** How the handler reads; a parameter so tests can shorten the timeout. */
export interface RetrievalSettings {
  /** See {@link REQUEST_TIMEOUT_MS}. */
  requestTimeoutMs: number;
}

/**
 * The retriever's handler: the facts of every entity the context's `entityFilter` selects.
 * An entity the bulk ownership evaluation leaves out (one `stewardship.ownership.appliesTo` does
 * not cover, or one added since Stewardship's cached evaluation) is read on its own, fresh
 * (`GET /entities/…/ownership`, four at a time): one not covered gets
 * `ownershipApplies: false` (with `ownershipCompliant: true` and null role statuses); one gone
 * from the catalog since the listing is left out. Any failure fails the run (the tech-insights
 * backend then stores nothing for it, so the previous facts stay the latest).
 *
 * @public
 */
export async function retrieveStewardshipFacts(
  ctx: FactRetrieverContext,
): Promise<TechInsightFact[]> {
  return retrieveFacts(ctx, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
}

/** {@link retrieveStewardshipFacts} with its settings. Exported for tests only. */
export async function retrieveFacts(
  ctx: FactRetrieverContext,
  settings: RetrievalSettings,
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
  // Ends the requests still running once the run is decided (one failed, or all done).
  const runEnded = new AbortController();
  const getJson = async <T>(url: string, token: string): Promise<T> => {
    const timeout = AbortSignal.timeout(settings.requestTimeoutMs);
    const signal = AbortSignal.any([timeout, runEnded.signal]);
    try {
      const response = await fetch(url, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
        signal,
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return (await response.json()) as T;
    } catch (error) {
      if (timeout.aborted) {
        throw new Error(
          `GET ${url} did not answer within ${settings.requestTimeoutMs} ms; Stewardship facts not retrieved this run`,
        );
      }
      throw error;
    }
  };

  const [catalogUrl, stewardshipUrl, catalogToken, stewardshipToken] =
    await Promise.all([
      discovery.getBaseUrl('catalog'),
      discovery.getBaseUrl('stewardship'),
      tokenFor('catalog'),
      tokenFor('stewardship'),
    ]);

  const [entities, overview, evaluation] = await Promise.all([
    listEntities(
      catalogUrl,
      ctx.entityFilter ?? DEFAULT_STEWARDSHIP_ENTITY_FILTER,
      url => getJson(url, catalogToken),
    ),
    getJson<SloOverview>(`${stewardshipUrl}/slos/overview`, stewardshipToken),
    listOwnerships(stewardshipUrl, url => getJson(url, stewardshipToken)),
  ]).catch(error => {
    runEnded.abort();
    throw error;
  });
  const sloFacts = sloFactsByEntity(overview);

  // The entities the bulk evaluation left out, each read fresh: not covered, or new since it.
  const missing = entities.filter(
    entity => !evaluation.byRef.has(entityRefKey(stringifyEntityRef(entity))),
  );
  const readAlone = await mapWithConcurrency(
    missing,
    MISSING_READ_CONCURRENCY,
    entity =>
      getOwnershipOrGone(
        `${stewardshipUrl}/entities/${entityPath(entity)}/ownership`,
        url => getJson(url, stewardshipToken),
      ),
  ).finally(() => runEnded.abort());
  const aloneByRef = new Map(
    missing.map((entity, i) => [
      entityRefKey(stringifyEntityRef(entity)),
      readAlone[i],
    ]),
  );

  const facts: TechInsightFact[] = [];
  let uncovered = 0;
  let gone = 0;
  for (const entity of entities) {
    const ref = entityRefKey(stringifyEntityRef(entity));
    const ownership = evaluation.byRef.get(ref) ?? aloneByRef.get(ref);
    if (ownership === undefined) {
      gone += 1;
    } else if (ownership.applies) {
      facts.push({ entity, facts: entityFacts(ownership, sloFacts.get(ref)) });
    } else {
      uncovered += 1;
      facts.push({ entity, facts: uncoveredEntityFacts(sloFacts.get(ref)) });
    }
  }
  const notes = [
    missing.length &&
      `${missing.length} not in Stewardship's ownership evaluation of ${evaluation.evaluatedAt}, read one by one`,
    uncovered &&
      `${uncovered} outside stewardship.ownership.appliesTo, with ownershipApplies false`,
    gone && `${gone} gone from the catalog since it was listed, left out`,
  ].filter(Boolean);
  logger.info(
    `Stewardship facts for ${facts.length} entities${
      notes.length ? ` (${notes.join('; ')})` : ''
    }`,
  );
  return facts;
}

/** `kind/namespace/name` of a listed entity, kind lower-cased, each part URL-encoded. */
function entityPath(entity: CompoundEntityRef): string {
  return [entity.kind.toLocaleLowerCase('en-US'), entity.namespace, entity.name]
    .map(encodeURIComponent)
    .join('/');
}

/** One entity's ownership, fresh; undefined when it is no longer in the catalog (404). */
async function getOwnershipOrGone(
  url: string,
  getJson: <T>(url: string) => Promise<T>,
): Promise<EntityOwnership | undefined> {
  try {
    return await getJson<EntityOwnership>(url);
  } catch (error) {
    if (error instanceof ResponseError && error.statusCode === 404) {
      return undefined;
    }
    throw error;
  }
}

/** `task` over `items`, at most `limit` at a time, results in input order. */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Every entity's ownership Stewardship evaluated, by lower-case ref, and when that evaluation
 * began. Every page must come from the same evaluation (`evaluatedAt`): Stewardship refreshes its
 * cached one now and then, and offsets into two different evaluations would skip or repeat
 * entities. On a change the paging starts over once, from the new evaluation; a second change
 * fails the run.
 */
async function listOwnerships(
  stewardshipUrl: string,
  getJson: <T>(url: string) => Promise<T>,
): Promise<{ byRef: Map<string, EntityOwnership>; evaluatedAt: string }> {
  const changes: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    const byRef = new Map<string, EntityOwnership>();
    let evaluatedAt: string | undefined;
    // Advance by what each page held, in case a server serves less than asked for.
    for (let offset = 0; ; ) {
      const page = await getJson<OwnershipEvaluationPage>(
        `${stewardshipUrl}/ownership/evaluations?offset=${offset}&limit=${OWNERSHIP_PAGE_SIZE}`,
      );
      evaluatedAt ??= page.evaluatedAt;
      if (page.evaluatedAt !== evaluatedAt) {
        changes.push(`${evaluatedAt} to ${page.evaluatedAt}`);
        break;
      }
      for (const item of page.items) {
        byRef.set(entityRefKey(item.entityRef), item);
      }
      offset += page.items.length;
      if (offset >= page.totalCount || !page.items.length) {
        return { byRef, evaluatedAt };
      }
    }
  }
  throw new Error(
    `Stewardship's ownership evaluation changed while GET /ownership/evaluations was read page by page, twice (evaluatedAt ${changes.join(
      ', then ',
    )}); Stewardship facts not retrieved this run`,
  );
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
    }
    // On every page: the cursor carries the filter and order but not the fields, so a later
    // page without them would return whole entities.
    params.set('fields', ENTITY_REF_FIELDS);
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
