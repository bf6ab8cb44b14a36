import { EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BacklogProviderState } from '@stewardship/backstage-plugin-stewardship-common';
import { BACKLOG_TRACKER_ANNOTATIONS } from '../../backlogAnnotations';
import { TrackerAnnotations } from './trackerAnnotations';
import { PlainCodeSnippet } from '../PlainCodeSnippet';

const useStyles = makeStyles(theme => ({
  steps: {
    maxWidth: theme.spacing(110),
    '& > *': { marginBottom: theme.spacing(1.5) },
  },
}));

/** The catalog-info.yaml lines that name a tracker, to paste. */
export const ANNOTATION_SNIPPET = `metadata:
  annotations:
    # Jira (Cloud or Data Center): the project, optionally narrowed
    jira/project-key: PAY
    # jira/component: api
    # jira/label: checkout
    # GitHub issues
    github.com/project-slug: acme/payments`;

/**
 * The tab with no open item: what to add so items show. Without a tracker annotation, the
 * annotations (only breached SLOs and open incident action items appear on their own); with one,
 * that the trackers have nothing open (a failing tracker is reported above the empty state).
 */
export function BacklogEmptyState(props: {
  annotations: TrackerAnnotations;
  providers: BacklogProviderState[];
}) {
  const classes = useStyles();
  const { annotations, providers } = props;
  const failed = providers.some(p => p.status === 'error');

  if (annotations.selecting.length > 0) {
    return (
      <EmptyState
        // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
        missing="info"
        title={failed ? 'No open items could be read' : 'No open work items'}
        description={
          failed
            ? 'The tracker named by this entity could not be read (see above), and no SLO is breached and no incident action item is open.'
            : `The tracker (${annotations.selecting
                .map(a => `${a}`)
                .join(
                  ', ',
                )}) has no open issue, no SLO is exhausted or at risk, and no incident action item is open. Nothing to do.`
        }
      />
    );
  }

  return (
    <EmptyState
      missing="field"
      title="No issue tracker for this entity"
      description="No SLO is exhausted or at risk and no incident action item is open. To list the team's issues here too, name the tracker in the entity's catalog-info.yaml."
      action={
        <div className={classes.steps}>
          {annotations.narrowingOnly.length > 0 && (
            <Typography variant="body1">
              {annotations.narrowingOnly.join(' and ')}{' '}
              {annotations.narrowingOnly.length === 1
                ? 'only narrows'
                : 'only narrow'}{' '}
              a Jira project: add jira/project-key (or jira/all-issues-jql) too.
            </Typography>
          )}
          <Typography variant="body1">
            Add one of these annotations:{' '}
            {BACKLOG_TRACKER_ANNOTATIONS.map(
              a => `${a.annotation} (${a.description})`,
            ).join('; ')}
            .
          </Typography>
          <PlainCodeSnippet text={ANNOTATION_SNIPPET} />
        </div>
      }
    />
  );
}
