import { useApi } from '@backstage/core-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { SLOS_BY_ENTITIES_MAX_REFS } from '@stewardship/backstage-plugin-stewardship-common';
import { useCallback, useState } from 'react';
import { EntitySlos, stewardshipApiRef } from '../../api';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';

/** Components per `POST /slos/by-entities` request: as many as the backend takes. */
export const COMPONENT_SLOS_PER_REQUEST = SLOS_BY_ENTITIES_MAX_REFS;

/** At most this many of those requests in flight for one system. */
export const COMPONENT_SLOS_CONCURRENCY = 2;

/** One component's SLOs, or why they could not be read. */
export interface ComponentSlos {
  entityRef: string;
  value?: EntitySlos;
  error?: Error;
}

/** `items` in consecutive chunks of at most `size`, in order. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/**
 * Why a component the batch answered with null has no list: what its own read's 404 would say,
 * for the panel titled "Could not read the SLOs of <ref>".
 */
export function notReadableError(entityRef: string): Error {
  return new NotFoundError(
    `${entityRef} is not in the catalog, or you may not see it`,
  );
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
 * Loads the SLOs of a system's components as of `at`: in batches of at most
 * {@link COMPONENT_SLOS_PER_REQUEST}, at most {@link COMPONENT_SLOS_CONCURRENCY} batches at a
 * time. A component that fails keeps its error (one the backend cannot show, or every one of a
 * batch that failed); the others still show. A new list or moment, or leaving the page, stops the
 * last one's requests, those sent and those not yet sent. `reload(refs)` reads again only those
 * components (after a change to their SLOs), in one request, not the whole system.
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
    async (
      refs: readonly string[],
      signal?: AbortSignal,
    ): Promise<ComponentSlos[]> => {
      const moment = atTime === undefined ? undefined : new Date(atTime);
      const readBatch = async (batch: string[]): Promise<ComponentSlos[]> => {
        try {
          const { items } = await api.getSlosByEntities(batch, {
            at: moment,
            signal,
          });
          return batch.map((entityRef, index) => {
            const value = items[index];
            return value
              ? { entityRef, value }
              : { entityRef, error: notReadableError(entityRef) };
          });
        } catch (e) {
          return batch.map(entityRef => ({ entityRef, error: e as Error }));
        }
      };
      const batches = await mapBounded(
        chunked(refs, COMPONENT_SLOS_PER_REQUEST),
        COMPONENT_SLOS_CONCURRENCY,
        readBatch,
        signal,
      );
      return batches.flat();
    },
    [api, atTime],
  );

  // Each run is aborted when another starts or the page goes (the reads sent and those waiting).
  const { value, loading, error } = useAbortableAsyncRetry(
    signal => read(key ? key.split('\n') : [], signal),
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
      const again = listed.filter(ref => changed.has(lower(ref)));
      if (again.length === 0) return;
      read(again).then(fresh =>
        setReloaded(previous => ({
          view,
          byRef: {
            ...(previous?.view === view ? previous.byRef : {}),
            ...Object.fromEntries(fresh.map(c => [c.entityRef, c])),
          },
        })),
      );
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
