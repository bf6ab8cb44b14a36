import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { SloHistoryPoint } from '@stewardship/backstage-plugin-stewardship-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chartStyle } from './chartStyle';
import {
  formatInstant,
  formatPercentHyphenMinus as formatPercent,
} from '../formatSlo';

/** The sentence that tells what the SLI chart shows. */
export function sliCaption(
  points: SloHistoryPoint[],
  objective: number,
): string {
  const known = points.filter(p => p.sli !== undefined);
  const target = `The objective is ${formatPercent(objective)}.`;
  if (known.length === 0) {
    return `No point of the history has an SLI (no data). ${target}`;
  }
  const first = known[0];
  const last = known[known.length - 1];
  return `SLI went from ${formatPercent(first.sli!)} at ${formatInstant(
    first.at,
  )} to ${formatPercent(last.sli!)} at ${formatInstant(last.at)}. ${target}`;
}

/** The SLI over the window against the objective line. */
export function SliChart(props: {
  points: SloHistoryPoint[];
  window: { start: string; end: string };
  objective: number;
}) {
  const { points, window, objective } = props;
  const theme = useTheme();
  const style = chartStyle(theme);
  const target = Number((objective * 100).toFixed(3));
  const data = points.map(p => ({
    t: Date.parse(p.at),
    sli: p.sli === undefined ? null : Number((p.sli * 100).toFixed(4)),
  }));

  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {sliCaption(points, objective)}
      </Typography>
      <Box height={220} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, left: 0 }}>
            <CartesianGrid {...style.grid} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[Date.parse(window.start), Date.parse(window.end)]}
              tickFormatter={style.tickTime}
              tick={style.axis}
              stroke={theme.palette.divider}
            />
            <YAxis
              // Around the objective, where the SLI lives; a point below still shows.
              domain={[
                (min: number) => Math.min(min, target) - 0.05,
                (max: number) => Math.min(100, Math.max(max, target) + 0.05),
              ]}
              tickFormatter={(v: number) => String(Number(v.toFixed(2)))}
              unit="%"
              tick={style.axis}
              stroke={theme.palette.divider}
              width={64}
            />
            <Tooltip
              labelFormatter={style.labelTime}
              formatter={(value: number) => `${value} %`}
              contentStyle={style.tooltip}
            />
            <Legend />
            <ReferenceLine
              y={target}
              stroke={theme.palette.warning.main}
              strokeDasharray="6 4"
              label={{
                value: `objective ${formatPercent(objective)}`,
                position: 'insideTopRight',
                fill: theme.palette.text.secondary,
                fontSize: 12,
              }}
            />
            <Line
              type="linear"
              dataKey="sli"
              name="SLI"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
}
