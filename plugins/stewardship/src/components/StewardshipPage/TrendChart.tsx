import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  ScorecardTrendPoint,
} from '@stewardship/backstage-plugin-stewardship-common';
import { TimeSeriesChart } from '../charts';
import { formatPercent, sharePercent } from './formatCoverage';

/** A day's share to 0.1 %, rounded down as the headline is: 1999 of 2000 plots at 99.9, not 100. */
function share(part: number, total: number): number | null {
  return sharePercent(part, total, 1);
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
    </InfoCard>
  );
}
