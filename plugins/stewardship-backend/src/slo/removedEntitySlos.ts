/*
 * Opt-in housekeeping (`stewardship.slos.evaluation.removedEntityRetention`): deletes the SLOs
 * whose entity has been missing from the catalog for longer than the retention.
 *
 * Such SLOs are hidden from every read, DELETE /slos/:id included, and skipped by every run, so
 * without this nobody could ever remove them. How long an entity has been missing is not stored
 * anywhere; it is bounded from what is: an SLO is evaluated only while its entity is in the
 * catalog, so its latest snapshot (any status) says the entity was there then, and a change to the
 * SLO (its creation included) needed the entity too. The later of the two is when it was last
 * known to be there, "gone since".
 *
 * The catalog's answer is trusted: an entity renamed, or a catalog that answers but is still
 * empty, counts as missing. When the catalog cannot answer (an error, no answer within the query
 * timeout), nothing is deleted. The deletion is the route's own soft delete (the SLO leaves every
 * listing; its revisions, with a `deleted` one by the plugin, and its snapshots stay until
 * `snapshotRetention` prunes them), recorded as the same `slo-delete` audit event.
 */
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import { actorOf } from '../lib/actorOf';
import { normalizeEntityRef } from '../lib/entityRefs';
import { errorMessage } from '../lib/errorMessage';
import { audited } from '../service/audited';
import { EntityCatalog, entitiesInCatalog } from './entitiesInCatalog';

/**
 * SLOs one run deletes at most; the rest wait for the next runs. Each deletion is its own short
 * transaction (and audit event), so an entity removed with hundreds of SLOs neither holds the run
 * past its timeout nor floods the audit log in one go.
 */
export const REMOVED_ENTITY_SLO_DELETIONS_PER_RUN = 100;

/** How many SLOs the run's log line names; the rest are counted. */
const NAMED_DELETED_SLOS = 5;

/** What one cleanup did. */
export interface RemovedEntitySloCleanup {
  /** The SLOs it deleted, those gone longest first. */
  deleted: SloDefinition[];
  /** SLOs past the retention it left for the next runs (the per-run bound, an abort, a failure). */
  left: number;
}

/**
 * Deletes the live SLOs whose entity is not in `catalog` and has not been seen for longer than
 * `retention` before `now`, gone longest first, at most `maxDeletions`, as the plugin's own
 * service principal (`catalog.auth`'s own credentials: `plugin:stewardship`, the subject the
 * auditor names for an event without a request). Logs one info line when it deleted something,
 * and a warning (deleting nothing) when the catalog cannot answer.
 *
 * Stops between two deletions once `signal` aborts, keeping what it deleted (`onDeleted` hears
 * each); an abort during the catalog read rejects with the signal's reason. A deletion that fails
 * is logged (its audit event says so too) and left for the next run; one deleted or changed
 * since the listing is skipped (a changed one is judged again from its change on the next run).
 */
