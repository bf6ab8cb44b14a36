import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import {
  EntityOwnership,
  OwnershipAttestation,
  OwnershipEvaluationPage,
  OwnershipExemption,
  OwnershipScorecard,
  applyExemptions,
  entityRefKey,
  roleAttestation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipAttestationStore } from '../database/OwnershipAttestationStore';
import { OwnershipExemptionStore } from '../database/OwnershipExemptionStore';
import { OwnershipSnapshotStore } from '../database/OwnershipSnapshotStore';
import {
  CatalogView,
  CatalogVisibility,
  EVERYTHING_VIEW,
} from '../lib/CatalogVisibility';
import { CatalogOwnershipReader } from './CatalogOwnershipReader';
import { DEFAULT_SCORECARD_CACHE_TTL_MS } from './readScorecardCacheTtl';
import { CatalogViewCache } from '../lib/CatalogViewCache';
import { buildScorecard, ScorecardQuery, summarize } from './buildScorecard';
import { scorecardCsv } from './scorecardCsv';
import { ownershipValidUntil } from './ownershipValidUntil';

/** How far back the scorecard trend reaches. */
const TREND_DAYS = 90;

/** Every covered entity's ownership as of one catalog read, and when that read began. */
interface CatalogEvaluation {
  evaluations: EntityOwnership[];
  evaluatedAt: Date;
}

/** The ownership capability: per-entity evaluation, the scorecard and its daily history. */
export class OwnershipService {
  private readonly now: () => Date;
  private readonly cache: CatalogViewCache<EntityOwnership[]>;
  private readonly visibility: CatalogVisibility;
  private readonly exemptions?: Pick<
    OwnershipExemptionStore,
    'entityExemptions' | 'exemptionsInForce'
  >;
  private readonly attestations?: Pick<
    OwnershipAttestationStore,
    'entityAttestations' | 'allAttestations'
  >;

  constructor(
    private readonly reader: CatalogOwnershipReader,
    private readonly store: OwnershipSnapshotStore,
    options: {
      /** Whose view of the catalog a caller's scorecard is (see CatalogViewCache). */
      visibility: CatalogVisibility;
      /** How long one catalog evaluation serves the scorecard; 0 reads on every request. */
      cacheTtlMs?: number;
      now?: () => Date;
      /**
       * Exemptions make a role `exempt` until they expire; applied on every read, after the
       * cache, so a grant or removal shows at once.
       */
      exemptions?: Pick<
        OwnershipExemptionStore,
        'entityExemptions' | 'exemptionsInForce'
      >;
      /** Stored confirmations; each role then says whether its owner was confirmed. */
      attestations?: Pick<
        OwnershipAttestationStore,
        'entityAttestations' | 'allAttestations'
      >;
    },
  ) {
    this.visibility = options.visibility;
    this.exemptions = options.exemptions;
    this.attestations = options.attestations;
    this.now = options.now ?? (() => new Date());
    this.cache = new CatalogViewCache({
      ttlMs: options.cacheTtlMs ?? DEFAULT_SCORECARD_CACHE_TTL_MS,
      now: this.now,
    });
  }

