import { SliSpec } from '@stewardship/backstage-plugin-stewardship-common';

/** The named event queries of an SLI: `good` or `bad`, and `total`. */
export function sliQueries(sli: SliSpec): Record<string, string> {
  if (sli.type === 'ratio' && sli.bad !== undefined) {
    return { bad: sli.bad, total: sli.total };
  }
  return { good: sli.good!, total: sli.total };
}
