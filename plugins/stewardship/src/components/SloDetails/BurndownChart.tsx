import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Incident,
  SloHistoryPoint,
} from '@stewardship/backstage-plugin-stewardship-common';
import { TimeSeriesChart, shortenedLabelsNote } from '../charts';
import {
  formatInstant,
  formatPercentHyphenMinus as formatPercent,
} from '../formatSlo';
import { headingProps } from './headingProps';

/** The sentence that tells what the burndown chart shows. */
export function burndownCaption(points: SloHistoryPoint[]): string {
  const known = points.filter(p => p.budgetRemaining !== undefined);
  // Not "an ideal line from 100 % to 0 %": the budget is measured against the window's own events,
  // so spending evenly keeps the line level instead of taking it down to 0 % at the window's end.
  const reading =
    'The budget is measured against the window’s own events: a steady burn rate keeps the line level, at 0 % when it spends exactly the budget.';
  if (known.length === 0) {
    return `No point of the history has an error budget (no data). ${reading}`;
  }
  const first = known[0];
  const last = known[known.length - 1];
  // One decimal, as the budget left is written everywhere (the Summary, the SLO's row).
  const from = `${formatPercent(first.budgetRemaining!, 1)} at ${formatInstant(
    first.at,
  )}`;
  const to = `${formatPercent(last.budgetRemaining!, 1)} at ${formatInstant(
    last.at,
  )}`;
  return `Error budget remaining went from ${from} to ${to}. ${reading}`;
}

/**
 * Error budget remaining over the SLO window, with the 0 % line where the budget is exhausted. Points without data are gaps, never 0 % or 100 %.
 */
export function BurndownChart(props: {
  points: SloHistoryPoint[];
  window: { start: string; end: string };
  /** Incidents of the SLO's entity, drawn where they started and listed in words below. */
  incidents?: Incident[];
  /** Time the SLO's corrections exclude (from the history route): shaded and said in words. */
  excluded?: Array<{ start: string; end: string }>;
  /** The level of the incidents' heading: one below the card's title. Default 5. */
  headingLevel?: number;
}) {
  const { points, window, headingLevel = 5 } = props;
  const markers = incidentMarkers(props.incidents ?? [], window);
  const excluded = (props.excluded ?? []).map(band => ({
    start: Date.parse(band.start),
    end: Date.parse(band.end),
  }));
  const theme = useTheme();
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const budget = points.map(p => ({
    x: Date.parse(p.at),
    y:
      p.budgetRemaining === undefined
        ? null
        : Number((p.budgetRemaining * 100).toFixed(3)),
  }));
  const lowest = Math.min(0, ...budget.map(p => p.y ?? 0));

  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {burndownCaption(points)}
      </Typography>
      <Box aria-hidden="true">
        <TimeSeriesChart
          height={240}
          x={{ domain: [start, end] }}
          y={{ min: Math.floor(lowest), max: 100, maxIsBound: true, unit: '%' }}
          series={[
            {
              name: 'Error budget remaining',
              colour: theme.palette.primary.main,
              points: budget,
            },
          ]}
          bands={excluded.map(band => ({
            from: band.start,
            to: band.end,
            colour: theme.palette.text.disabled,
          }))}
          references={[
            {
              kind: 'horizontal',
              y: 0,
              colour: theme.palette.error.main,
              label: 'exhausted',
            },
            ...markers.map(marker => ({
              kind: 'vertical' as const,
              x: marker.at,
              colour: theme.palette.warning.main,
              dash: '2 2',
              label: marker.severity,
              description: marker.text,
            })),
          ]}
          shortenedLabelsNote={count =>
            `${shortenedLabelsNote(
              count,
              'incident label',
            )} The list below names every incident.`
          }
        />
      </Box>
      {excluded.length > 0 && (
        <Typography variant="body2">{excludedText(excluded)}</Typography>
      )}
      {markers.length > 0 && (
        <Box mt={1}>
          <Typography variant="body2" {...headingProps(headingLevel)}>
            Incidents in this window (dotted lines, where each started):
          </Typography>
          {/* Incident titles without a space break where they must, not past the card. */}
          <ul style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {markers.map(marker => (
              <li key={marker.id}>
                <Typography variant="body2">{marker.text}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
    </Box>
  );
}

/** The incidents that started inside the window, oldest first, with a sentence each. */
export function incidentMarkers(
  incidents: Incident[],
  window: { start: string; end: string },
) {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  return incidents
    .map(incident => ({
      incident,
      at: Date.parse(incident.startedAt ?? incident.detectedAt),
    }))
    .filter(({ at }) => at >= start && at <= end)
    .sort((a, b) => a.at - b.at)
    .map(({ incident, at }) => ({
      id: incident.id,
      at,
      severity: incident.severity,
      text: `${incident.severity}${
        incident.fireDrill ? ' (fire drill)' : ''
      } “${incident.title}”, started ${formatInstant(
        new Date(at).toISOString(),
      )}, ${
        incident.resolvedAt
          ? `resolved ${formatInstant(incident.resolvedAt)}`
          : `still ${incident.status}`
      }.`,
    }));
}

/** `Shaded: 7 h in 4 periods excluded by corrections (not counted).` */
export function excludedText(
  excluded: ReadonlyArray<{ start: number; end: number }>,
): string {
  const ms = excluded.reduce((sum, band) => sum + (band.end - band.start), 0);
  const hours = Number((ms / 3_600_000).toFixed(2));
  return `Shaded: ${hours} h in ${excluded.length} period${
    excluded.length === 1 ? '' : 's'
  } excluded by corrections (not counted, no budget burnt).`;
}