  async getEntityOwnership(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityOwnership> {
    const at = this.now();
    // The stored exemptions and attestations are read while the catalog answers (they are keyed
    // by the ref the request names), so the route waits for the catalog alone.
    const entityRef = entityRefKey(stringifyEntityRef(ref));
    const [ownership, exemptions, attestations] = await Promise.all([
      this.reader.evaluateEntity(ref, credentials),
      this.exemptions?.entityExemptions(entityRef, at),
      this.attestations?.entityAttestations(entityRef),
    ]);
    const exempted = exemptions
      ? applyExemptions(ownership, exemptions, at)
      : ownership;
    const answer = attestations
      ? withAttestations(exempted, attestations, at)
      : exempted;
    // Its moment, and until when time alone leaves it true: a page left open reads it again then.
    const validUntil = ownershipValidUntil(answer.roles);
    return {
      ...answer,
      evaluatedAt: at.toISOString(),
      ...(validUntil && { validUntil }),
    };
  }

  async getScorecard(
    query: ScorecardQuery,
    credentials: BackstageCredentials,
  ): Promise<OwnershipScorecard> {
    const view = await this.visibility.catalogView(credentials);
    // The daily snapshots count the whole catalog (taken with Stewardship's own identity): their
    // trend is shown only to callers who may read all of it.
    const trendShown = view?.key === EVERYTHING_VIEW;
    const [{ evaluations, evaluatedAt }, trend] = await Promise.all([
      this.evaluateCatalog(credentials, { known: { view } }),
      trendShown
        ? this.store.listScorecardTrend({
            sinceDay: DateTime.fromJSDate(this.now(), { zone: 'utc' })
              .minus({ days: TREND_DAYS })
              .toISODate()!,
          })
        : [],
    ]);
    return {
      ...buildScorecard(evaluations, query, trend, this.now(), evaluatedAt),
      coveredKinds: this.reader.coveredKinds(),
      ...(!trendShown && { trendWithheld: true }),
      // Nothing was read: an empty scorecard must not pass for a catalog with nothing in scope.
      ...(!view && { catalogReadDenied: true }),
    };
  }

  /** Every covered entity's ownership, from the scorecard's cached catalog evaluation. */
  async catalogEvaluations(
    credentials: BackstageCredentials,
  ): Promise<EntityOwnership[]> {
    return (await this.evaluateCatalog(credentials, { inRefOrder: true }))
      .evaluations;
  }

  /**
   * Every evaluated entity the caller may read, ordered by ref, one page of them: from the
   * scorecard's cached catalog evaluation, so automation reads the whole catalog's ownership in
   * a few requests instead of one per entity.
   */
  async listEvaluations(
    page: { offset: number; limit: number },
    credentials: BackstageCredentials,
  ): Promise<OwnershipEvaluationPage> {
    const { evaluations, evaluatedAt } = await this.evaluateCatalog(
      credentials,
      { inRefOrder: true },
    );
    return {
      evaluatedAt: evaluatedAt.toISOString(),
      items: evaluations.slice(page.offset, page.offset + page.limit),
      totalCount: evaluations.length,
      offset: page.offset,
      limit: page.limit,
    };
  }

  /** Every failing entity matching the filter (no paging), as CSV. */
  async getScorecardCsv(
    query: Omit<ScorecardQuery, 'offset' | 'limit' | 'groupBy'>,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return (await this.getScorecardExport(query, credentials)).csv;
  }

  /**
   * The CSV with when its catalog read began, for the response headers
   * (`scorecardFreshnessHeaders`).
   */
  async getScorecardExport(
    query: Omit<ScorecardQuery, 'offset' | 'limit' | 'groupBy'>,
    credentials: BackstageCredentials,
  ): Promise<{ csv: string; evaluatedAt: Date }> {
    const { evaluations, evaluatedAt } = await this.evaluateCatalog(
      credentials,
    );
    const { failing } = buildScorecard(
      evaluations,
      { ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER },
      [],
      this.now(),
      evaluatedAt,
    );
    return { csv: scorecardCsv(failing.items), evaluatedAt };
  }

  /**
   * The whole-catalog evaluation behind the scorecard and its CSV, reused for the cache TTL.
   * The entity tab and the daily snapshot always read the catalog afresh.
   */
  private async evaluateCatalog(
    credentials: BackstageCredentials,
    options: {
      /** The caller's view when the caller has already asked for it. */
      known?: { view: CatalogView | undefined };
      /** In ref order (listEvaluations, reminders); the scorecard orders what it shows itself. */
      inRefOrder?: boolean;
    } = {},
  ): Promise<CatalogEvaluation> {
    const view = options.known
      ? options.known.view
      : await this.visibility.catalogView(credentials);
    if (!view) return { evaluations: [], evaluatedAt: this.now() };
    // Evaluated with every role unattested, so that a request changes attested entities only.
    const { value, readAt } = await this.cache.get(view.key, () =>
      this.reader.evaluateCatalog(view.credentials, {
        attestations: Boolean(this.attestations),
        ownCredentials: view.key === EVERYTHING_VIEW,
      }),
    );
    // Sorted at most once per evaluation (exemptions and attestations keep the order), and not
    // for the scorecard: a cold scorecard request need not wait for it.
    const evaluations = options.inRefOrder ? sortedByRef(value) : value;
    return {
      evaluatedAt: readAt,
      evaluations: await this.withAttestations(
        await this.withExemptions(evaluations),
      ),
    };
  }

  /**
   * The evaluations with each role's attestation state as of now. They arrive with every role
   * unattested (`none`, which does not change with time), so only attested entities are copied.
   */
  private async withAttestations(
    evaluations: EntityOwnership[],
  ): Promise<EntityOwnership[]> {
    if (!this.attestations) return evaluations;
    const at = this.now();
    const byEntity = new Map<string, OwnershipAttestation[]>();
    for (const attestation of await this.attestations.allAttestations()) {
      const list = byEntity.get(attestation.entityRef) ?? [];
      list.push(attestation);
      byEntity.set(attestation.entityRef, list);
    }
    if (byEntity.size === 0) return evaluations;
    return evaluations.map(e => {
      const attestations = byEntity.get(entityRefKey(e.entityRef));
      return attestations ? withAttestations(e, attestations, at) : e;
    });
  }

  /** The evaluations with the exemptions in force now applied. */
  private async withExemptions(
    evaluations: EntityOwnership[],
  ): Promise<EntityOwnership[]> {
    if (!this.exemptions) return evaluations;
    const at = this.now();
    const byEntity = new Map<string, OwnershipExemption[]>();
    // Stored refs are lower-case; the catalog's keep the name's case.
    for (const exemption of await this.exemptions.exemptionsInForce(at)) {
      const list = byEntity.get(exemption.entityRef) ?? [];
      list.push(exemption);
      byEntity.set(exemption.entityRef, list);
    }
    if (byEntity.size === 0) return evaluations;
    return evaluations.map(e => {
      const exemptions = byEntity.get(entityRefKey(e.entityRef));
      return exemptions ? applyExemptions(e, exemptions, at) : e;
    });
  }

  /**
   * Stores today's coverage of the whole catalog; called by the scheduled task with Stewardship's
   * own credentials (`auth.getOwnServiceCredentials()`), which the catalog hides nothing from, so
   * the dependencies its read lacks are not looked for again (as for the scorecard's shared view).
   */
  async takeScorecardSnapshot(ownCredentials: BackstageCredentials) {
    const evaluations = await this.withExemptions(
      await this.reader.evaluateCatalog(ownCredentials, {
        ownCredentials: true,
      }),
    );
    const takenAt = this.now();
    const summary = summarize(evaluations.filter(e => e.applies));
    await this.store.saveScorecardSnapshot({
      day: DateTime.fromJSDate(takenAt, { zone: 'utc' }).toISODate()!,
      summary,
      takenAt,
    });
    return summary;
  }
}

/** Each cached evaluation in ref order, sorted the first time it is asked for. */
const inRefOrder = new WeakMap<EntityOwnership[], EntityOwnership[]>();

/**
 * The evaluations by entity ref, by code unit of the lower-cased ref, not by locale: the order
 * must not depend on the server's locale. Keys are lower-cased once, not in every comparison.
 */
function sortedByRef(evaluations: EntityOwnership[]): EntityOwnership[] {
  let sorted = inRefOrder.get(evaluations);
  if (!sorted) {
    sorted = sortByRef(evaluations);
    inRefOrder.set(evaluations, sorted);
  }
  return sorted;
}

function sortByRef(evaluations: EntityOwnership[]): EntityOwnership[] {
  return evaluations
    .map(e => ({ key: entityRefKey(e.entityRef), e }))
    .sort((a, b) => {
      if (a.key === b.key) return 0;
      return a.key < b.key ? -1 : 1;
    })
    .map(({ e }) => e);
}

/** Each role of the ownership with its attestation state at `at` (`none` without one). */
function withAttestations(
  ownership: EntityOwnership,
  attestations: OwnershipAttestation[],
  at: Date,
): EntityOwnership {
  return {
    ...ownership,
    roles: ownership.roles.map(role => ({
      ...role,
      attestation: roleAttestation(
        attestations.find(a => a.role === role.role),
        role.value,
        at,
      ),
    })),
  };
}
