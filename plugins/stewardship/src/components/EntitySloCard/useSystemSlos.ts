import {
  Entity,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { SLOS_BY_ENTITIES_MAX_REFS } from '@stewardship/backstage-plugin-stewardship-common';
import { EntitySlo, EntitySlos, stewardshipApiRef } from '../../api';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import {
  COMPONENT_SLOS_CONCURRENCY,
  chunked,
  mapBounded,
} from '../EntitySlosContent/useComponentSlos';

/** A system's SLOs as the card counts them: its own and those of its readable components. */
export interface SystemSlos {
  own: EntitySlo[];
  inComponents: EntitySlo[];
  /** Its components the caller may read (a hidden one is left out, as if it were not there). */
  readableComponents: number;
}

/** The system's components, as the SLOs tab finds them: its `hasPart` relations of kind component. */
export function componentRefsOf(system: Entity): string[] {
  const refs = getEntityRelations(system, RELATION_HAS_PART, {
    kind: 'component',
  }).map(ref => stringifyEntityRef(ref));
  return [...new Set(refs)].sort();
}

/**
 * Loads the SLOs of `system` and of its components (now) in one `POST /slos/by-entities` request,
 * or one per {@link SLOS_BY_ENTITIES_MAX_REFS} entities for a larger system. An entity the backend
 * answers null for (not in the catalog, or hidden from the caller) is left out and not counted.
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
      const chunks = chunked(key.split('\n'), SLOS_BY_ENTITIES_MAX_REFS);
      const answers = await mapBounded(
        chunks,
        COMPONENT_SLOS_CONCURRENCY,
        chunk => api.getSlosByEntities(chunk, { signal }),
        signal,
      );
      const [own, ...components] = answers.flatMap(answer => answer.items);
      const readable = components.filter((c): c is EntitySlos => c !== null);
      return {
        own: own?.items ?? [],
        inComponents: readable.flatMap(c => c.items),
        readableComponents: readable.length,
      };
    },
    [api, key],
  );
  return { value, loading, error, retry };
}
