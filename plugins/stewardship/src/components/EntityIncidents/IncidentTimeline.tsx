import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { IncidentTimelineEntry } from '@stewardship/backstage-plugin-stewardship-common';
import { formatInstant } from '../formatSlo';
import { ActorName } from '../OwnerLink/ActorName';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    '& li': { marginBottom: theme.spacing(0.5) },
  },
  meta: {
    color: theme.palette.text.secondary,
  },
}));

const TYPE_WORDS: Record<IncidentTimelineEntry['type'], string> = {
  created: 'Recorded',
  status: 'Status',
  note: 'Note',
  updated: 'Changed',
  'action-item': 'Action item',
};

/** An incident's timeline, oldest first: when, what kind, who, and what happened. */
export function IncidentTimeline(props: {
  entries: IncidentTimelineEntry[];
  titleId: string;
}) {
  const classes = useStyles();
  if (props.entries.length === 0) {
    return <Typography variant="body2">Nothing recorded yet.</Typography>;
  }
  return (
    <ol className={classes.list} aria-labelledby={props.titleId}>
      {props.entries.map((entry, index) => (
        <li key={index}>
          <Typography variant="body2" component="span">
            <span className={classes.meta}>
              {formatInstant(entry.at)} · {TYPE_WORDS[entry.type]} · by{' '}
              <ActorName actor={entry.actor} />:
            </span>{' '}
            {entry.message}
          </Typography>
        </li>
      ))}
    </ol>
  );
}
