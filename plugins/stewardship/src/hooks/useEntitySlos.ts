import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntitySlos, stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads the SLOs of the current entity (from `useEntity()`) with their
 * latest stored evaluations as of `at`, or now when `at` is absent.
 *
 * @public
 */
export function useEntitySlos(at?: Date): {
  value?: EntitySlos;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  // A Date is a new object on every render; depend on the instant it names.
  const atTime = at?.getTime();
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal =>
      api.getEntitySlos(entityRef, {
        at: atTime === undefined ? undefined : new Date(atTime),
        signal,
      }),
    [api, entityRef, atTime],
  );
  return { value, loading, error, retry };
}
