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
} from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { useIncident } from '../../hooks';
import { formatInstant } from '../formatSlo';
import {
  budgetImpactText,
  incidentDurationText,
  incidentSourceText,
  incidentStatusText,
} from './describeIncident';
import { IncidentDetails } from './IncidentDetails';
import { useTermListStyles } from './useTermListStyles';

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

/** The affected SLOs with what the incident cost each, once the incident's details are read. */
function AffectedSlos(props: {
  incident: Incident;
  detail?: Incident;
  loading: boolean;
  error?: Error;
}) {
  const { incident, detail, loading, error } = props;
  const classes = useStyles();
  if (incident.affectedSloIds.length === 0) return <>none named</>;
  if (error) return <>budget cost not available: {error.message}</>;
  if (!detail) return <>{loading ? 'reading the budget cost…' : ''}</>;
  const impacts = detail.budgetImpact ?? [];
  return (
    <ul className={classes.slos}>
      {detail.affectedSloIds.map(id => {
        const impact = impacts.find(i => i.sloId === id);
        return (
          <li key={id}>
            {impact?.sloName ?? id}:{' '}
            {impact ? budgetImpactText(impact, detail) : 'no budget cost yet'}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * One incident: severity, title, status in words, when it started and how long it lasted (or has
 * been open), the SLOs it hurt with the budget it cost, postmortem and source; "Show details"
 * opens its moments, timeline and action items.
 */
export function IncidentRow(props: {
  incident: Incident;
  slos: SloDefinition[];
  now: Date;
  today: string;
  canUpdate: boolean;
  onChanged(): void;
  /** Says what a save did in the card's status line ("Action item “…” added."). */
  onSay(text: string): void;
}) {
  const { incident, slos, now, today, canUpdate, onChanged, onSay } = props;
  const classes = useStyles();
  const termList = useTermListStyles();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  // The list carries a resolved incident's stored budget cost; an open one's (or one not stored
  // yet: a source had no data) is computed by reading the incident, at once when it has SLOs to
  // show a cost for. Otherwise the incident is read when its details open.
  const costListed = incident.budgetImpact !== undefined;
  // Stored addresses are http(s); one stored before that check is shown without a link.
  const postmortemUrl = httpLink(incident.postmortemUrl);
  const externalUrl = httpLink(incident.externalUrl);
  // Read again when the list shows it changed: every write moves updatedAt (an action item does
  // not move the version), so one's own change is read once, after the list.
  const detail = useIncident(
    incident.id,
    incident.updatedAt,
    opened || (incident.affectedSloIds.length > 0 && !costListed),
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
          {incidentStatusText(incident.status)}
        </Typography>
      </div>
      <dl className={`${termList.termList} ${classes.figures}`}>
        <dt>Started</dt>
        <dd>
          {formatInstant(incident.startedAt ?? incident.detectedAt)}
          {incident.startedAt ? '' : ' (detected; start unknown)'}
        </dd>
        <dt>Duration</dt>
        <dd>{incidentDurationText(incident, now)}</dd>
        <dt>Affected SLOs</dt>
        <dd>
          <AffectedSlos
            incident={incident}
            detail={detail.value ?? (costListed ? incident : undefined)}
            loading={detail.loading}
            error={costListed ? undefined : detail.error}
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
            <Typography variant="body2" role="alert">
              The incident could not be read: {detail.error.message}
            </Typography>
          )}
          {!detail.value && detail.loading && (
            <Typography variant="body2">Reading the incident…</Typography>
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
