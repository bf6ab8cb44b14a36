import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityOwnership } from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads the ownership roles of an entity from the Stewardship backend.
 *
 * @public
 */
export function useEntityOwnership(entity: Entity): {
  value?: EntityOwnership;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal => api.getEntityOwnership(entityRef, { signal }),
    [api, entityRef],
  );
  return { value, loading, error, retry };
}