export async function deleteSlosOfRemovedEntities(options: {
  store: SloStore;
  catalog: EntityCatalog;
  auditor: AuditorService;
  logger: LoggerService;
  retention: { ms: number; asConfigured: string };
  now: Date;
  signal: AbortSignal;
  maxDeletions?: number;
  onDeleted?: (slo: SloDefinition) => void;
}): Promise<RemovedEntitySloCleanup> {
  const { store, catalog, auditor, logger, retention, now, signal } = options;
  const maxDeletions =
    options.maxDeletions ?? REMOVED_ENTITY_SLO_DELETIONS_PER_RUN;
  const nothing: RemovedEntitySloCleanup = { deleted: [], left: 0 };
  signal.throwIfAborted();
  // The entities first (one distinct read), the SLOs only of those missing: most runs find every
  // entity there and never read an SLO's spec.
  const entityRefs = await store.sloEntityRefs();
  if (entityRefs.length === 0) return nothing;

  let present: Set<string>;
  try {
    present = await entitiesInCatalog(catalog, entityRefs, signal);
  } catch (error) {
    signal.throwIfAborted();
    logger.warn(
      `Could not read which SLO entities are in the catalog (${errorMessage(
        error,
      )}); no SLO of a removed entity is deleted this run`,
    );
    return nothing;
  }
  const missingRefs = entityRefs.filter(
    ref => !present.has(normalizeEntityRef(ref)),
  );
  if (missingRefs.length === 0) return nothing;
  const { items: missing } = await store.listSlos({ entityRefs: missingRefs });
  if (missing.length === 0) return nothing;

  // Only the missing entities' SLOs: their latest snapshots. Its moment, or when it was made if
  // later: an evaluation as of a past moment (`POST /slos/{id}/evaluate?at=`) is stored at that
  // moment, but the entity was there when it was made.
  const latest = await store.latestSnapshots(
    missing.map(slo => slo.id),
    now,
  );
  const cutoff = now.getTime() - retention.ms;
  const due = missing
    .map(slo => {
      const snapshot = latest.get(slo.id);
      const goneSince = Math.max(
        Date.parse(slo.updatedAt),
        snapshot ? Date.parse(snapshot.at) : -Infinity,
        snapshot ? Date.parse(snapshot.evaluatedAt) : -Infinity,
      );
      return { slo, goneSince };
    })
    .filter(({ goneSince }) => goneSince < cutoff)
    // Gone longest first; a stable sort keeps the listing's order (entity, name) among ties.
    .sort((a, b) => a.goneSince - b.goneSince);
  if (due.length === 0) return nothing;

  const actor = actorOf(await catalog.auth.getOwnServiceCredentials());
  const deleted: SloDefinition[] = [];
  let deletedMeanwhile = 0;
  let changedMeanwhile = 0;
  for (const { slo, goneSince } of due.slice(0, maxDeletions)) {
    if (signal.aborted) break;
    try {
      await audited(
        auditor,
        {
          eventId: 'slo-delete',
          meta: {
            sloId: slo.id,
            entityRef: slo.entityRef,
            reason: 'entity-not-in-catalog',
            entityLastSeen: new Date(goneSince).toISOString(),
            removedEntityRetention: retention.asConfigured,
          },
        },
        // Only the version listed: an SLO changed since (its owners editing it, say) is left,
        // and its change counts as its entity last seen on the next run.
        () => store.deleteSlo(slo.id, actor, { expectedVersion: slo.version }),
        () => ({}),
      );
    } catch (error) {
      // Deleted meanwhile (by its owners before the entity went, or another replica): done.
      if (isError(error) && error.name === 'NotFoundError') {
        deletedMeanwhile += 1;
        continue;
      }
      // Changed meanwhile: no longer due (a change needs its entity in the catalog).
      if (isError(error) && error.name === 'ConflictError') {
        changedMeanwhile += 1;
        continue;
      }
      // Logged (its audit event says so too) and left for the next run: one SLO that cannot be
      // deleted must not stop the others, nor the snapshot prune that follows in the task.
      logger.warn(
        `Could not delete SLO ${slo.id} ("${slo.name}" of ${
          slo.entityRef
        }), whose entity is not in the catalog; the next run tries again: ${errorMessage(
          error,
        )}`,
      );
      continue;
    }
    deleted.push(slo);
    options.onDeleted?.(slo);
  }
  const cleanup = {
    deleted,
    left: due.length - deleted.length - deletedMeanwhile - changedMeanwhile,
  };
  if (deleted.length > 0) {
    logger.info(describeCleanup(cleanup, retention.asConfigured));
  }
  return cleanup;
}

/**
 * `Deleted 2 SLOs whose entities have not been in the catalog for over 30d
 * (stewardship.slos.evaluation.removedEntityRetention): component:default/old-api
 * "availability", …; 3 more next run`.
 */
function describeCleanup(
  { deleted, left }: RemovedEntitySloCleanup,
  retention: string,
): string {
  const named = deleted
    .slice(0, NAMED_DELETED_SLOS)
    .map(slo => `${slo.entityRef} "${slo.name}"`)
    .join(', ');
  const more = deleted.length - NAMED_DELETED_SLOS;
  return `Deleted ${
    deleted.length === 1 ? '1 SLO' : `${deleted.length} SLOs`
  } whose ${
    deleted.length === 1 ? 'entity has' : 'entities have'
  } not been in the catalog for over ${retention} (stewardship.slos.evaluation.removedEntityRetention): ${named}${
    more > 0 ? ` and ${more} more` : ''
  }${left > 0 ? `; ${left} more next run` : ''}`;
}
