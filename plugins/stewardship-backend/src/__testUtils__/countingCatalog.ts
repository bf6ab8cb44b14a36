import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** Knobs and counters of a {@link countingCatalog}. */
export interface CatalogProbe {
  /**
   * Whole-catalog reads begun: `streamEntities` calls that include users or groups. A
   * whole-catalog evaluation makes exactly one (its other kinds stream alongside, uncounted).
   */
  catalogReads: number;
  /** The kinds of every `streamEntities` call, in order, lower-cased. */
  streams: string[][];
  /** Single-entity reads (`getEntityByRef` calls). */
  entityReads: number;
  /** Reads of entities by their refs (`getEntitiesByRefs` calls), however many refs each names. */
  refsReads: number;
  /** When set, whole-catalog reads wait for it before returning any page. */
  gate?: Promise<void>;
  /** When set, the next whole-catalog read fails with it (then it is cleared). */
  failNext?: Error;
  /** When set, reads by refs wait for it before answering. */
  refsGate?: Promise<void>;
  /** While set, every read by refs fails with it. */
  failRefsReads?: Error;
  /** Removes an entity, as a deleted location would. */
  remove(uid: string): Promise<void>;
  /** Adds an entity, as a new location (or one that comes back) would. */
  add(entity: Entity): Promise<void>;
}

/**
 * The in-memory catalog of catalogServiceMock, with its reads counted and, like the real
 * catalog's permission filtering, entities hidden from callers `visible` rejects.
 */
export function countingCatalog(
  entities: Entity[],
  visible: (
    entity: Entity,
    credentials: BackstageCredentials,
  ) => boolean = () => true,
): { catalog: CatalogService; probe: CatalogProbe } {
  // Replaced whole to add an entity: the in-memory catalog has no way to add one.
  let inner = catalogServiceMock({ entities });
  const probe: CatalogProbe = {
    catalogReads: 0,
    streams: [],
    entityReads: 0,
    refsReads: 0,
    remove: uid => inner.removeEntityByUid(uid),
    add: async entity => {
      const { items } = await inner.getEntities();
      inner = catalogServiceMock({ entities: [...items, entity] });
    },
  };
  const overrides: Partial<CatalogService> = {
    async *streamEntities(request, options) {
      const kinds = [request?.filter ?? []]
        .flat()
        .flatMap(filter => [(filter as Record<string, unknown>).kind ?? []])
        .flat()
        .map(kind => String(kind).toLocaleLowerCase('en-US'));
      probe.streams.push(kinds);
      if (kinds.includes('user') || kinds.includes('group')) {
        probe.catalogReads += 1;
      }
      await probe.gate;
      const failure = probe.failNext;
      probe.failNext = undefined;
      if (failure) throw failure;
      for await (const page of inner.streamEntities(request)) {
        yield page.filter(e => visible(e, options.credentials));
      }
    },
    async getEntityByRef(ref, options) {
      probe.entityReads += 1;
      const entity = await inner.getEntityByRef(ref);
      return entity && visible(entity, options.credentials)
        ? entity
        : undefined;
    },
    async getEntitiesByRefs(request, options) {
      probe.refsReads += 1;
      await probe.refsGate;
      if (probe.failRefsReads) throw probe.failRefsReads;
      // Visibility is decided on the whole entity, whatever fields the caller asked for.
      const [{ items }, whole] = await Promise.all([
        inner.getEntitiesByRefs(request),
        inner.getEntitiesByRefs({ ...request, fields: undefined }),
      ]);
      return {
        items: items.map((e, i) =>
          e && visible(whole.items[i]!, options.credentials) ? e : undefined,
        ),
      };
    },
  };
  const catalog = new Proxy(inner, {
    get(_target, prop) {
      if (prop in overrides) return overrides[prop as keyof CatalogService];
      const value = Reflect.get(inner, prop);
      return typeof value === 'function' ? value.bind(inner) : value;
    },
  }) as unknown as CatalogService;
  return { catalog, probe };
}

/** Serves `catalog` as the catalog service of a `startTestBackend` backend. */
export function catalogServiceFactory(catalog: CatalogService) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

/** The calling user's entity ref (also when a service acts on a user's behalf). */
export function userOf(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/**
 * A visibility for {@link countingCatalog}: the entity named `name` is hidden from
 * `userEntityRef` and everything else is visible, as a catalog permission policy could decide.
 */
export function hiddenFrom(userEntityRef: string, name: string) {
  return (entity: Entity, credentials: BackstageCredentials) =>
    entity.metadata.name !== name || userOf(credentials) !== userEntityRef;
}

/**
 * The ways a read of entities by their refs can fail to say which exist, each with how to break a
 * {@link countingCatalog} so and the reason a run's warning then gives: an error, or no answer
 * within `timeoutMs`.
 */
export function refsReadFailures(timeoutMs: number) {
  return [
    {
      how: 'fails',
      break: (probe: CatalogProbe) => {
        probe.failRefsReads = new Error('catalog answered 503');
      },
      reason: 'catalog answered 503',
    },
    {
      how: 'does not answer in time',
      break: (probe: CatalogProbe) => {
        probe.refsGate = new Promise(() => {});
      },
      reason: `the catalog did not answer within ${timeoutMs} ms`,
    },
  ];
}
