import { useApi } from '@backstage/core-plugin-api';
import { SLOS_BY_ENTITIES_MAX_REFS } from '@stewardship/backstage-plugin-stewardship-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EntitySlos, StewardshipApi, stewardshipApiRef } from '../../api';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import { describeRequestFailure, errorStatus } from '../responseErrors';
import { mapBounded } from '../mapBounded';

/** Components per `POST /slos/by-entities` request: as many as the backend takes. */
export const COMPONENT_SLOS_PER_REQUEST = SLOS_BY_ENTITIES_MAX_REFS;

/** At most this many of those requests in flight for one system. */
export const COMPONENT_SLOS_CONCURRENCY = 2;

/**
 * At most this many `GET /entities/{kind}/{namespace}/{name}/slos` in flight for one system, when
 * an older backend without `POST /slos/by-entities` is read one component at a time.
 */
export const COMPONENT_SLOS_ONE_BY_ONE_CONCURRENCY = 4;

/** One component's SLOs, or why they could not be read. */
export interface ComponentSlos {
  entityRef: string;
  value?: EntitySlos;
  /**
   * Why the read failed. The components of one failed request share the same error object, so
   * the view can show them together.
   */
  error?: Error;
  /**
   * The backend's answer that the component is not in the catalog, or hidden from the caller: a
   * definitive answer, not a failure (reading again would say the same).
   */
  notReadable?: true;
}

/** `items` in consecutive chunks of at most `size`, in order. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

// Shared with the evaluations after a save; exported here too, where it was first.
export { mapBounded };

/**
 * Reads `refs` one component at a time, for a backend without `POST /slos/by-entities`: its 404
 * for an entity (the backend's own answer, not a proxy's) is what the batch says with `null`.
 */
async function readOneByOne(
  api: StewardshipApi,
  refs: readonly string[],
  at: Date | undefined,
  signal: AbortSignal | undefined,
): Promise<ComponentSlos[]> {
  return mapBounded(
    refs,
    COMPONENT_SLOS_ONE_BY_ONE_CONCURRENCY,
    async (entityRef): Promise<ComponentSlos> => {
      try {
        return {
          entityRef,
          value: await api.getEntitySlos(entityRef, { at, signal }),
        };
      } catch (e) {
        const failure = describeRequestFailure(e);
        return failure.kind === 'answer' && failure.status === 404
          ? { entityRef, notReadable: true }
          : { entityRef, error: e as Error };
      }
    },
    signal,
  );
}

/**
 * Reads the SLOs of `refs` as of `at`: in batches of at most {@link COMPONENT_SLOS_PER_REQUEST},
 * at most {@link COMPONENT_SLOS_CONCURRENCY} batches at a time. A batch that fails gives its
 * error to each of its components. A backend older than `POST /slos/by-entities` answers 404 for
 * the route itself (the route never does otherwise: unreadable entities are null items), so the
 * components of such a batch are read one at a time instead, as before the route, at most
 * {@link COMPONENT_SLOS_ONE_BY_ONE_CONCURRENCY} at a time for all of them.
 */
export async function readComponentSlos(
  api: StewardshipApi,
  refs: readonly string[],
  at: Date | undefined,
  signal?: AbortSignal,
): Promise<ComponentSlos[]> {
  const readBatch = async (
    batch: string[],
  ): Promise<ComponentSlos[] | 'no-batch-route'> => {
    try {
      const { items } = await api.getSlosByEntities(batch, { at, signal });
      return batch.map((entityRef, index) => {
        const value = items[index];
        return value ? { entityRef, value } : { entityRef, notReadable: true };
      });
    } catch (e) {
      if (errorStatus(e) === 404) return 'no-batch-route';
      return batch.map(entityRef => ({ entityRef, error: e as Error }));
    }
  };
  const chunks = chunked(refs, COMPONENT_SLOS_PER_REQUEST);
  const batches = await mapBounded(
    chunks,
    COMPONENT_SLOS_CONCURRENCY,
    readBatch,
    signal,
  );
  const oneByOne = chunks.filter((_, i) => batches[i] === 'no-batch-route');
  if (oneByOne.length === 0) {
    return batches.flatMap(batch => (Array.isArray(batch) ? batch : []));
  }
  const singles = await readOneByOne(api, oneByOne.flat(), at, signal);
  let next = 0;
  return chunks.flatMap((chunk, i) => {
    const batch = batches[i];
    if (batch !== 'no-batch-route') return batch ?? [];
    next += chunk.length;
    return singles.slice(next - chunk.length, next);
  });
}

