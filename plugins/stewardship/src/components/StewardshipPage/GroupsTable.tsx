import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import FilterListIcon from '@material-ui/icons/FilterList';
import {
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  ScorecardGroup,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatCoverage } from './formatCoverage';
import { ScorecardParam } from './useScorecardParams';
import { wholeWords } from '../tables/wholeWords';

const TITLES: Record<ScorecardGroupBy, string> = {
  owner: 'By owning group',
  system: 'By system',
  domain: 'By domain',
  kind: 'By kind',
};

const useStyles = makeStyles(theme => ({
  key: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
}));

function GroupKey(props: {
  group: ScorecardGroup;
  groupBy: ScorecardGroupBy;
  onFilter: (key: ScorecardParam, value: string) => void;
}) {
  const { group, groupBy, onFilter } = props;
  const classes = useStyles();
  if (group.key === 'none') {
    return <>(none)</>;
  }
  // Owners, systems and domains are entity refs; kinds are plain words.
  const isRef = group.key.includes(':');
  return (
    <span className={classes.key}>
      {isRef ? <EntityRefLink entityRef={group.key} /> : group.key}
      <Tooltip title="Show only this group">
        <IconButton
          size="small"
          aria-label={`Show only ${group.key}`}
          onClick={() => onFilter(groupBy, group.key)}
        >
          <FilterListIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </span>
  );
}

/** Coverage per owning group, system, domain or kind. */
export function GroupsTable(props: {
  groups: ScorecardGroup[];
  groupBy: ScorecardGroupBy;
  onFilter: (key: ScorecardParam, value: string) => void;
}) {
  const { groups, groupBy, onFilter } = props;
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
