import {
  BacklogFigures,
  BacklogReadFailure,
} from '@stewardship/backstage-plugin-stewardship-common';

/** The latest backlog figures per entity, for reads that must not call a tracker. */
export interface BacklogFiguresStore {
  /**
   * Replaces the entity's stored figures (lower-case full ref), unless those were computed later
   * (by their `at`): figures from a slower, older read never replace newer ones.
   */
  saveBacklogFigures(entityRef: string, figures: BacklogFigures): Promise<void>;

  /** The stored figures of these entities, by ref; an entity never read is absent. */
  latestBacklogFigures(
    entityRefs: readonly string[],
  ): Promise<Map<string, BacklogFigures>>;

  /**
   * Replaces the entity's stored failed read (lower-case full ref), unless a later one is stored
   * (by its `at`). Complete reads are kept apart ({@link saveBacklogFigures}); a reader compares
   * the two moments.
   */
  saveBacklogReadFailure(
    entityRef: string,
    failure: BacklogReadFailure,
  ): Promise<void>;

  /** The stored failed reads of these entities, by ref; an entity whose reads never failed is absent. */
  latestBacklogReadFailures(
    entityRefs: readonly string[],
  ): Promise<Map<string, BacklogReadFailure>>;

  /**
   * Deletes the figures computed and the failed reads made before `before` (housekeeping, with
   * the snapshot retention): an entity removed from the catalog, or whose backlog nobody opens,
   * would otherwise keep its row for ever. Returns how many rows it deleted, of both kinds.
   */
  pruneBacklogReads(before: Date): Promise<number>;
}
