import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  ScorecardTrendPoint,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from './formatCoverage';

function share(part: number, total: number): number | null {
  return total > 0 ? Math.round((part * 1000) / total) / 10 : null;
}

/** Daily compliance of the whole catalog, and each role's coverage. */
export function TrendChart(props: { trend: ScorecardTrendPoint[] }) {
  const { trend } = props;
  const theme = useTheme();

  if (trend.length < 2) {
    return (
      <InfoCard title="Trend">
        <Typography variant="body2" color="textSecondary">
          Trend appears after the first days of snapshots.
        </Typography>
      </InfoCard>
    );
  }

  const data = trend.map(p => ({
    day: p.day,
    compliant: share(p.compliant, p.entities),
    ...Object.fromEntries(
      OWNERSHIP_ROLES.map(r => [r, share(p.roleOk?.[r] ?? 0, p.entities)]),
    ),
  }));
  const latest = trend[trend.length - 1];
  const roleColours = [
    theme.palette.info.main,
    theme.palette.success.main,
    theme.palette.warning.main,
  ];
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };

  return (
    <InfoCard
      title="Trend"
      subheader="Whole catalog, one snapshot per day (filters do not apply)"
    >
      <Typography variant="body2" gutterBottom>
        {`Latest: ${formatPercent(
          latest.compliant,
          latest.entities,
        )} compliant on ${latest.day}`}
      </Typography>
      <Box height={260}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid
              stroke={theme.palette.divider}
              strokeDasharray="3 3"
            />
            <XAxis dataKey="day" tick={axis} stroke={theme.palette.divider} />
            <YAxis
              domain={[0, 100]}
              unit="%"
              tick={axis}
              stroke={theme.palette.divider}
            />
            <Tooltip
              formatter={(value: number) => `${value}%`}
              contentStyle={{
                background: theme.palette.background.paper,
                borderColor: theme.palette.divider,
                color: theme.palette.text.primary,
              }}
            />
            <Legend />
            <Line
              type="monotone"
              dataKey="compliant"
              name="Compliant"
              stroke={theme.palette.primary.main}
              strokeWidth={3}
              dot={false}
              connectNulls
            />
            {OWNERSHIP_ROLES.map((role, i) => (
              <Line
                key={role}
                type="monotone"
                dataKey={role}
                name={OWNERSHIP_ROLE_TITLES[role]}
                stroke={roleColours[i % roleColours.length]}
                strokeDasharray="4 2"
                dot={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </Box>
    </InfoCard>
  );
}
