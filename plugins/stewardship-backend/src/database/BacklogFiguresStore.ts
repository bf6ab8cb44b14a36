import { BacklogFigures } from '@stewardship/backstage-plugin-stewardship-common';

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
}
