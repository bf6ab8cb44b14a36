/*
 * Which entities a scheduled SLO evaluation run may evaluate: those still in the catalog.
 *
 * An SLO of an entity that left the catalog (removed, or renamed) is hidden from every read
 * (CatalogVisibility 404s it for everyone), so evaluating it would only query its source and
 * store snapshots nobody can see. The run asks the catalog once, with the plugin's own
 * credentials (every entity that exists, whoever may read it), and nothing about the answer is
 * kept: an entity that comes back is evaluated again on the next run.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { REFS_PER_CATALOG_REQUEST } from '../lib/CatalogVisibility';
import { normalizeEntityRef } from '../lib/entityRefs';
import { withDeadline } from '../lib/withDeadline';

/** The catalog a run checks its SLOs' entities in. */
export interface EntityCatalog {
  catalog: CatalogService;
  auth: AuthService;
  /** How long the whole read may take; past it the read counts as failed. */
  timeoutMs: number;
}

/**
 * The normalised refs of those of `entityRefs` that are in the catalog: one `getEntitiesByRefs`
 * per {@link REFS_PER_CATALOG_REQUEST} distinct refs. Refs are compared as the catalog compares
 * them, by their normalised form, so `Component:default/Checkout` is `component:default/checkout`.
 *
 * Rejects when the catalog fails or does not answer within `timeoutMs`, and with the signal's
 * reason once `signal` aborts (the catalog client takes no signal: the run stops waiting for it).
 */
export async function entitiesInCatalog(
  { catalog, auth, timeoutMs }: EntityCatalog,
  entityRefs: readonly string[],
  signal?: AbortSignal,
): Promise<Set<string>> {
  const refs = [...new Set(entityRefs.map(ref => normalizeEntityRef(ref)))];
  const found = new Set<string>();
  if (refs.length === 0) return found;
  const timeout = AbortSignal.timeout(timeoutMs);
  const deadline = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const credentials = await auth.getOwnServiceCredentials();
    for (let i = 0; i < refs.length; i += REFS_PER_CATALOG_REQUEST) {
      deadline.throwIfAborted();
      const { items } = await withDeadline(
        catalog.getEntitiesByRefs(
          {
            entityRefs: refs.slice(i, i + REFS_PER_CATALOG_REQUEST),
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        ),
        deadline,
      );
      for (const entity of items) {
        if (entity) found.add(normalizeEntityRef(stringifyEntityRef(entity)));
      }
    }
  } catch (error) {
    signal?.throwIfAborted();
    if (timeout.aborted) {
      throw new Error(`the catalog did not answer within ${timeoutMs} ms`);
    }
    throw error;
  }
  return found;
}
