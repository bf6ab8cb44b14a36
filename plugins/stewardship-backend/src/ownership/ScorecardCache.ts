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
 * (single-flight). A failed evaluation is not kept. A TTL of 0 turns caching off entirely.
 */
import { EntityOwnership } from '@stewardship/backstage-plugin-stewardship-common';

/** One evaluation of the catalog and when its read began. */
export interface CatalogEvaluation {
  evaluations: EntityOwnership[];
  /** When the catalog read started: no entity in `evaluations` is older than this. */
  evaluatedAt: Date;
}

interface Entry {
  promise: Promise<CatalogEvaluation>;
  /** Set once the evaluation has finished. */
  evaluatedAt?: Date;
}

/** At most this many views' evaluations are held at once; the oldest go first. */
const DEFAULT_MAX_ENTRIES = 50;

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
   * The evaluation of the view `key`: a fresh enough cached one, the one in progress, or a new
   * one from `evaluate`.
   */
  get(
    key: string,
    evaluate: () => Promise<EntityOwnership[]>,
  ): Promise<CatalogEvaluation> {
    if (this.ttlMs <= 0) return this.run(evaluate);

    this.evictExpired();
    const cached = this.entries.get(key);
    if (cached) return cached.promise;

    const entry: Entry = {
      promise: this.run(evaluate).then(
        result => {
          entry.evaluatedAt = result.evaluatedAt;
          return result;
        },
        error => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          throw error;
        },
      ),
    };
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry.promise;
  }

  private async run(
    evaluate: () => Promise<EntityOwnership[]>,
  ): Promise<CatalogEvaluation> {
    const evaluatedAt = this.now();
    return { evaluations: await evaluate(), evaluatedAt };
  }

  /** Drops finished entries older than the TTL; entries in progress stay shared. */
  private evictExpired() {
    const now = this.now().getTime();
    for (const [key, entry] of this.entries) {
      if (
        entry.evaluatedAt &&
        now - entry.evaluatedAt.getTime() >= this.ttlMs
      ) {
        this.entries.delete(key);
      }
    }
  }
}
