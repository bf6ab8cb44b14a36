import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { EntityBacklog } from '../../api';
import { useEntityBacklog } from '../../hooks';
import { useRefreshedOnEvaluation } from '../../hooks/useRefreshedOnEvaluation';
import { useReleaseGate } from '../ReleaseGate';
import {
  adviceSentence,
  adviceSeverity,
  hasReleaseAdvice,
} from '../EntityBacklogContent/adviceRules';
import { figureRows, itemCount } from '../EntityBacklogContent/describeBacklog';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useFocusRing } from '../focusRing';
import { trackerAnnotationsOf } from '../EntityBacklogContent/trackerAnnotations';
import { failedSourcesText } from '../EntityBacklogContent/BacklogEmptyState';

/** The figures the card shows: the tab has them all, with their definitions. */
const CARD_FIGURES = [
  'average-age',
  'reliability-share',
  'older-than-180',
  'untriaged',
];

/** A warning per tracker that could not be read, whether or not the others had items. */
function FailedTrackers(props: { backlog: EntityBacklog }) {
  const failed = props.backlog.providers.filter(p => p.status === 'error');
  return (
    <>
      {failed.map(state => (
        <Alert key={state.provider} severity="warning">
          {state.message ?? `${state.title}: could not be read`}
          {props.backlog.items.length > 0 ? ' (partial backlog)' : ''}
        </Alert>
      ))}
    </>
  );
}

/** The card with no open item: nothing to do, nothing read, or no tracker named yet. */
function NoItems(props: { backlog: EntityBacklog; tracker: boolean }) {
  const { providers } = props.backlog;
  const failed = providers.some(p => p.status === 'error');
  let text = props.tracker
    ? 'No open work item in the tracker, no SLO breached and no incident action item open.'
    : 'No open work item: no SLO is breached and no incident action item is open.';
  if (failed) {
    // The tab's sentences: a failed SLO or action-item source is not read as "none breached".
    text = `No open item could be read. ${failedSourcesText(
      providers,
      props.tracker ? 'the tracker' : undefined,
    )}`;
  }
  if (!props.tracker) {
    text +=
      " To list the team's issues too, the Backlog tab shows which tracker annotation to add.";
  }
  return <Typography variant="body2">{text}</Typography>;
}

function Summary(props: { backlog: EntityBacklog }) {
  const { backlog } = props;
  const rows = figureRows(backlog.figures).filter(row =>
    CARD_FIGURES.includes(row.id),
  );
  return (
    <>
      <Table size="small" aria-label="Backlog health">
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.id}>
              <TableCell component="th" scope="row" role="rowheader">
                {row.name}
              </TableCell>
              <TableCell align="right">{row.value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * A compact backlog summary for the entity overview: open items, the average age of the top ranked
 * against the 90-day target, the share of reliability work, items older than 180 days and
 * untriaged ones, any tracker that failed, the error-budget policy's advice when the release gate
 * warns or blocks, and a link to the Backlog tab (mounted at `backlog`).
 *
 * @public
 */
export function EntityBacklogCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  // Its SLO items follow the SLOs' statuses: read again, in place, after new evaluations.
  const { value, loading, error, refreshError, retry } =
    useRefreshedOnEvaluation(useEntityBacklog(), stringifyEntityRef(entity));
  // The advice is extra: a gate that fails or is still loading leaves the summary as it is.
  const gate = useReleaseGate(stringifyEntityRef(entity)).value;
  const link = `${entityRoute(entityRouteParams(entity))}/backlog`;
  const focusRing = useFocusRing();

  let content: ReactNode = null;
  if (loading) {
    content = <Progress aria-label="Loading the backlog" />;
  } else if (error) {
    content = (
      <RequestErrorPanel error={error} reading="the backlog" onRetry={retry} />
    );
  } else if (value) {
    content = (
      <>
        <FailedTrackers backlog={value} />
        {value.items.length === 0 ? (
          <NoItems
            backlog={value}
            tracker={trackerAnnotationsOf(entity).selecting.length > 0}
          />
        ) : (
          <Summary backlog={value} />
        )}
      </>
    );
  }
  // How the budget stands, read with the page: a status, not an alert that interrupts on every load.
  const items = value?.items ?? [];
  const advice = gate && hasReleaseAdvice(gate, items) && (
    <Alert severity={adviceSeverity(gate)} role="status">
      {adviceSentence(gate, items)}
    </Alert>
  );

  return (
    <InfoCard
      variant="gridItem"
      className={focusRing}
      title="Backlog"
      titleTypographyProps={{ component: 'h3' }}
      subheader={
        value ? `${itemCount(value.figures.all.count)} open` : undefined
      }
      deepLink={{ title: 'View the backlog', link }}
      noPadding={Boolean(value && value.items.length > 0)}
    >
      {advice}
      {content}
      <RefreshFailedNote error={refreshError} reading="the backlog" />
    </InfoCard>
  );
}
