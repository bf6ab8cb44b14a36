import { EntityRefLink } from '@backstage/plugin-catalog-react';
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

/**
 * The message the backend records when an action item is added with an owner:
 * `Action item "Roll back 4.12" added for group:default/commerce, due 2026-12-12`. Read from the
 * end, after the title's closing quote, so that a title holding `for group:x/y` (or a quote) is
 * never taken for the owner: the owner is the full user or group ref the backend wrote there.
 */
const ACTION_ITEM_ADDED_FOR =
  /^(Action item ".*" added for )((?:user|group):[^\s"/:,]+\/[^\s"/:,]+)(, due \d{4}-\d{2}-\d{2})?$/;

/**
 * An entry's message as stored, except an added action item's owner, named and linked as the
 * action items beside the timeline name it (the stored text, which exports carry, keeps the ref).
 */
function TimelineMessage(props: { entry: IncidentTimelineEntry }) {
  const { entry } = props;
  const addedFor =
    entry.type === 'action-item'
      ? ACTION_ITEM_ADDED_FOR.exec(entry.message)
      : null;
  if (!addedFor) return <>{entry.message}</>;
  const [, before, ownerRef, due = ''] = addedFor;
  return (
    <>
      {before}
      <EntityRefLink entityRef={ownerRef} />
      {due}
    </>
  );
}

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
            <TimelineMessage entry={entry} />
          </Typography>
        </li>
      ))}
    </ol>
  );
}
