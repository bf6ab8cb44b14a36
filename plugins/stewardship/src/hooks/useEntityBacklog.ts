import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityBacklog, stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads the backlog of the current entity (from `useEntity()`): its open work items, the health
 * figures and each provider's state. A failing tracker is a provider in `error` in `value`, not
 * an `error` here; `error` means the backend could not answer at all.
 *
 * @public
 */
export function useEntityBacklog(): {
  value?: EntityBacklog;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal => api.getEntityBacklog(entityRef, { signal }),
    [api, entityRef],
  );
  return { value, loading, error, retry };
}
