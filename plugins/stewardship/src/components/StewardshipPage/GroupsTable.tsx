import { Table, TableColumn } from '@backstage/core-components';
import {
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  ScorecardGroup,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatCoverage } from './formatCoverage';
import { GroupKey } from './GroupKey';
import { GroupsList } from './GroupsList';
import { useNarrowLayout } from './useNarrowLayout';
import { ScorecardParam } from './useScorecardParams';
import { wholeWords } from '../tables/wholeWords';

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
  const { groups, groupBy, onFilter } = props;
  const narrow = useNarrowLayout();
  if (narrow) {
    return (
      <GroupsList
        title={TITLES[groupBy]}
        groups={groups}
        groupBy={groupBy}
        onFilter={onFilter}
      />
    );
  }
  const columns: TableColumn<ScorecardGroup>[] = [
    {
      title: 'Group',
      field: 'key',
      highlight: true,
      render: group => (
        <GroupKey group={group} groupBy={groupBy} onFilter={onFilter} />
      ),
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
    {
      title: 'Compliant',
      field: 'compliant',
      render: group => formatCoverage(group.compliant, group.entities),
      customSort: (a, b) =>
        a.compliant / (a.entities || 1) - b.compliant / (b.entities || 1),
    },
    ...OWNERSHIP_ROLES.map(
      (role): TableColumn<ScorecardGroup> => ({
        title: OWNERSHIP_ROLE_TITLES[role],
        render: group =>
          formatCoverage(group.roles[role]?.ok ?? 0, group.entities),
        customSort: (a, b) =>
          (a.roles[role]?.ok ?? 0) / (a.entities || 1) -
          (b.roles[role]?.ok ?? 0) / (b.entities || 1),
      }),
    ),
  ];

  return (
    <Table<ScorecardGroup>
      title={TITLES[groupBy]}
      columns={wholeWords(columns)}
      data={groups}
      options={{
        paging: groups.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
        // A drag handle inside the sort button is a control nested in a control (axe
        // nested-interactive), as in the SLO overview's table.
        draggable: false,
      }}
    />
  );
}
