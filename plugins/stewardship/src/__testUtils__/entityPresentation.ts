import { EntityPresentationApi } from '@backstage/plugin-catalog-react';

/**
 * An entity presentation API naming the refs in `titles` as the catalog would (a user's display
 * name, a group's title); any other ref as itself.
 */
export function presentationWithTitles(
  titles: Record<string, string>,
): EntityPresentationApi {
  return {
    forEntity: (ref: any) => {
      const snapshot = {
        entityRef: String(ref),
        primaryTitle: titles[String(ref)] ?? String(ref),
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}
