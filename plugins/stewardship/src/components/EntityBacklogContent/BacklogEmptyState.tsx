import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BacklogProviderState } from '@stewardship/backstage-plugin-stewardship-common';
import { BACKLOG_TRACKER_ANNOTATIONS } from '../../backlogAnnotations';
import { TrackerAnnotations } from './trackerAnnotations';
import { PlainCodeSnippet } from '../PlainCodeSnippet';
import {
  BUILT_IN_SOURCES,
  builtInSource,
  capitalized,
} from './BacklogProviderStates';
import { HeadedEmptyState } from '../HeadedEmptyState';

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

/** `a`, `a and b`, `a, b and c`. */
const andList = (clauses: string[]) =>
  clauses.length > 1
    ? `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`
    : clauses[0];

/**
 * An empty backlog in words when a source failed: what could not be read, then that the sources
 * that were read have nothing open. A failed built-in source is no evidence that nothing is
 * breached or open, so its "no …" clause gives way to where its facts show. `tracker` names the
 * entity's tracker for its "has no open issue" (undefined when it names none).
 */
export function failedSourcesText(
  providers: BacklogProviderState[],
  tracker: string | undefined,
): string {
  const failed = providers.filter(p => p.status === 'error');
  const failedTrackers = failed.filter(p => !builtInSource(p.provider));
  const unread = failed.map(state => {
    const builtIn = builtInSource(state.provider);
    return builtIn
      ? `${capitalized(builtIn.items)} could not be read (see above); ${
          builtIn.shownOn
        }.`
      : `${state.title} could not be read (see above).`;
  });
  const noneOpen = [
    ...(tracker && failedTrackers.length === 0
      ? [`${tracker} has no open issue`]
      : []),
    ...BUILT_IN_SOURCES.filter(
      source => !failed.some(p => p.provider === source.id),
    ).map(source => source.noneOpen),
  ];
  return [
    ...unread,
    ...(noneOpen.length ? [`${capitalized(andList(noneOpen))}.`] : []),
  ].join(' ');
}

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
  const tracker = `the tracker (${annotations.selecting.join(', ')})`;

  if (annotations.selecting.length > 0) {
    return (
      <HeadedEmptyState
        headingLevel={2}
        // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
        missing="info"
        title={failed ? 'No open items could be read' : 'No open work items'}
        description={
          failed
            ? failedSourcesText(providers, tracker)
            : `${capitalized(
                tracker,
              )} has no open issue, no SLO is exhausted or at risk, and no incident action item is open. Nothing to do.`
        }
      />
    );
  }

  return (
    <HeadedEmptyState
      headingLevel={2}
      missing="field"
      title="No issue tracker for this entity"
      description={`${
        failed
          ? failedSourcesText(providers, undefined)
          : 'No SLO is exhausted or at risk and no incident action item is open.'
      } To list the team's issues here too, name the tracker in the entity's catalog-info.yaml.`}
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
