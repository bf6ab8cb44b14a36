import { EntitySlos } from '../../api';
import { displayStatus } from './describeSlo';

/** The most changes one sentence names; the rest are counted. */
export const STATUS_CHANGES_NAMED = 5;

/**
 * What changed between two reads of an entity's SLOs, shown and said after the tab read them
 * again by itself (a stored evaluation run): each SLO in both whose status word changed, by name,
 * in the order of the new list — "SLO availability is now at-risk (was healthy)." or "2 SLOs
 * changed status: …". Undefined when no status changed; SLOs added or removed meanwhile are not
 * status changes (their rows say so themselves).
 */
export function describeStatusChanges(
  before: EntitySlos,
  after: EntitySlos,
): string | undefined {
  const was = new Map(
    before.items.map(item => [item.slo.id, displayStatus(item)]),
  );
  const changes = after.items.flatMap(item => {
    const previous = was.get(item.slo.id);
    const now = displayStatus(item);
    return previous !== undefined && previous !== now
      ? [`${item.slo.name} is now ${now} (was ${previous})`]
      : [];
  });
  if (changes.length === 0) return undefined;
  if (changes.length === 1) return `SLO ${changes[0]}.`;
  const named = changes.slice(0, STATUS_CHANGES_NAMED).join('; ');
  const more = changes.length - STATUS_CHANGES_NAMED;
  return `${changes.length} SLOs changed status: ${named}${
    more > 0 ? `; and ${more} more` : ''
  }.`;
}
