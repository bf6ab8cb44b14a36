import { Link } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  Incident,
  SloDefinition,
  httpLink,
  incidentAsOf,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { useIncident } from '../../hooks';
import { BusyButton } from '../BusyButton';
import { formatInstant } from '../formatSlo';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { describeRequestFailure } from '../responseErrors';
import {
  budgetImpactText,
  incidentControlName,
  incidentDurationText,
  incidentSourceText,
  incidentStatusText,
} from './describeIncident';
import { IncidentDetails } from './IncidentDetails';
import { useTermListStyles } from './useTermListStyles';
import { useRunningClock } from '../useRunningClock';

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(2),
    // Inherited by the title, description, timeline and action items: a pasted id or URL without
    // a space breaks where it must instead of pushing the card wider than the page. Text with
    // spaces still breaks between words.
    overflowWrap: 'anywhere',
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(2),
  },
  status: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  figures: { marginTop: theme.spacing(1.5) },
  slos: { margin: 0, padding: 0, listStyle: 'none' },
}));

/**
 * The affected SLOs with what the incident cost each, once the incident's details are read
 * (`detail`: as recorded now; `shownAt`: the tab's past "As of" moment, see `budgetImpactText`).
 * A failed read says why in the backend's words, with Try again unless the open details below
 * offer it already.
 */
