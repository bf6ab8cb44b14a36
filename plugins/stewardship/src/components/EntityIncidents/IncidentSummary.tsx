import { Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { IncidentFigureGroups } from '@stewardship/backstage-plugin-stewardship-common';
import { EntityIncidentSummary } from '../../api';
import { formatInstant } from '../formatSlo';
import {
  DURATION_FIGURES,
  IncidentFiguresTable,
  durationFigureDefinition,
} from './IncidentFiguresTable';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useTabStopWhileOverflowing } from '../useTabStopWhileOverflowing';

const useStyles = makeStyles(theme => ({
  definitions: {
    margin: theme.spacing(1, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  tableBox: {
    overflowX: 'auto',
    // The caption is as wide as its table: in a narrow window the end of it ("…, fire drills not
    // included") sat beyond the box's right edge, cut until one scrolled sideways. It takes the
    // box's visible width instead (`cqw`: the box is its container) and stays put while the
    // table scrolls, so it wraps and is read in full.
    containerType: 'inline-size',
    '& caption': {
      captionSide: 'top',
      textAlign: 'left',
      padding: theme.spacing(1, 0),
      color: theme.palette.text.primary,
      boxSizing: 'border-box',
      width: '100cqw',
      position: 'sticky',
      left: 0,
    },
  },
}));

/**
 * A figures table in a box that scrolls sideways when the table is wider than the card (a phone,
 * half a screen): then a tab stop, so a keyboard can scroll it too, and named by its caption. A
 * group, not a region: the section's regions are its incidents.
 */
function FiguresBox(props: {
  className: string;
  groups: IncidentFigureGroups;
  caption: string;
}) {
  const tabStop = useTabStopWhileOverflowing<HTMLDivElement>();
  return (
    <div
      className={props.className}
      role="group"
      aria-label={props.caption}
      // A tab stop only while the table overflows: a scrollable region must be reachable by keyboard.
      {...tabStop}
    >
      <IncidentFiguresTable groups={props.groups} caption={props.caption} />
    </div>
  );
}

/**
 * The incident figures of a period: real incidents per severity, fire drills apart, and the
 * definition of every figure (the formulas the backend sends with them).
 */
export function IncidentSummary(props: {
  summary?: EntityIncidentSummary;
  loading: boolean;
  error?: Error;
  onRetry?: () => void;
}) {
  const { summary, loading, error, onRetry } = props;
  const classes = useStyles();
  if (loading && !summary)
    return <Progress aria-label="Loading the incident figures" />;
  if (error) {
    return (
      <RequestErrorPanel
        error={error}
        reading="the incident figures"
        onRetry={onRetry}
      />
    );
  }
  if (!summary) return null;
  const period = `${formatInstant(summary.from)} to ${formatInstant(
    summary.to,
  )}`;
  const { incidents, fireDrills } = summary;
  return (
    <div>
      {incidents.all.count === 0 ? (
        <Typography variant="body2">
          No incident detected from {period}.
        </Typography>
      ) : (
        <FiguresBox
          className={classes.tableBox}
          groups={incidents}
          caption={`Incidents detected from ${period}, fire drills not included`}
        />
      )}
      {fireDrills.all.count === 0 ? (
        <Typography variant="body2">No fire drill in this period.</Typography>
      ) : (
        <FiguresBox
          className={classes.tableBox}
          groups={fireDrills}
          caption={`Fire drills (exercises) detected from ${period}, apart from real incidents`}
        />
      )}
      {/* Said only beside figures: over an empty period it would explain nothing shown. */}
      {(incidents.all.count > 0 || fireDrills.all.count > 0) && (
        <Typography variant="body2" component="div">
          What the figures mean (median and mean over the incidents that have
          both times; an open incident counts among the incidents but not in a
          figure it has no end for):
          <ul className={classes.definitions}>
            {DURATION_FIGURES.map(f => (
              <li key={f.key}>
                {f.label}, {f.name}: {durationFigureDefinition(f)}
              </li>
            ))}
          </ul>
        </Typography>
      )}
    </div>
  );
}
