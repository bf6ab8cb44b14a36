import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  FailingEntity,
  OwnershipScorecard,
} from '@stewardship/backstage-plugin-stewardship-common';
import { wholeWords } from '../tables/wholeWords';
import { AccessibleTable } from '../tables/AccessibleTable';
import { FailingEntitiesList } from './FailingEntitiesList';
import { FailingEntityProblems } from './FailingEntityProblems';
import { useNarrowLayout } from './useNarrowLayout';

export const PAGE_SIZES = [20, 50, 100];

// Rows grow with their problems; keep every cell's content at the top.
const top = { verticalAlign: 'top' } as const;

// Built once: material-table keeps its sort state on the column objects.
const columns = wholeWords<FailingEntity>([
  {
    title: 'Entity',
    field: 'name',
    highlight: true,
    width: '18%',
    cellStyle: top,
    render: e => (
      <EntityRefLink entityRef={e.entityRef}>{e.title ?? e.name}</EntityRefLink>
    ),
  },
  { title: 'Kind', field: 'kind', width: '12%', cellStyle: top },
  {
    title: 'Owner',
    field: 'owner',
    width: '18%',
    cellStyle: top,
    render: e => (e.owner ? <EntityRefLink entityRef={e.owner} /> : '—'),
  },
  {
    title: 'Problems',
    // Their fixes quote annotations and refs ("stewardship.io/engineering-owner: …") that
    // have no space to wrap at: these may break anywhere, or the table would outgrow its card.
    // A minimum width keeps them readable when the table is narrow (it scrolls instead).
    cellStyle: { ...top, wordBreak: 'break-word', minWidth: 240 },
    headerStyle: { minWidth: 240 },
    render: e => <FailingEntityProblems entity={e} />,
  },
]);

/**
 * One server-side page of the entities with failing required roles: a table, or a list of cards
 * in a window too narrow for its columns.
 */
export function FailingEntitiesTable(props: {
  failing: OwnershipScorecard['failing'];
  page: number;
  pageSize: number;
  loading: boolean;
  /** A new page, or a new page size (with page 0): one call for both. */
  onPageChange: (page: number, pageSize: number) => void;
}) {
  const { failing, page, pageSize, loading } = props;
  const narrow = useNarrowLayout();
  const count = failing.totalCount.toLocaleString('en-US');
  const title = `Failing entities (${count})`;
  const pages = Math.ceil(failing.totalCount / pageSize);
  // An empty page of a list that is not empty is past its end: a bookmarked page of a list
  // that has shrunk since. Saying that every entity is compliant there would be false.
  const empty =
    failing.totalCount > 0 ? (
      <Box p={2}>
        <Typography variant="body2" paragraph>
          This page is past the end of the list: its {count} failing{' '}
          {failing.totalCount === 1 ? 'entity is' : 'entities are'} on{' '}
          {pages === 1 ? 'page 1' : `pages 1 to ${pages}`}.
        </Typography>
        <Button
          variant="outlined"
          color="primary"
          onClick={() => props.onPageChange(pages - 1, pageSize)}
        >
          Go to page {pages}
        </Button>
      </Box>
    ) : (
      <Box p={2}>
        <Typography variant="body2">
          Every entity in scope has all its required roles in place.
        </Typography>
      </Box>
    );
  if (narrow) {
    return (
      <FailingEntitiesList
        title={title}
        items={failing.items}
        empty={empty}
        loading={loading}
        paging={{
          page,
          pageSize,
          pageSizes: PAGE_SIZES,
          totalCount: failing.totalCount,
          onPageChange: props.onPageChange,
        }}
      />
    );
  }
  return (
    <AccessibleTable<FailingEntity>
      title={title}
      columns={columns}
      data={failing.items}
      isLoading={loading}
      page={page}
      totalCount={failing.totalCount}
      // material-table reports a new page size twice: onPageChange(0, size) at once, then
      // onRowsPerPageChange(size) after a render; the first carries both, so one request follows.
      onPageChange={props.onPageChange}
      options={{
        paging: true,
        pageSize,
        pageSizeOptions: PAGE_SIZES,
        emptyRowsWhenPaging: false,
        search: false,
        sorting: false,
        padding: 'dense',
      }}
      emptyContent={empty}
    />
  );
}
