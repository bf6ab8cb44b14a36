/*
 * The scorecard's catalog evaluation, kept for a short TTL so that paging, filtering, grouping and
 * the CSV download reuse one whole-catalog read instead of streaming the catalog on every click.
 *
 * Visibility: entries are keyed by whose view of the catalog they hold (CatalogVisibility's
 * `catalogView`): everyone who reads the whole catalog (services, users the permission policy
 * allows catalog reads unconditionally) shares one entry; a user under conditions has their own,
 * read with their credentials, so nobody is shown what the catalog would not show them. Two
 * sessions of one user with different ownership claims share an entry for at most one TTL.
 *
 * Concurrent requests for a key that is being evaluated wait for that one evaluation
 * (single-flight). A request late in the TTL is served the held evaluation and starts the next
 * one in the background (REFRESH_AFTER_SHARE_OF_TTL), so the scorecard stays warm while it is
 * used; no evaluation older than the TTL is ever served. A failed evaluation is not kept. A TTL
 * of 0 turns caching off entirely.
 */
import { EntityOwnership } from '@stewardship/backstage-plugin-stewardship-common';

/** One evaluation of the catalog and when its read began. */
export interface CatalogEvaluation {
  evaluations: EntityOwnership[];
  /** When the catalog read started: no entity in `evaluations` is older than this. */
  evaluatedAt: Date;
}

/**
 * One view's evaluations: the last finished one, and the read in progress (the first, a refresh,
 * or a read after the last one expired).
 */
interface Entry {
  current?: CatalogEvaluation;
  pending?: Promise<CatalogEvaluation>;
}

/** At most this many views' evaluations are held at once; the oldest go first. */
const DEFAULT_MAX_ENTRIES = 50;

/**
 * Past this share of the TTL, a request is still served the held evaluation but also starts the
 * next read in the background, so that someone who keeps using the scorecard never waits for a
 * cold read after the first. Late in the TTL, so that a busy scorecard still reads the catalog
 * about once per TTL, not twice.
 */
export const REFRESH_AFTER_SHARE_OF_TTL = 0.75;

export class ScorecardCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => Date;

  constructor(options: {
    ttlMs: number;
    now?: () => Date;
    maxEntries?: number;
  }) {
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? (() => new Date());
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  /**
   * The evaluation of the view `key`: a cached one younger than the TTL (starting the next read
   * in the background when it is past REFRESH_AFTER_SHARE_OF_TTL of it), else the read in
   * progress, else a new one from `evaluate`.
   */
  get(
    key: string,
    evaluate: () => Promise<EntityOwnership[]>,
  ): Promise<CatalogEvaluation> {
    if (this.ttlMs <= 0) return this.run(evaluate);

    this.evictExpired();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
      while (this.entries.size > this.maxEntries) {
        this.entries.delete(this.entries.keys().next().value!);
      }
    }
    const { current } = entry;
    if (current) {
      if (
        !entry.pending &&
        this.ageMs(current) >= this.ttlMs * REFRESH_AFTER_SHARE_OF_TTL
      ) {
        this.read(entry, evaluate);
      }
      return Promise.resolve(current);
    }
    return entry.pending ?? this.read(entry, evaluate);
  }

  /**
   * Starts the entry's next read. A failed read is not kept: whoever waits for it gets the error,
   * an evaluation held meanwhile is served until it expires, and the next request reads again.
   */
  private read(
    entry: Entry,
    evaluate: () => Promise<EntityOwnership[]>,
  ): Promise<CatalogEvaluation> {
    const pending = this.run(evaluate).then(
      result => {
        entry.current = result;
        entry.pending = undefined;
        return result;
      },
      error => {
        entry.pending = undefined;
        throw error;
      },
    );
    // A refresh in the background has nobody waiting for it: its failure is not unhandled.
    pending.catch(() => {});
    entry.pending = pending;
    return pending;
  }

  private async run(
    evaluate: () => Promise<EntityOwnership[]>,
  ): Promise<CatalogEvaluation> {
    const evaluatedAt = this.now();
    return { evaluations: await evaluate(), evaluatedAt };
  }

  private ageMs(evaluation: CatalogEvaluation): number {
    return this.now().getTime() - evaluation.evaluatedAt.getTime();
  }

  /** Drops evaluations older than the TTL, and views left with neither one nor a read running. */
  private evictExpired() {
    for (const [key, entry] of this.entries) {
      if (entry.current && this.ageMs(entry.current) >= this.ttlMs) {
        entry.current = undefined;
      }
      if (!entry.current && !entry.pending) this.entries.delete(key);
    }
  }
}
