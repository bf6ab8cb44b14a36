import { TableColumn } from '@backstage/core-components';
import {
  ScorecardGroup,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useState } from 'react';
import { formatCoverage } from './formatCoverage';
import { GroupKey } from './GroupKey';
import { GroupsList } from './GroupsList';
import { GROUP_SORT_COLUMNS, GroupSort, GroupSortColumn } from './groupSorts';
import { useNarrowLayout } from './useNarrowLayout';
import { ScorecardParam } from './useScorecardParams';
import { filterControlId } from './ScorecardFilters';
import { wholeWords } from '../tables/wholeWords';
import { AccessibleTable } from '../tables/AccessibleTable';

const TITLES: Record<ScorecardGroupBy, string> = {
  owner: 'By owning group',
  system: 'By system',
  domain: 'By domain',
  kind: 'By kind',
};

/**
 * Coverage per owning group, system, domain or kind: a table, or a list of cards in a window too
 * narrow for its columns.
 */
export function GroupsTable(props: {
  groups: ScorecardGroup[];
  groupBy: ScorecardGroupBy;
  onFilter: (key: ScorecardParam, value: string) => void;
}) {
  const { groups, groupBy } = props;
  const narrow = useNarrowLayout();
  // Kept here, above both layouts, so a resize across 600 px keeps the order.
  const [sort, setSort] = useState<GroupSort>();
  // A group's "Show only" filters the page: the groups are drawn anew and its button goes, and
  // focus with it to the page's top. Focus goes instead to the filter control that now shows the
  // group (the Kind picker, or an owner's, system's or domain's chip), once it is on the page;
  // the page's status line then says what the filter shows.
  const [focusFilter, setFocusFilter] = useState<ScorecardParam>();
  useEffect(() => {
    if (!focusFilter) return;
    const control = document.getElementById(filterControlId(focusFilter));
    // Drawn with the filter in the URL, in the click's own commit; if not yet, tried again as the
    // page draws this table anew with it (a new onFilter) and with its groups.
    if (!control) return;
    setFocusFilter(undefined);
    control.focus();
  }, [focusFilter, props.onFilter, groups]);
  const onFilter = (key: ScorecardParam, value: string) => {
    props.onFilter(key, value);
    setFocusFilter(key);
  };
  if (narrow) {
    return (
      <GroupsList
        title={TITLES[groupBy]}
        groups={groups}
        groupBy={groupBy}
        onFilter={onFilter}
        sort={sort}
        onSortChange={setSort}
      />
    );
  }
  // What each sortable column's cells show.
  const cells = (
    column: GroupSortColumn,
  ): Partial<TableColumn<ScorecardGroup>> => {
    switch (column) {
      case 'group':
        return {
          field: 'key',
          highlight: true,
          render: group => (
            <GroupKey group={group} groupBy={groupBy} onFilter={onFilter} />
          ),
        };
      case 'entities':
        return { field: 'entities', type: 'numeric' };
      case 'compliant':
        return {
          field: 'compliant',
          render: group => formatCoverage(group.compliant, group.entities),
        };
      default:
        return {
          render: group =>
            formatCoverage(group.roles[column]?.ok ?? 0, group.entities),
        };
    }
  };
  const columns = GROUP_SORT_COLUMNS.map(
    ({ column, title, compare }): TableColumn<ScorecardGroup> => ({
      title,
      ...cells(column),
      // The narrow list's comparators too; the sort both share starts the table sorted.
      customSort: compare,
      defaultSort: sort?.column === column ? sort.direction : undefined,
    }),
  );

  return (
    <AccessibleTable<ScorecardGroup>
      title={TITLES[groupBy]}
      columns={wholeWords(columns)}
      data={groups}
      // The column's index in GROUP_SORT_COLUMNS; no direction is the third click: unsorted.
      onOrderChange={(orderBy, direction) =>
        setSort(
          orderBy >= 0 && direction
            ? { column: GROUP_SORT_COLUMNS[orderBy].column, direction }
            : undefined,
        )
      }
      options={{
        paging: groups.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
