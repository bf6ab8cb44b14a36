import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * An entity ref in the form pickers list them, the full ref in lower case: `commerce` with
 * default kind `group` → `group:default/commerce`, `System:Default/Billing` →
 * `system:default/billing`. Hand-written links use short refs and any case, which the backend
 * accepts; without this they would match no option and present as `unknown:commerce`. A value
 * that is no ref at all is returned as it is, for the caller to show.
 */
export function fullEntityRef(value: string, defaultKind: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return value;
  }
}

/**
 * Labels for a picker of entity refs, as the catalog presents them: the entity's title (a group's
 * `spec.profile.displayName`, else `metadata.title`, through the app's EntityPresentationApi)
 * followed by the short ref, `Payments Team (team-payments)`, or the short ref alone when the
 * entity has no title. Until the titles arrive (or without a presentation API) the short refs
 * stand in, so the picker is usable at once. A ref may be short or in any case, as links write
 * it (`commerce`, `System:Default/Billing`): it is presented as its full ref is.
 */
export function useEntityTitles(
  refs: readonly string[],
  defaultKind: string,
): (ref: string) => string {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const full = refs.map(ref => fullEntityRef(ref, defaultKind));
  const key = full.join('\n');
  const { value: titles } = useAsync(async () => {
    if (!presentation) return new Map<string, string>();
    const read = await Promise.all(
      full.map(async ref => {
        const shown = presentation.forEntity(ref, { defaultKind });
        const snapshot = await shown.promise.catch(() => shown.snapshot);
        return [ref, snapshot.primaryTitle] as const;
      }),
    );
    return new Map(read);
    // `key` stands for `full`, whose identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presentation, key]);

  return useMemo(() => {
    return (value: string) => {
      const ref = fullEntityRef(value, defaultKind);
      const short = entityPresentationSnapshot(ref, {
        defaultKind,
      }).primaryTitle;
      const title = titles?.get(ref);
      return title && title !== short ? `${title} (${short})` : short;
    };
  }, [titles, defaultKind]);
}
