/*
 * Reads have no permission of their own: a caller sees the Stewardship data of the entities the
 * catalog lets them read (`catalog.entity.read`, decided by the catalog with their credentials).
 * One batched catalog request answers for any number of refs.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Refs per catalog request: the by-refs route takes a body, but a bounded one. */
const REFS_PER_REQUEST = 500;

/** The refs of `entityRefs` the caller may read in the catalog (same spelling as given). */
export async function readableEntityRefs(
  catalog: CatalogService,
  entityRefs: readonly string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const unique = [...new Set(entityRefs)];
  const readable = new Set<string>();
  for (let i = 0; i < unique.length; i += REFS_PER_REQUEST) {
    const chunk = unique.slice(i, i + REFS_PER_REQUEST);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: chunk, fields: ['kind'] },
      { credentials },
    );
    chunk.forEach((ref, index) => items[index] && readable.add(ref));
  }
  return readable;
}

/**
 * Throws `notFound` when the caller may not read the entity: the same 404 as for data that does
 * not exist, so a caller cannot learn what hidden entities have.
 */
export async function assertEntityReadable(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
  notFound: string,
): Promise<void> {
  // One ref: the catalog's by-name read, measured cheaper than a one-ref by-refs POST
  // (bench/apiLatency.bench.ts: 1.95 vs 3.07 ms at p50 on SQLite).
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) throw new NotFoundError(notFound);
}
