import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  MAX_PERCENT_DECIMALS,
  SloHistoryPoint,
} from '@stewardship/backstage-plugin-stewardship-common';
import { TimeSeriesChart } from '../charts';
import {
  formatInstant,
  formatPercentHyphenMinus as formatPercent,
  formatPercents,
} from '../formatSlo';

/**
 * The sentence that tells what the SLI chart shows. The SLIs and the objective are compared in
 * it, so they are written together: an SLI of 0.999499 against 0.9995 reads `99.9499 %`, not
 * `99.95 %` as the objective (none is below 0, so formatPercents' minus sign is no concern).
 */
export function sliCaption(
  points: SloHistoryPoint[],
  objective: number,
): string {
  const known = points.filter(p => p.sli !== undefined);
  if (known.length === 0) {
    return `No point of the history has an SLI (no data). The objective is ${formatPercent(
      objective,
    )}.`;
  }
  const first = known[0];
  const last = known[known.length - 1];
  const [from, to, target] = formatPercents([first.sli!, last.sli!, objective]);
  return `SLI went from ${from} at ${formatInstant(
    first.at,
  )} to ${to} at ${formatInstant(last.at)}. The objective is ${target}.`;
}

/** The SLI over the window against the objective line. */
export function SliChart(props: {
  points: SloHistoryPoint[];
  window: { start: string; end: string };
  objective: number;
}) {
  const { points, window, objective } = props;
  const theme = useTheme();
  // Drawn at the exact values (a 99.9999 % objective rounded to three decimals was drawn at 100);
  // toPrecision only drops float noise such as 99.99990000000001.
  const target = Number((objective * 100).toPrecision(12));
  const sli = points.map(p => ({
    x: Date.parse(p.at),
    y: p.sli === undefined ? null : Number((p.sli * 100).toPrecision(12)),
  }));
  const known = sli.flatMap(p => (p.y === null ? [] : [p.y]));
  const low = Math.min(target, ...known);
  const high = Math.max(target, ...known);
  // Room around the objective and the SLI: 0.05 points, or less for an objective closer than that
  // to 100 % (99.9999 %), whose line would otherwise sit a fraction of a pixel under the top. At
  // least the smallest step a percentage is shown with: an objective that reads 100 at twelve
  // digits (0.9999999999999) with an SLI of 100 % would leave the axis no range at all.
  const pad = Math.max(
    10 ** -MAX_PERCENT_DECIMALS,
    Math.min(0.05, Math.max(high - low, 100 - target) / 2),
  );

  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {sliCaption(points, objective)}
      </Typography>
      <Box aria-hidden="true">
        <TimeSeriesChart
          height={200}
          x={{ domain: [Date.parse(window.start), Date.parse(window.end)] }}
          y={{
            // Around the objective, where the SLI lives; a point below still shows. Never below
            // 0 %: an SLI of 0 took the axis down to a −20 % tick.
            min: Math.max(0, low - pad),
            max: Math.min(100, high + pad),
            unit: '%',
            // As many decimals as the ticks have (99.99995 near a 99.9999 % objective), at most
            // as many as a percentage is ever shown with.
            format: v => String(Number(v.toFixed(MAX_PERCENT_DECIMALS))),
            width: 64,
          }}
          series={[
            { name: 'SLI', colour: theme.palette.primary.main, points: sli },
          ]}
          references={[
            {
              kind: 'horizontal',
              y: target,
              colour: theme.palette.warning.main,
              dash: '6 4',
              label: `objective ${formatPercent(objective)}`,
              labelAt: 'end',
            },
          ]}
        />
      </Box>
    </Box>
  );
}
