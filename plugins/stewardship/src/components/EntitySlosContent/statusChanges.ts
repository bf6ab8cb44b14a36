import { SloOverviewItem } from '@stewardship/backstage-plugin-stewardship-common';
import { EntitySlos } from '../../api';
import { displayStatus } from './describeSlo';

/** The most changes one sentence names; the rest are counted. */
export const STATUS_CHANGES_NAMED = 5;

/** An SLO as a status sentence names it: its id, how it is named, its status word, stale or not. */
interface SloStatusWord {
  id: string;
  name: string;
  status: string;
  /** Marked `stale` beside its status word (an old or outdated evaluation). */
  stale: boolean;
}

/** What changed in one SLO, if anything: its status word, else its stale mark. */
function describeChange(
  previous: SloStatusWord,
  slo: SloStatusWord,
): string | undefined {
  if (previous.status !== slo.status) {
    return `${slo.name} is now ${slo.status} (was ${previous.status})`;
  }
  // The same word with `stale` put beside it or taken away: its evaluations stopped (or its
  // definition changed since), or came back.
  if (previous.stale !== slo.stale && slo.status !== 'stale') {
    return slo.stale
      ? `${slo.name} is now stale (${slo.status} when last evaluated)`
      : `${slo.name} is current again (${slo.status})`;
  }
  return undefined;
}

/**
 * What changed between two reads, each SLO in both whose status word or stale mark changed, by
 * name, in the order of the new read: "SLO availability is now at-risk (was healthy).", "SLO
 * availability is now stale (healthy when last evaluated)." or "2 SLOs changed status: …".
 * Undefined when none changed; SLOs added or removed meanwhile are not status changes (their rows
 * say so themselves).
 */
function describeChanges(
  before: SloStatusWord[],
  after: SloStatusWord[],
): string | undefined {
  const was = new Map(before.map(slo => [slo.id, slo]));
  const changes = after.flatMap(slo => {
    const previous = was.get(slo.id);
    const change = previous && describeChange(previous, slo);
    return change ? [change] : [];
  });
  if (changes.length === 0) return undefined;
  if (changes.length === 1) return `SLO ${changes[0]}.`;
  const named = changes.slice(0, STATUS_CHANGES_NAMED).join('; ');
  const more = changes.length - STATUS_CHANGES_NAMED;
  return `${changes.length} SLOs changed status: ${named}${
    more > 0 ? `; and ${more} more` : ''
  }.`;
}

/**
 * What changed between two reads of an entity's SLOs, shown and said after the tab read them
 * again by itself (a stored evaluation run); see `describeChanges`.
 */
export function describeStatusChanges(
  before: EntitySlos,
  after: EntitySlos,
): string | undefined {
  const words = (slos: EntitySlos) =>
    slos.items.map(item => ({
      id: item.slo.id,
      name: item.slo.name,
      status: displayStatus(item),
      stale: item.stale,
    }));
  return describeChanges(words(before), words(after));
}

/**
 * The same for two reads of the SLO overview, whose SLOs belong to many entities: each is named
 * with its entity ("availability of Checkout Service"), its status word as the Status column's
 * first (`stale` when never evaluated).
 */
export function describeOverviewStatusChanges(
  before: SloOverviewItem[],
  after: SloOverviewItem[],
): string | undefined {
  const words = (items: SloOverviewItem[]) =>
    items.map(item => ({
      id: item.sloId,
      name: `${item.name} of ${item.entityTitle ?? item.entityRef}`,
      status: item.status ?? 'stale',
      stale: item.stale,
    }));
  return describeChanges(words(before), words(after));
}
