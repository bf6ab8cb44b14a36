import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
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
import { SLO_STATUSES } from '@stewardship/backstage-plugin-stewardship-common';
import { ReactNode } from 'react';
import { EntitySlo, EntitySlos } from '../../api';
import { useEntitySlos } from '../../hooks';
import { SloStatusLabel } from '../EntitySlosContent';
import type { SloDisplayStatus } from '../EntitySlosContent';
import {
  budgetLeftText,
  displayStatus,
} from '../EntitySlosContent/describeSlo';
import { RequestErrorPanel } from '../RequestErrorPanel';

/** Worst first: the statuses in -common's order, then SLOs never evaluated. */
const ORDER: SloDisplayStatus[] = [...SLO_STATUSES, 'stale'];

/**
 * The SLO that needs attention first: the worst status, and within it the least budget left.
 * Budgets are compared as the backend computed them.
 */
export function worstSlo(items: EntitySlo[]): EntitySlo | undefined {
  const rank = (item: EntitySlo) => ORDER.indexOf(displayStatus(item));
  const left = (item: EntitySlo) =>
    item.evaluation?.errorBudget?.remaining ?? Number.POSITIVE_INFINITY;
  return [...items].sort((a, b) => rank(a) - rank(b) || left(a) - left(b))[0];
}

function summary(slos: EntitySlos): string {
  const n = slos.items.length;
  return n === 1 ? '1 SLO' : `${n} SLOs`;
}

function Summary(props: { slos: EntitySlos }) {
  const { items } = props.slos;
  const worst = worstSlo(items);
  const counts = ORDER.map(
    status =>
      [status, items.filter(i => displayStatus(i) === status).length] as const,
  ).filter(([, count]) => count > 0);
  const budget = worst?.evaluation?.errorBudget;
  return (
    <Table size="small" aria-label="SLOs by status">
      <TableBody>
        {counts.map(([status, count]) => (
          <TableRow key={status}>
            <TableCell component="th" scope="row" role="rowheader">
              <SloStatusLabel status={status} />
            </TableCell>
            <TableCell align="right">{count}</TableCell>
          </TableRow>
        ))}
        {worst && (
          <TableRow>
            <TableCell component="th" scope="row" role="rowheader">
              Needs attention first
            </TableCell>
            <TableCell align="right">
              {worst.slo.name}:{' '}
              {budget
                ? `${budgetLeftText(budget)} of its error budget`
                : 'no budget figure (no data)'}
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/**
 * A compact SLO summary for the entity overview: how many SLOs are in each status, the one that
 * needs attention first with its budget left, and a link to the SLOs tab (mounted at `slos`).
 *
 * @public
 */
export function EntitySloCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error, retry } = useEntitySlos();
  const link = `${entityRoute(entityRouteParams(entity))}/slos`;

  let content: ReactNode = null;
  if (loading) {
    content = <Progress aria-label="Loading the SLOs" />;
  } else if (error) {
    content = (
      <RequestErrorPanel error={error} reading="the SLOs" onRetry={retry} />
    );
  } else if (value && value.items.length === 0) {
    content = (
      <Typography variant="body2">
        No SLO yet. The SLOs tab shows how to add one.
      </Typography>
    );
  } else if (value) {
    content = <Summary slos={value} />;
  }

  return (
    <InfoCard
      variant="gridItem"
      title="SLOs"
      titleTypographyProps={{ component: 'h3' }}
      subheader={value ? summary(value) : undefined}
      deepLink={{ title: 'View all SLOs', link }}
      noPadding={Boolean(value && value.items.length > 0)}
    >
      {content}
    </InfoCard>
  );
}
