import { useApiHolder } from '@backstage/core-plugin-api';
import {
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Labels for a picker of entity refs, as the catalog presents them: the entity's title (a group's
 * `spec.profile.displayName`, else `metadata.title`, through the app's EntityPresentationApi)
 * followed by the short ref, `Payments Team (team-payments)`, or the short ref alone when the
 * entity has no title. Until the titles arrive (or without a presentation API) the short refs
 * stand in, so the picker is usable at once.
 */
export function useEntityTitles(
  refs: readonly string[],
  defaultKind: string,
): (ref: string) => string {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const key = refs.join('\n');
  const { value: titles } = useAsync(async () => {
    if (!presentation) return new Map<string, string>();
    const read = await Promise.all(
      refs.map(async ref => {
        const shown = presentation.forEntity(ref, { defaultKind });
        const snapshot = await shown.promise.catch(() => shown.snapshot);
        return [ref, snapshot.primaryTitle] as const;
      }),
    );
    return new Map(read);
    // `key` stands for `refs`, whose identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presentation, key]);

  return useMemo(() => {
    return (ref: string) => {
      const short = entityPresentationSnapshot(ref, {
        defaultKind,
      }).primaryTitle;
      const title = titles?.get(ref);
      return title && title !== short ? `${title} (${short})` : short;
    };
  }, [titles, defaultKind]);
}
