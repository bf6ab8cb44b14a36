import {
  Entity,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { EntitySlo, stewardshipApiRef } from '../../api';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import { readComponentSlos } from '../EntitySlosContent/useComponentSlos';

/** A system's SLOs as the card counts them: its own and those of its readable components. */
export interface SystemSlos {
  own: EntitySlo[];
  inComponents: EntitySlo[];
  /** Its components the caller may read (a hidden one is left out, as if it were not there). */
  readableComponents: number;
  /**
   * The moment (ISO, the backend's clock) the statuses are as of: the latest answer's, when one
   * read took several requests.
   */
  at: string;
  /** A snapshot older than this is stale: the backend's `stalenessSeconds`, when it says. */
  stalenessSeconds?: number;
}

/** The system's components, as the SLOs tab finds them: its `hasPart` relations of kind component. */
export function componentRefsOf(system: Entity): string[] {
  const refs = getEntityRelations(system, RELATION_HAS_PART, {
    kind: 'component',
  }).map(ref => stringifyEntityRef(ref));
  return [...new Set(refs)].sort();
}

/**
 * Loads the SLOs of `system` and of its components (now) as the SLOs tab does
 * (`readComponentSlos`): in one `POST /slos/by-entities` request per 100 entities, or one entity
 * at a time from a backend older than that route. An entity the backend answers null (or 404) for
 * (not in the catalog, or hidden from the caller) is left out and not counted; any other failure
 * is the card's error.
 */
export function useSystemSlos(system: Entity): {
  value?: SystemSlos;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(stewardshipApiRef);
  const refs = [stringifyEntityRef(system), ...componentRefsOf(system)];
  const key = refs.join('\n');
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    async signal => {
      const read = await readComponentSlos(
        api,
        key.split('\n'),
        undefined,
        signal,
      );
      const failed = read.find(entity => entity.error);
      if (failed?.error) throw failed.error;
      const [own, ...components] = read;
      const readable = components.flatMap(c => (c.value ? [c.value] : []));
      const answers = [...(own?.value ? [own.value] : []), ...readable];
      return {
        own: own?.value?.items ?? [],
        inComponents: readable.flatMap(c => c.items),
        readableComponents: readable.length,
        // Nothing readable: nothing to measure, and no answer's moment; the browser's.
        at:
          answers
            .map(answer => answer.at)
            .sort()
            .pop() ?? new Date().toISOString(),
        // One backend's setting, the same in every answer.
        stalenessSeconds: answers.find(
          answer => answer.stalenessSeconds !== undefined,
        )?.stalenessSeconds,
      };
    },
    [api, key],
  );
  return { value, loading, error, retry };
}
