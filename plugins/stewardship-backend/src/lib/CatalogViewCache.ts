/*
 * What a whole-catalog read produced (the scorecard's ownership evaluation, the SLO overview's
 * entities), kept for a short TTL so that the pages, filters and downloads of an org-wide page
 * reuse one read instead of streaming the catalog on every click.
 *
 * Visibility: entries are keyed by whose view of the catalog they hold (CatalogVisibility's
 * `catalogView`): everyone who reads the whole catalog (services, users the permission policy
 * allows catalog reads unconditionally) shares one entry; a user under conditions has their own,
 * read with their credentials, so nobody is shown what the catalog would not show them. Two
 * sessions of one user with different ownership claims share an entry for at most one TTL.
 *
 * Concurrent requests for a key that is being read wait for that one read (single-flight). A
 * request late in the TTL is served the held result and starts the next read in the background
 * (REFRESH_AFTER_SHARE_OF_TTL), so a page stays warm while it is used; no result older than the
 * TTL is ever served. A failed read is not kept. A TTL of 0 turns caching off entirely.
 */

/** A read's result and when the read began. */
export interface CatalogViewRead<T> {
  value: T;
  /** When the catalog read started: nothing in `value` is older than this. */
  readAt: Date;
}

/**
 * One view's reads: the last finished one, and the read in progress (the first, a refresh, or a
 * read after the last one expired).
 */
interface Entry<T> {
  current?: CatalogViewRead<T>;
  pending?: Promise<CatalogViewRead<T>>;
}

/** At most this many views' results are held at once; the oldest go first. */
const DEFAULT_MAX_ENTRIES = 50;

/**
 * Past this share of the TTL, a request is still served the held result but also starts the
 * next read in the background, so that someone who keeps using the page never waits for a cold
 * read after the first. Late in the TTL, so that a busy page still reads the catalog about once
 * per TTL, not twice.
 */
export const REFRESH_AFTER_SHARE_OF_TTL = 0.75;

export class CatalogViewCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
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
   * The result for the view `key`: a held one younger than the TTL (starting the next read in
   * the background when it is past REFRESH_AFTER_SHARE_OF_TTL of it), else the read in progress,
   * else a new one from `read`.
   */
  get(key: string, read: () => Promise<T>): Promise<CatalogViewRead<T>> {
    if (this.ttlMs <= 0) return this.run(read);

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
        this.start(entry, read);
      }
      return Promise.resolve(current);
    }
    return entry.pending ?? this.start(entry, read);
  }

  /**
   * Starts the entry's next read. A failed read is not kept: whoever waits for it gets the error,
   * a result held meanwhile is served until it expires, and the next request reads again.
   */
  private start(
    entry: Entry<T>,
    read: () => Promise<T>,
  ): Promise<CatalogViewRead<T>> {
    const pending = this.run(read).then(
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

  private async run(read: () => Promise<T>): Promise<CatalogViewRead<T>> {
    const readAt = this.now();
    return { value: await read(), readAt };
  }

  private ageMs(result: CatalogViewRead<T>): number {
    return this.now().getTime() - result.readAt.getTime();
  }

  /** Drops results older than the TTL, and views left with neither one nor a read running. */
  private evictExpired() {
    for (const [key, entry] of this.entries) {
      if (entry.current && this.ageMs(entry.current) >= this.ttlMs) {
        entry.current = undefined;
      }
      if (!entry.current && !entry.pending) this.entries.delete(key);
    }
  }
}
