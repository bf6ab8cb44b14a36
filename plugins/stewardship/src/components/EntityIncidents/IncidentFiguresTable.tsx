import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  IncidentDurationFigure,
  IncidentFigureGroups,
  IncidentFigures,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatIncidentDuration } from './describeIncident';
import { WHOLE_WORDS } from '../tables/wholeWords';

const useStyles = makeStyles({
  // Figures such as "median 9 minutes" wrap between words; the section's box scrolls sideways.
  table: { '& td, & th': WHOLE_WORDS },
  // Short headings: keep "Incidents" and the abbreviations on one line.
  head: { whiteSpace: 'nowrap' },
});

/**
 * The four duration figures, in the order of an incident's life, each the time between two of
 * its moments (`from` and `to`, as the backend's formulas define them) told in plain words.
 */
export const DURATION_FIGURES = [
  {
    key: 'mttd',
    label: 'MTTD',
    name: 'time to detect',
    from: 'start',
    to: 'detection',
  },
  {
    key: 'mtta',
    label: 'MTTA',
    name: 'time to acknowledge',
    from: 'detection',
    to: 'acknowledgement',
  },
  {
    key: 'mttm',
    label: 'MTTM',
    name: 'time to mitigate',
    from: 'detection',
    to: 'mitigation',
  },
  {
    key: 'mttr',
    label: 'MTTR',
    name: 'time to resolve',
    from: 'detection',
    to: 'resolution',
  },
] as const;

type DurationFigureDefinition = (typeof DURATION_FIGURES)[number];

function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

/** What a figure measures, in words: "time from start to detection". */
export function durationFigureDefinition(
  definition: DurationFigureDefinition,
): string {
  return `time from ${definition.from} to ${definition.to}`;
}

/** One figure in words: median and mean (one time for one incident), and how many incidents it is over. */
export function durationFigureText(
  figure: IncidentDurationFigure,
  definition: DurationFigureDefinition,
): string {
  if (
    figure.n === 0 ||
    figure.medianSeconds === undefined ||
    figure.meanSeconds === undefined
  ) {
    return `none has both ${withArticle(definition.from)} and ${withArticle(
      definition.to,
    )} time`;
  }
  // One incident's time is its own median and mean: said once.
  if (figure.n === 1) {
    return `${formatIncidentDuration(figure.medianSeconds)} (of 1)`;
  }
  return `median ${formatIncidentDuration(
    figure.medianSeconds,
  )}, mean ${formatIncidentDuration(figure.meanSeconds)} (of ${figure.n})`;
}

function countText(figures: IncidentFigures): string {
  return figures.open > 0
    ? `${figures.count} (${figures.open} open)`
    : String(figures.count);
}

/**
 * A table of incident figures: one row per severity that had incidents, then all together. Each
 * duration cell gives the median and the mean in words and the number of incidents it is over.
 */
export function IncidentFiguresTable(props: {
  groups: IncidentFigureGroups;
  caption: string;
}) {
  const { groups, caption } = props;
  const classes = useStyles();
  const rows: Array<{ label: string; figures: IncidentFigures }> = [
    ...groups.bySeverity
      .filter(s => s.count > 0)
      .map(s => ({ label: s.severity, figures: s as IncidentFigures })),
    { label: 'All severities', figures: groups.all },
  ];
  return (
    <Table size="small" className={classes.table}>
      <caption>{caption}</caption>
      <TableHead className={classes.head}>
        <TableRow>
          <TableCell component="th" scope="col" role="columnheader">
            Severity
          </TableCell>
          <TableCell component="th" scope="col" role="columnheader">
            Incidents
          </TableCell>
          {DURATION_FIGURES.map(f => (
            <TableCell
              key={f.key}
              component="th"
              scope="col"
              role="columnheader"
            >
              <abbr title={f.name}>{f.label}</abbr>
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ label, figures }) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" role="rowheader">
              <Typography variant="body2" component="span">
                {label}
              </Typography>
            </TableCell>
            <TableCell>{countText(figures)}</TableCell>
            {DURATION_FIGURES.map(f => (
              <TableCell key={f.key}>
                {durationFigureText(figures[f.key], f)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
