import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  ScorecardGroup,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import { Fragment, useMemo, useState } from 'react';
import { formatCoverage } from './formatCoverage';
import { GroupKey } from './GroupKey';
import { GroupSortSelect } from './GroupSortSelect';
import { GroupSort, sortGroups } from './groupSorts';
import { NarrowList, NarrowListItem } from './NarrowList';
import { ScorecardParam } from './useScorecardParams';

/** As many groups a page as the table shows; it pages only beyond them. */
const PAGE_SIZE = 20;

const useStyles = makeStyles(theme => ({
  // Label and value side by side, as the table's header and cell were.
  figures: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(1.5),
    margin: theme.spacing(0.5, 0, 0),
    '& dd': { margin: 0 },
  },
  label: { color: theme.palette.text.secondary },
}));

/**
 * The scorecard's groups for a narrow window ({@link useNarrowLayout}): one card per group with
 * the table's columns as labelled figures, sorted as the table sorts (`sort`, which the table
 * shares, so a resize keeps the order) by a "Sort by" select.
 */
export function GroupsList(props: {
  title: string;
  groups: ScorecardGroup[];
  groupBy: ScorecardGroupBy;
  onFilter: (key: ScorecardParam, value: string) => void;
  sort: GroupSort;
  onSortChange: (sort: GroupSort) => void;
}) {
  const { groupBy, onFilter } = props;
  const classes = useStyles();
  const [paging, setPaging] = useState({ page: 0, pageSize: PAGE_SIZE });
  const groups = useMemo(
    () => sortGroups(props.groups, props.sort),
    [props.groups, props.sort],
  );
  const id = `scorecard-groups-${groupBy}`;
  // A new grouping or filter may leave fewer pages than the one shown.
  const pages = Math.max(1, Math.ceil(groups.length / paging.pageSize));
  const page = Math.min(paging.page, pages - 1);
  const shown = groups.slice(
    page * paging.pageSize,
    (page + 1) * paging.pageSize,
  );
  const figures = (group: ScorecardGroup): Array<[string, string]> => [
    ['Entities', group.entities.toLocaleString('en-US')],
    ['Compliant', formatCoverage(group.compliant, group.entities)],
    ...OWNERSHIP_ROLES.map((role): [string, string] => [
      OWNERSHIP_ROLE_TITLES[role],
      formatCoverage(group.roles[role]?.ok ?? 0, group.entities),
    ]),
  ];
  return (
    <NarrowList
      id={id}
      title={props.title}
      controls={
        <GroupSortSelect
          id={id}
          sort={props.sort}
          onChange={sort => {
            props.onSortChange(sort);
            // A new order starts at its first page, as the table's does.
            setPaging(previous => ({ ...previous, page: 0 }));
          }}
        />
      }
      count={groups.length}
      paging={
        groups.length > PAGE_SIZE
          ? {
              page,
              pageSize: paging.pageSize,
              pageSizes: [PAGE_SIZE, 50, 100],
              totalCount: groups.length,
              onPageChange: (next, pageSize) =>
                setPaging({ page: next, pageSize }),
            }
          : undefined
      }
    >
      {shown.map(group => (
        <NarrowListItem key={group.key}>
          <Typography variant="subtitle1" component="h3">
            <GroupKey group={group} groupBy={groupBy} onFilter={onFilter} />
          </Typography>
          <Typography
            variant="body2"
            component="dl"
            className={classes.figures}
          >
            {figures(group).map(([label, value]) => (
              <Fragment key={label}>
                <dt className={classes.label}>{label}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </Typography>
        </NarrowListItem>
      ))}
    </NarrowList>
  );
}