function AffectedSlos(props: {
  incident: Incident;
  detail?: Incident;
  shownAt?: Date;
  loading: boolean;
  error?: Error;
  onRetry?(): void;
}) {
  const { incident, detail, shownAt, loading, error, onRetry } = props;
  const classes = useStyles();
  if (incident.affectedSloIds.length === 0) return <>none named</>;
  if (error) {
    return (
      <>
        budget cost not available: {describeRequestFailure(error).message}
        {onRetry && (
          <>
            {' '}
            <BusyButton
              size="small"
              variant="outlined"
              busy={loading}
              aria-label={incidentControlName('Try again', incident.title)}
              onClick={onRetry}
            >
              Try again
            </BusyButton>
          </>
        )}
      </>
    );
  }
  if (!detail) return <>{loading ? 'reading the budget cost…' : ''}</>;
  const impacts = detail.budgetImpact ?? [];
  return (
    <ul className={classes.slos}>
      {detail.affectedSloIds.map(id => {
        const impact = impacts.find(i => i.sloId === id);
        return (
          <li key={id}>
            {impact?.sloName ?? id}:{' '}
            {impact
              ? budgetImpactText(impact, detail, shownAt)
              : 'no budget cost yet'}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * One incident: severity, title, status in words, when it started and how long it lasted (or has
 * been open), the SLOs it hurt with the budget it cost, postmortem and source; "Show details"
 * opens its moments, timeline and action items. With `at`, the tab's past "As of" moment, the
 * row shows the incident as it stood then (one resolved later is open there), as the figures
 * count it, with its budget cost up to that moment while it was open then; its details are the
 * incident as recorded now, and say so.
 */
export function IncidentRow(props: {
  /** The incident as recorded now (as listed). */
  incident: Incident;
  /** The entity's SLOs; undefined when they could not be read (see RecordIncidentDialog). */
  slos: SloDefinition[] | undefined;
  /** The end of the period shown: `at`, or now. */
  now: Date;
  /** The tab's past "As of" moment, if it is pinned to one. */
  at?: Date;
  today: string;
  canUpdate: boolean;
  onChanged(): void;
  /** Says what a save did in the card's status line ("Action item “…” added."). */
  onSay(text: string): void;
}) {
  const { incident, slos, now, at, today, canUpdate, onChanged, onSay } = props;
  const shown = at ? incidentAsOf(incident, at) : incident;
  // Open now (not at a past moment): its duration keeps counting on a page left open.
  const durationEnd = useRunningClock(now, !at && !shown.resolvedAt);
  const classes = useStyles();
  const termList = useTermListStyles();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  // The list carries a resolved incident's stored budget cost; an open one's (or one not stored
  // yet: a source had no data) is computed by reading the incident, at once when it has SLOs to
  // show a cost for. Otherwise the incident is read when its details open.
  // At a past moment while it was open, its cost is the one up to that moment (read with `at`),
  // not the list's: that is the whole incident's.
  const openThen = at !== undefined && !shown.resolvedAt;
  const costListed = incident.budgetImpact !== undefined && !openThen;
  // Stored addresses are http(s); one stored before that check is shown without a link.
  const postmortemUrl = httpLink(incident.postmortemUrl);
  const externalUrl = httpLink(incident.externalUrl);
  // Read again when the list shows it changed: every write moves updatedAt (an action item does
  // not move the version), so one's own change is read once, after the list.
  const detail = useIncident(
    incident.id,
    incident.updatedAt,
    opened || (incident.affectedSloIds.length > 0 && !costListed),
    at,
  );
  const titleId = `incident-${incident.id}-title`;
  const detailsId = `incident-${incident.id}-details`;

  return (
    <Paper
      variant="outlined"
      component="section"
      className={classes.row}
      aria-labelledby={titleId}
    >
      <div className={classes.header}>
        <Typography variant="h6" component="h3" id={titleId}>
          {incident.severity}
          {incident.fireDrill ? ' fire drill' : ''}: {incident.title}
        </Typography>
        <Typography variant="body2" component="span" className={classes.status}>
          {incidentStatusText(shown.status)}
        </Typography>
      </div>
      <dl className={`${termList.termList} ${classes.figures}`}>
        <dt>Started</dt>
        <dd>
          {formatInstant(incident.startedAt ?? incident.detectedAt)}
          {incident.startedAt ? '' : ' (detected; start unknown)'}
        </dd>
        <dt>Duration</dt>
        <dd>{incidentDurationText(shown, durationEnd)}</dd>
        <dt>Affected SLOs</dt>
        <dd>
          <AffectedSlos
            incident={incident}
            detail={detail.value ?? (costListed ? incident : undefined)}
            shownAt={at}
            loading={detail.loading}
            error={costListed ? undefined : detail.error}
            onRetry={open ? undefined : detail.retry}
          />
        </dd>
        <dt>Postmortem</dt>
        <dd>
          {postmortemUrl ? (
            <Link to={postmortemUrl}>postmortem document</Link>
          ) : (
            'none linked'
          )}
        </dd>
        <dt>Source</dt>
        <dd>
          {incidentSourceText(incident.source)}
          {externalUrl && (
            <>
              {' · '}
              <Link to={externalUrl}>
                open in{' '}
                {incident.source === 'pagerduty' ? 'PagerDuty' : 'source'}
              </Link>
            </>
          )}
        </dd>
      </dl>
      <Button
        size="small"
        aria-expanded={open}
        aria-controls={detailsId}
        aria-label={`${open ? 'Hide' : 'Show'} details of ${incident.title}`}
        startIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        onClick={() => {
          setOpen(o => !o);
          setOpened(true);
        }}
      >
        {open ? 'Hide details' : 'Show details'}
      </Button>
      {open && (
        <div id={detailsId}>
          {detail.error && (
            <RequestErrorPanel
              error={detail.error}
              reading="the incident"
              onRetry={detail.retry}
              retrying={detail.loading}
            />
          )}
          {!detail.value && detail.loading && (
            <Typography variant="body2">Reading the incident…</Typography>
          )}
          {detail.value && at && (
            // The backend keeps no history of an incident: its moments and items are today's.
            // Its cost was read up to the moment (the whole cost, if it was resolved by then).
            <Typography variant="body2">
              The details below are the incident as recorded now, not as of{' '}
              {formatInstant(at)}, except its budget cost, counted up to that
              moment.
            </Typography>
          )}
          {detail.value && (
            <IncidentDetails
              incident={detail.value}
              slos={slos}
              today={today}
              canUpdate={canUpdate}
              onChanged={onChanged}
              onSay={onSay}
              onReload={detail.retry}
            />
          )}
        </div>
      )}
    </Paper>
  );
}
