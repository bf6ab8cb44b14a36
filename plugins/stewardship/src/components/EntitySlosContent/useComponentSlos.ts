import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { EntitySlos, stewardshipApiRef } from '../../api';

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
 * result.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
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
 * A component that fails keeps its error; the others still show.
 */
export function useComponentSlos(
  entityRefs: string[],
  at?: Date,
): {
  value?: ComponentSlos[];
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const key = entityRefs.join('\n');
  const atTime = at?.getTime();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const refs = key ? key.split('\n') : [];
    const options = atTime === undefined ? {} : { at: new Date(atTime) };
    return mapBounded(refs, COMPONENT_SLOS_CONCURRENCY, async entityRef => {
      try {
        return {
          entityRef,
          value: await api.getEntitySlos(entityRef, options),
        };
      } catch (e) {
        return { entityRef, error: e as Error };
      }
    });
  }, [api, key, atTime]);
  return { value, loading, error, retry };
}