/**
 * Loads the SLOs of a system's components as of `at` ({@link readComponentSlos}). A component
 * that fails keeps its error; the others still show. A new list or moment, or leaving the page,
 * stops the last one's requests, those sent and those not yet sent. `reload(refs)` reads again
 * only those components (after a change to their SLOs, or Try again), in one request per 100, not
 * the whole system, and resolves once that read is done (answered, dropped or failed); a quiet
 * reload (new evaluations stored) leaves a component whose read failed as it was shown. Of the
 * reads of a component (the whole list's and reloads) the latest started wins, whatever order
 * they answer in: a reload started before a newer read of the whole list (the moment changed and
 * changed back) never masks it, and a reload started for another list or moment is dropped.
 */
export function useComponentSlos(
  entityRefs: string[],
  at?: Date,
): {
  value?: ComponentSlos[];
  loading: boolean;
  error?: Error;
  /**
   * Reads `entityRefs` again; `quiet` (a read no one asked for: new evaluations stored) keeps the
   * rows of components whose read failed as they were, rather than their error.
   */
  reload: (
    entityRefs: readonly string[],
    options?: { quiet?: boolean },
  ) => Promise<void>;
  /** Reads the whole list again (after it failed: Try again on the whole tab). */
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const key = entityRefs.join('\n');
  const atTime = at?.getTime();
  const view = `${key}@${atTime}`;

  const read = useCallback(
    (refs: readonly string[], signal?: AbortSignal) =>
      readComponentSlos(
        api,
        refs,
        atTime === undefined ? undefined : new Date(atTime),
        signal,
      ),
    [api, atTime],
  );

  // Every read, of the whole list or a reload, takes the next number when it starts: of two
  // answers for a component the one with the higher number is the newer read.
  const readCount = useRef(0);

  // Each run is aborted when another starts or the page goes (the reads sent and those waiting).
  const whole = useAbortableAsyncRetry(
    async signal => {
      readCount.current += 1;
      const started = readCount.current;
      const components = await read(key ? key.split('\n') : [], signal);
      return { started, components };
    },
    [key, read],
  );

  // Components read again, for this list and moment only, each with its read's number.
  const [reloaded, setReloaded] = useState<{
    view: string;
    byRef: Record<string, { started: number; component: ComponentSlos }>;
  }>();
  // The view shown now, for reloads that answer after it changed.
  const currentView = useRef(view);
  currentView.current = view;
  // Reloads still running are aborted when the list or moment changes, and when the page goes.
  const reloads = useRef(new Set<AbortController>());
  useEffect(() => {
    const running = reloads.current;
    return () => {
      running.forEach(controller => controller.abort());
      running.clear();
    };
  }, [view]);

  const reload = useCallback(
    async (refs: readonly string[], options?: { quiet?: boolean }) => {
      // The backend names entities in lower case; the catalog's relations keep their spelling.
      const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
      const changed = new Set(refs.map(lower));
      const listed = key ? key.split('\n') : [];
      const again = listed.filter(ref => changed.has(lower(ref)));
      if (again.length === 0) return;
      readCount.current += 1;
      const started = readCount.current;
      const controller = new AbortController();
      reloads.current.add(controller);
      try {
        const fresh = await read(again, controller.signal);
        if (currentView.current !== view) return;
        setReloaded(previous => {
          const byRef = previous?.view === view ? { ...previous.byRef } : {};
          for (const component of fresh) {
            // Undefined: not read, its read was stopped. Failed, read quietly: kept as shown.
            if (!component || (options?.quiet && component.error)) continue;
            const shown = byRef[component.entityRef];
            if (!shown || shown.started < started) {
              byRef[component.entityRef] = { started, component };
            }
          }
          return { view, byRef };
        });
      } finally {
        reloads.current.delete(controller);
      }
    },
    [key, read, view],
  );

  const { value, loading, error } = whole;
  const current = reloaded?.view === view ? reloaded.byRef : undefined;
  const shown = useMemo(
    () =>
      value?.components.map(component => {
        const again = current?.[component.entityRef];
        // A reload started before this read of the whole list answers for an older state.
        return again && again.started > value.started
          ? again.component
          : component;
      }),
    [value, current],
  );
  return { value: shown, loading, error, reload, retry: whole.retry };
}
