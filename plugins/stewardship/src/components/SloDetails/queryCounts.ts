import {
  EventCounts,
  SliSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatCountThousandths as formatCount } from '../formatSlo';

/** What an SLI query counts: good events, bad events or all of them. */
export type CountName = 'good' | 'bad' | 'total';

/** Whether the SLI's queries count bad and total events, good being total − bad. */
export function countsBadEvents(sli: SliSpec): boolean {
  return sli.type === 'ratio' && sli.bad !== undefined;
}

/** The SLI's named queries as written: `bad` or `good`, and `total`. */
function namedQueries(sli: SliSpec): Array<[CountName, string]> {
  if (sli.type === 'ratio' && sli.bad !== undefined) {
    return [
      ['bad', sli.bad],
      ['total', sli.total],
    ];
  }
  return [
    ['good', sli.good!],
    ['total', sli.total],
  ];
}

const WINDOW_PLACEHOLDER = /\\\{\\\{\s*\\\.window\s*\\\}\\\}/g;

/** A pattern finding `query` inside a query as sent, its `{{.window}}` filled in with any range. */
function sentForm(query: string): RegExp {
  const escaped = query.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(WINDOW_PLACEHOLDER, '[^\\]\\s]+'));
}

/**
 * What each query as sent counts, by finding the SLI's own queries in it: a source sends its
 * queries wrapped (`sum(increase(<selector>[<range>]))`) or with the window filled in, and names
 * none of them. When several SLI queries are found in one (a total selector inside a longer bad
 * one), the longest names it; a query matching none, or two equally long, is left unnamed
 * (`undefined`) rather than guessed.
 */
export function countNamesOf(
  sli: SliSpec,
  sent: ReadonlyArray<string>,
): Array<CountName | undefined> {
  const patterns = namedQueries(sli).map(([name, query]) => ({
    name,
    length: query.trim().length,
    pattern: sentForm(query),
  }));
  return sent.map(query => {
    const found = patterns
      .filter(p => p.pattern.test(query))
      .sort((a, b) => b.length - a.length);
    if (found.length === 0) return undefined;
    if (found.length > 1 && found[0].length === found[1].length) {
      return undefined;
    }
    return found[0].name;
  });
}

/** The count one named query returned, from the good and total the evaluation kept. */
export function countOf(name: CountName, counts: EventCounts): number {
  if (name === 'bad') return counts.total - counts.good;
  return name === 'good' ? counts.good : counts.total;
}

/** What a query counts, in words, for the line above it. */
export const COUNT_LABELS: Record<CountName, string> = {
  good: 'Counts good events',
  bad: 'Counts bad events',
  total: 'Counts all events (total)',
};

/**
 * A window's counts as its queries counted them: `good = G, total = T`, or for an SLI counting bad
 * events `bad = B, total = T; good = total − bad = G`, so the counts read in the queries' terms.
 */
export function countsText(counts: EventCounts, badEvents: boolean): string {
  if (!badEvents) {
    return `good = ${formatCount(counts.good)}, total = ${formatCount(
      counts.total,
    )}`;
  }
  return `bad = ${formatCount(countOf('bad', counts))}, total = ${formatCount(
    counts.total,
  )}; good = total − bad = ${formatCount(counts.good)}`;
}
