import { Table } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SLO_OVERVIEW_STATUSES,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStatusLabel } from '../EntitySlosContent/SloStatusLabel';
import { formatInstant, formatPercent } from '../formatSlo';
import { wholeWords } from '../tables/wholeWords';

const useStyles = makeStyles(theme => ({
  status: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

function Status(props: { item: SloOverviewItem }) {
  const classes = useStyles();
  const { item } = props;
  // As on the SLO tab: the evaluated status, `stale` beside it when it is old, or only `stale`.
  return (
    <div className={classes.status}>
      <SloStatusLabel status={item.status ?? 'stale'} />
      {item.stale && item.status && <SloStatusLabel status="stale" />}
    </div>
  );
}

/** Worst first, as SLO_OVERVIEW_STATUSES orders them; a stale SLO sorts as its last status. */
const statusRank = (item: SloOverviewItem) =>
  SLO_OVERVIEW_STATUSES.indexOf(item.status ?? 'stale');

/** Lowest budget first; an SLO without data sorts after every figure. */
const budget = (item: SloOverviewItem) =>
  item.budgetRemaining ?? Number.POSITIVE_INFINITY;

const text = (value: string | undefined) => value ?? '';

// Built once: material-table keeps its sort state on the column objects.
const columns = wholeWords<SloOverviewItem>([
  { title: 'SLO', field: 'name', highlight: true },
  {
    title: 'Entity',
    field: 'entityRef',
    render: item => (
      <EntityRefLink entityRef={item.entityRef}>
        {item.entityTitle}
      </EntityRefLink>
    ),
  },
  {
    title: 'Status',
    field: 'status',
    customSort: (a, b) => statusRank(a) - statusRank(b),
    render: item => <Status item={item} />,
  },
  {
    title: 'Budget remaining',
    field: 'budgetRemaining',
    type: 'numeric',
    customSort: (a, b) => budget(a) - budget(b),
    render: item =>
      item.budgetRemaining === undefined
        ? 'no data'
        : formatPercent(item.budgetRemaining, 1),
  },
  {
    title: 'SLI / objective',
    field: 'sli',
    sorting: false,
    render: item =>
      `${
        item.sli === undefined ? 'no data' : formatPercent(item.sli)
      } / ${formatPercent(item.objective)}`,
  },
  {
    title: 'Owner',
    field: 'owner',
    customSort: (a, b) => text(a.owner).localeCompare(text(b.owner)),
    render: item =>
      item.owner ? <EntityRefLink entityRef={item.owner} /> : '—',
  },
  {
    title: 'System',
    field: 'system',
    customSort: (a, b) => text(a.system).localeCompare(text(b.system)),
    render: item =>
      item.system ? <EntityRefLink entityRef={item.system} /> : '—',
  },
  {
    title: 'Evaluated as of',
    field: 'evaluatedAt',
    render: item =>
      item.evaluatedAt ? formatInstant(item.evaluatedAt) : 'never',
  },
]);

/** Every listed SLO, sortable by each column; paged in the browser. */
export function SloOverviewTable(props: {
  items: SloOverviewItem[];
  loading: boolean;
}) {
  return (
    <Table<SloOverviewItem>
      title={`SLOs (${props.items.length})`}
      columns={columns}
      data={props.items}
      isLoading={props.loading}
      options={{
        paging: props.items.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        emptyRowsWhenPaging: false,
        search: false,
        sorting: true,
        padding: 'dense',
        // A drag handle inside the sort button is a control nested in a control (axe
        // nested-interactive), as in the planning review's tables.
        draggable: false,
      }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">No SLO matches these filters.</Typography>
        </Box>
      }
    />
  );
}
