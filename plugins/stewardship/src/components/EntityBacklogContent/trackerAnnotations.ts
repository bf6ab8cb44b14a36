import { Entity } from '@backstage/catalog-model';
import { BACKLOG_TRACKER_ANNOTATIONS } from '../../backlogAnnotations';

/** Which tracker annotations an entity has: those that select items, those that only narrow. */
export interface TrackerAnnotations {
  selecting: string[];
  narrowingOnly: string[];
}

/** The entity's tracker annotations with a non-blank value. */
export function trackerAnnotationsOf(entity: Entity): TrackerAnnotations {
  const values = entity.metadata.annotations ?? {};
  const present = BACKLOG_TRACKER_ANNOTATIONS.filter(a =>
    Boolean(values[a.annotation]?.trim()),
  );
  const selecting = present.filter(a => a.selects).map(a => a.annotation);
  return {
    selecting,
    narrowingOnly:
      selecting.length > 0
        ? []
        : present.filter(a => !a.selects).map(a => a.annotation),
  };
}
