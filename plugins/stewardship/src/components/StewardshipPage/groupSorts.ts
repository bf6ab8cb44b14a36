import {
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  OwnershipRole,
  ScorecardGroup,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  ColumnSort,
  SortDirection,
  byNumber,
  byText,
  sortRows,
} from '../tables/sorting';

/** A column of the scorecard's groups that sorts: the group, its entity count, or a share. */
export type GroupSortColumn =
  | 'group'
  | 'entities'
  | 'compliant'
  | OwnershipRole;

/**
 * How the groups are sorted, as the wide table's header and the narrow list's select both set it;
 * `undefined` is the order the backend sends (least compliant first).
 */
export type GroupSort =
  | { column: GroupSortColumn; direction: SortDirection }
  | undefined;

/** A share of the group's entities; none for a group without entities (sorted last). */
const share = (count: number, group: ScorecardGroup) =>
  group.entities > 0 ? count / group.entities : undefined;

/**
 * The sortable columns in the table's order, each with its title, its comparator (the table's
 * `customSort`) and the words the narrow list's select says for each direction.
 */
export const GROUP_SORT_COLUMNS: ReadonlyArray<{
  column: GroupSortColumn;
  title: string;
  compare: ColumnSort<ScorecardGroup>;
  asc: string;
  desc: string;
}> = [
  {
    column: 'group',
    title: 'Group',
    // "(none)" is no group: last both ways, as rows without a value are.
    compare: byText(g => (g.key === 'none' ? undefined : g.key)),
    asc: 'A to Z',
    desc: 'Z to A',
  },
  {
    column: 'entities',
    title: 'Entities',
    compare: byNumber(g => g.entities),
    asc: 'fewest first',
    desc: 'most first',
  },
  {
    column: 'compliant',
    title: 'Compliant',
    compare: byNumber(g => share(g.compliant, g)),
    asc: 'lowest first',
    desc: 'highest first',
  },
  ...OWNERSHIP_ROLES.map(role => ({
    column: role,
    title: OWNERSHIP_ROLE_TITLES[role],
    compare: byNumber<ScorecardGroup>(g => share(g.roles[role]?.ok ?? 0, g)),
    asc: 'lowest first',
    desc: 'highest first',
  })),
];

/** The comparator of a sortable column. */
export function groupColumnSort(
  column: GroupSortColumn,
): ColumnSort<ScorecardGroup> {
  return GROUP_SORT_COLUMNS.find(c => c.column === column)!.compare;
}

/** The groups in the order `sort` gives, as the wide table would show them. */
export function sortGroups(
  groups: readonly ScorecardGroup[],
  sort: GroupSort,
): ScorecardGroup[] {
  return sort
    ? sortRows(groups, groupColumnSort(sort.column), sort.direction)
    : [...groups];
}
