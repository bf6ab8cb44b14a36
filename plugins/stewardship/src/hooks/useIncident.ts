import { useApi } from '@backstage/core-plugin-api';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../api';
import { useAbortableAsyncRetry } from './useAbortableAsyncRetry';

/**
 * Loads one incident with its timeline, action items and budget cost. `revision` says which
 * state of it the caller last saw (e.g. its `updatedAt` in a list, which every write moves, action
 * items included): when it changes the incident is read again. Nothing is read until `enabled`
 * (default true). With `at` (the tab's past moment) its cost is the one up to that moment while
 * it was open then.
 */
export function useIncident(
  id: string,
  revision?: string | number,
  enabled = true,
  at?: Date,
): {
  value?: Incident;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    async signal =>
      enabled ? api.getIncident(id, { signal, ...(at && { at }) }) : undefined,
    [api, id, revision, enabled, at?.getTime()],
  );
  return { value, loading, error, retry };
}
