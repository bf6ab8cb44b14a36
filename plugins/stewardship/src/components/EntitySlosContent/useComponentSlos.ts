import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { EntitySlos, stewardshipApiRef } from '../../api';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';

/** At most this many `GET /entities/…/slos` requests in flight for one system. */
export const COMPONENT_SLOS_CONCURRENCY = 4;

/** One component's SLOs, or why they could not be read. */
export interface ComponentSlos {
  entityRef: string;
  value?: EntitySlos;
  error?: Error;
}

/**
 * Runs `task` over `items` with at most `limit` running at once, keeping the input order in the
 * result. Once `signal` is aborted no further task starts (the caller aborts those running through
 * the same signal; the result is then incomplete, for a caller that no longer wants it).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Loads the SLOs of a system's components as of `at`, a bounded number of requests at a time.
 * A component that fails keeps its error; the others still show. A new list or moment, or leaving
 * the page, stops the last one's requests, those sent and those not yet sent. `reload(refs)`
 * reads again only those components (after a change to their SLOs), not the whole system.
 */
export function useComponentSlos(
  entityRefs: string[],
  at?: Date,
): {
  value?: ComponentSlos[];
  loading: boolean;
  error?: Error;
  reload: (entityRefs: readonly string[]) => void;
} {
  const api = useApi(stewardshipApiRef);
  const key = entityRefs.join('\n');
  const atTime = at?.getTime();
  const view = `${key}@${atTime}`;

  const read = useCallback(
    async (entityRef: string, signal?: AbortSignal): Promise<ComponentSlos> => {
      const moment = atTime === undefined ? undefined : new Date(atTime);
      try {
        return {
          entityRef,
          value: await api.getEntitySlos(entityRef, { at: moment, signal }),
        };
      } catch (e) {
        return { entityRef, error: e as Error };
      }
    },
    [api, atTime],
  );

  // Each run is aborted when another starts or the page goes (the reads sent and those waiting).
  const { value, loading, error } = useAbortableAsyncRetry(
    async signal => {
      const refs = key ? key.split('\n') : [];
      return mapBounded(
        refs,
        COMPONENT_SLOS_CONCURRENCY,
        entityRef => read(entityRef, signal),
        signal,
      );
    },
    [key, read],
  );

  // Components read again since, for this list and moment only.
  const [reloaded, setReloaded] = useState<{
    view: string;
    byRef: Record<string, ComponentSlos>;
  }>();
  const reload = useCallback(
    (refs: readonly string[]) => {
      // The backend names entities in lower case; the catalog's relations keep their spelling.
      const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
      const changed = new Set(refs.map(lower));
      const listed = key ? key.split('\n') : [];
      for (const entityRef of listed.filter(ref => changed.has(lower(ref)))) {
        read(entityRef).then(fresh =>
          setReloaded(previous => ({
            view,
            byRef: {
              ...(previous?.view === view ? previous.byRef : {}),
              [entityRef]: fresh,
            },
          })),
        );
      }
    },
    [key, read, view],
  );

  const current = reloaded?.view === view ? reloaded.byRef : undefined;
  return {
    value: current
      ? value?.map(component => current[component.entityRef] ?? component)
      : value,
    loading,
    error,
    reload,
  };
}
