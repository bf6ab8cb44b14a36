import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  MAX_PERCENT_DECIMALS,
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  ScorecardTrendPoint,
} from '@stewardship/backstage-plugin-stewardship-common';
import { TimeSeriesChart } from '../charts';
import {
  HISTORY_TABLE_MAX_ROWS,
  thinPoints,
  thinnedText,
} from '../SloDetails/HistoryTable';
import { useVisuallyHidden } from '../SloDetails/useVisuallyHidden';
import { formatPercent, sharePercent } from './formatCoverage';

/** A day's share to 0.1 %, rounded down as the headline is: 1999 of 2000 plots at 99.9, not 100. */
function share(part: number, total: number): number | null {
  return sharePercent(part, total, 1);
}

/**
 * A day's share as the chart plots it ({@link share}): `99.9%`; `–` for a day without entities,
 * and, as the headline, `< 0.000001%` for a share above 0 too small to show.
 */
function shareText(part: number, total: number): string {
  const value = share(part, total);
  if (value === null) return '–';
  if (value === 0 && part > 0) {
    return `< ${(10 ** -MAX_PERCENT_DECIMALS).toFixed(MAX_PERCENT_DECIMALS)}%`;
  }
  return `${value}%`;
}

/**
 * The trend as a table for screen readers, the chart's text alternative (the chart is hidden from
 * them): each day's shares as plotted. A longer trend is read as evenly spaced days, as the
 * history table of an SLO is.
 */
function TrendTable(props: { trend: ScorecardTrendPoint[] }) {
  const hidden = useVisuallyHidden();
  const shown = thinPoints(props.trend, HISTORY_TABLE_MAX_ROWS);
  // Hidden by a wrapper, not on the table itself: a table does not shrink below its content.
  return (
    <div className={hidden.root}>
      <Table size="small">
        <caption>
          {`Trend of the whole catalog: the share of entities compliant, and each role's coverage, per day (to 0.1 %, rounded down).${thinnedText(
            shown.length,
            props.trend.length,
            'days',
          )}`}
        </caption>
        <TableHead>
          <TableRow>
            <TableCell>Day</TableCell>
            <TableCell>Compliant</TableCell>
            {OWNERSHIP_ROLES.map(role => (
              <TableCell key={role}>{OWNERSHIP_ROLE_TITLES[role]}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(point => (
            <TableRow key={point.day}>
              <TableCell component="th" scope="row" role="rowheader">
                {point.day}
              </TableCell>
              <TableCell>
                {shareText(point.compliant, point.entities)}
              </TableCell>
              {OWNERSHIP_ROLES.map(role => (
                <TableCell key={role}>
                  {shareText(point.roleOk?.[role] ?? 0, point.entities)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * Daily compliance of the whole catalog, and each role's coverage; `withheld` when the backend
 * shows it only to those who may read the whole catalog.
 */
export function TrendChart(props: {
  trend: ScorecardTrendPoint[];
  withheld?: boolean;
}) {
  const { trend, withheld } = props;
  const theme = useTheme();

  if (withheld || trend.length < 2) {
    return (
      <InfoCard title="Trend" titleTypographyProps={{ component: 'h3' }}>
        <Typography variant="body2" color="textSecondary">
          {withheld
            ? 'The trend counts the whole catalog, so it shows only to those who may read all of it.'
            : 'Trend appears after the first days of snapshots.'}
        </Typography>
      </InfoCard>
    );
  }

  // Days as UTC midnights on a time axis, so a missing day leaves its true gap.
  const days = trend.map(p => Date.parse(p.day));
  const latest = trend[trend.length - 1];
  const roleColours = [
    theme.palette.info.main,
    theme.palette.success.main,
    theme.palette.warning.main,
  ];
  const series = [
    {
      name: 'Compliant',
      colour: theme.palette.primary.main,
      width: 3,
      points: trend.map((p, i) => ({
        x: days[i],
        y: share(p.compliant, p.entities),
      })),
    },
    ...OWNERSHIP_ROLES.map((role, i) => ({
      name: OWNERSHIP_ROLE_TITLES[role],
      colour: roleColours[i % roleColours.length],
      dash: '4 2',
      points: trend.map((p, j) => ({
        x: days[j],
        y: share(p.roleOk?.[role] ?? 0, p.entities),
      })),
    })),
  ];

  return (
    <InfoCard
      title="Trend"
      titleTypographyProps={{ component: 'h3' }}
      subheader="Whole catalog, one snapshot per day (filters do not apply)"
    >
      <Typography variant="body2" gutterBottom>
        {`Latest: ${formatPercent(
          latest.compliant,
          latest.entities,
        )} compliant on ${latest.day}`}
      </Typography>
      <Box aria-hidden="true">
        <TimeSeriesChart
          height={240}
          x={{
            domain: [days[0], days[days.length - 1]],
            ticks: days,
            format: ms => new Date(ms).toISOString().slice(0, 10),
          }}
          y={{ min: 0, max: 100, unit: '%' }}
          series={series}
        />
      </Box>
      <TrendTable trend={trend} />
    </InfoCard>
  );
}
