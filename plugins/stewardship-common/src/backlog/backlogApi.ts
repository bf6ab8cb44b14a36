/*
 * The body of the backlog route's response, shared by the backend (which answers it) and the
 * frontend client (which reads it).
 */
import { BacklogFigures } from './backlogFigures';
import { BacklogItem, BacklogProviderState } from './types';

/**
 * An entity's open work items with the backlog health figures and each provider's state: the
 * body of `GET /entities/{kind}/{namespace}/{name}/backlog`.
 *
 * @public
 */
export interface EntityBacklog {
  /** The entity, as the backend normalised its ref. */
  entityRef: string;
  /** Open items of every provider, merged by rank (all rank-1 items first). */
  items: BacklogItem[];
  /** The health figures over those items (definitions in `-common`'s `computeBacklogFigures`). */
  figures: BacklogFigures;
  /** The providers that apply to the entity; one in `error` makes the backlog partial. */
  providers: BacklogProviderState[];
}
