import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DependencyAvailability,
  EntityDependencyCeiling,
  SloDefinition,
  availabilityPromise,
  dependencyCeiling,
  isAvailabilitySlo,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import { normalizeEntityRef } from '../lib/entityRefs';

/**
 * The entity's dependency ceiling from its `dependsOn` relations and the stored SLOs of what it
 * depends on. Reads the catalog with the caller's credentials: a dependency the caller may not
 * read counts as unknown, and its SLOs are not shown. Never queries a metric source.
 */
export async function readDependencyCeiling(
  deps: { catalog: CatalogService; store: SloStore },
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<EntityDependencyCeiling> {
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef} in the catalog`);
  }
  const dependencyRefs = [
    ...new Set(
      (entity.relations ?? [])
        .filter(relation => relation.type === RELATION_DEPENDS_ON)
        .map(relation => normalizeEntityRef(relation.targetRef)),
    ),
  ].sort();

  const { items: visible } = dependencyRefs.length
    ? await deps.catalog.getEntitiesByRefs(
        {
          entityRefs: dependencyRefs,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
          ],
        },
        { credentials },
      )
    : { items: [] };
  // The dependencies the caller may read, by ref, with their titles.
  const titles = new Map<string, string | undefined>();
  for (const found of visible) {
    if (found) {
      titles.set(
        normalizeEntityRef(stringifyEntityRef(found)),
        found.metadata.title,
      );
    }
  }

  const { items: slos } = await deps.store.listSlos({
    entityRefs: [entityRef, ...titles.keys()],
  });
  const slosOf = new Map<string, SloDefinition[]>();
  for (const slo of slos) {
    slosOf.set(slo.entityRef, [...(slosOf.get(slo.entityRef) ?? []), slo]);
  }

  const dependencies = dependencyRefs.map((ref): DependencyAvailability => {
    if (!titles.has(ref)) return { entityRef: ref, unknown: 'not-visible' };
    const title = titles.get(ref);
    const promise = availabilityPromise(slosOf.get(ref) ?? []);
    return {
      entityRef: ref,
      ...(title && { title }),
      ...(promise
        ? {
            slo: {
              id: promise.id,
              name: promise.name,
              objective: promise.objective,
            },
          }
        : { unknown: 'no-slo' as const }),
    };
  });
  const ceiling = dependencyCeiling(
    dependencies.flatMap(d => (d.slo ? [d.slo.objective] : [])),
  );
  return {
    entityRef,
    dependencies,
    ...(ceiling !== undefined && { ceiling }),
    objectives: (slosOf.get(entityRef) ?? [])
      .filter(isAvailabilitySlo)
      .map(slo => ({
        id: slo.id,
        name: slo.name,
        objective: slo.objective,
        aboveCeiling: ceiling !== undefined && slo.objective > ceiling,
      })),
  };
}
