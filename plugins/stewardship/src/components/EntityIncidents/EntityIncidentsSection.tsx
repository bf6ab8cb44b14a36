import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import {
  SloDefinition,
  stewardshipIncidentCreatePermission,
  stewardshipIncidentUpdatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useEntityIncidentSummary, useEntityIncidents } from '../../hooks';
import { useKeptThroughQuietFailure } from '../../hooks/useKeptThroughQuietFailure';
import { localDay, sortIncidents } from './describeIncident';
import { IncidentRow } from './IncidentRow';
import { IncidentSummary } from './IncidentSummary';
import { RecordIncidentDialog } from './RecordIncidentDialog';
import { useIncidentsSignal } from './useIncidentsSignal';
import { BusyButton } from '../BusyButton';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { kindOfRef } from '../entityRefKind';
import { saidAfterSave } from './saidAfterSave';
import { useSaid, useSayAfterDialog } from '../useSaid';
import { listedPeriodStart, notListedText } from './listedPeriod';
import { HeadedEmptyState } from '../HeadedEmptyState';

/** Incidents listed at first, and added by each "Show more". */
const INCIDENTS_PAGE = 100;
/** The most `GET /incidents` lists in one answer: a longer history is the API's to page. */
const INCIDENTS_MAX = 500;

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
  card: {
    padding: theme.spacing(2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
}));

/**
 * The end of the period shown: `at` when the tab is pinned to a past moment, else now — taken
 * again after every change, so an incident recorded a moment ago is inside the period.
 */
function usePeriodEnd(at?: Date) {
  const [now, setNow] = useState(() => new Date());
  const refresh = useCallback(() => setNow(new Date()), []);
  return { end: at ?? now, refresh };
}

/** What an empty list says about PagerDuty: the annotation and the config key it needs. */
const PAGERDUTY_HINT = (
  <>
    PagerDuty records them when the entity has the annotation{' '}
    <code>pagerduty.com/service-id</code> and the backend has{' '}
    {/* A 46-character key: it may break anywhere rather than widen a narrow page. */}
    <code style={{ overflowWrap: 'anywhere' }}>
      stewardship.incidents.pagerduty.webhookSecrets
    </code>{' '}
    (see the backend README, "PagerDuty").
  </>
);

/**
 * The incidents of an entity on its SLO tab: the figures per severity over the 90 days up to now
 * (or up to `at`), fire drills apart, and the incidents of that period, open ones first, each with
 * its budget cost, timeline and action items. Viewers the permission policy lets record or change
 * incidents get "Record incident", status transitions, notes and action items, in the view of
 * now only (a past moment shows no incident recorded since).
 */
export function EntityIncidentsSection(props: {
  entityRef: string;
  /**
   * The entity's SLOs, offered as "affected" when recording an incident; undefined while they
   * are not read (loading, or the read failed), which the dialog says rather than "no SLOs".
   */
  slos: SloDefinition[] | undefined;
  at?: Date;
}) {
  const { entityRef, slos, at } = props;
  const classes = useStyles();
  const { end, refresh } = usePeriodEnd(at);
  // Whether the reads running were asked by no one (a signal that incidents changed): when they
  // fail, what shows stays, said not to be up to date (a page left open through a backend's
  // restart would otherwise trade the section for error panels). A reader's own change or Show
  // more shows its failure.
  const [quietRead, setQuietRead] = useState(false);
  const readAgain = useCallback(() => {
    setQuietRead(false);
    refresh();
  }, [refresh]);
  const readOnSignal = useCallback(() => {
    setQuietRead(true);
    refresh();
  }, [refresh]);
  const view = `${entityRef}@${at?.getTime()}`;
  const period = { from: listedPeriodStart(end), to: end };
  // The 90 days up to the backend's now unless pinned, by the backend's clock at each read: it
  // refuses a `to` in its future (the browser's clock may run ahead of it), and a `from` taken
  // from the browser when the tab opened would widen the period of a page left open.
  const summary = useKeptThroughQuietFailure(
    useEntityIncidentSummary(entityRef, at ? period : {}, end.getTime()),
    view,
    quietRead,
  );
  // The newest first; "Show more" lists more of the period (open ones are sorted first only
  // among those listed, so an old open incident may need it).
  // Kept per entity: the section stays mounted when the page moves to another entity.
  const [shown, setShown] = useState({ entityRef, limit: INCIDENTS_PAGE });
  const limit = shown.entityRef === entityRef ? shown.limit : INCIDENTS_PAGE;
  const list = useKeptThroughQuietFailure(
    useEntityIncidents(entityRef, period, limit),
    view,
    quietRead,
  );
  // The last "Show more" goes with its sentence once everything is listed, and focus with it to
  // the page's top: it goes instead to the first incident it added (those listed before it are
  // remembered by id: open ones are sorted first among those listed, wherever they were).
  const listRoot = useRef<HTMLDivElement>(null);
  const [listedBefore, setListedBefore] = useState<Set<string>>();
  const showMore = () => {
    setQuietRead(false);
    setListedBefore(new Set(list.value?.items.map(i => i.id)));
    setShown({
      entityRef,
      limit: Math.min(limit + INCIDENTS_PAGE, INCIDENTS_MAX),
    });
  };
  useEffect(() => {
    if (!listedBefore || list.loading || !list.value) return;
    if (list.value.items.every(i => listedBefore.has(i.id))) return;
    setListedBefore(undefined);
    const focus = document.activeElement;
    if (focus && focus !== document.body && focus.isConnected) return;
    const added = sortIncidents(list.value.items, at).find(
      i => !listedBefore.has(i.id),
    );
    const row = added
      ? listRoot.current?.querySelector<HTMLElement>(
          `[aria-labelledby="incident-${added.id}-title"]`,
        )
      : undefined;
    if (!row) return;
    row.tabIndex = -1;
    row.focus();
  }, [listedBefore, list.loading, list.value, at]);
  const [recording, setRecording] = useState(false);
  const create = usePermission({
    permission: stewardshipIncidentCreatePermission,
    resourceRef: entityRef,
  });
  const update = usePermission({
    permission: stewardshipIncidentUpdatePermission,
    resourceRef: entityRef,
  });
  // Someone else's change or a PagerDuty event: read again. A past "as of" view stays as it was.
  useIncidentsSignal(at ? undefined : readOnSignal);
  // What the last save did ("Incident “…” recorded."), said under the card's heading: of this
  // entity at this moment only.
  const { said, say, clear } = useSaid();
  // Shown, not only said: an incident just recorded that the list will not show (detected before
  // its period) would otherwise vanish without a word.
  const [notListed, setNotListed] = useState<string>();
  const atTime = at?.getTime();
  useEffect(() => {
    clear();
    setNotListed(undefined);
  }, [entityRef, atTime, clear]);
  const recorded = useSayAfterDialog(say);

  let incidents;
  if (list.loading && !list.value) {
    incidents = <Progress aria-label="Loading the incidents" />;
  } else if (list.error) {
    incidents = (
      <RequestErrorPanel
        error={list.error}
        reading="the incidents"
        onRetry={list.retry}
      />
    );
  } else if (list.value && list.value.items.length === 0) {
    incidents = (
      <HeadedEmptyState
        headingLevel={3}
        // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
        missing="info"
        title="No incidents in this period"
        description={
          <>
            {create.allowed
              ? 'When something breaks, record it here to see what it cost the error budget. '
              : 'Incidents recorded by hand, by other tools or by PagerDuty show here. '}
            {PAGERDUTY_HINT}
          </>
        }
      />
    );
  } else if (list.value) {
    // As of a past moment each incident shows as it stood then, as the figures above count it:
    // one resolved later is open there (its row says its cost and details are today's record).
    const sorted = sortIncidents(list.value.items, at);
    incidents = (
      <div className={classes.list} ref={listRoot}>
        {list.value.totalCount > sorted.length && (
          <Typography variant="body2">
            The {sorted.length.toLocaleString('en-US')} most recently detected
            of {list.value.totalCount.toLocaleString('en-US')} incidents
            {limit < INCIDENTS_MAX
              ? '.'
              : ` (the most listed here; the incidents API, GET /incidents with offset, lists the rest).`}{' '}
            {limit < INCIDENTS_MAX && (
              <BusyButton
                size="small"
                variant="outlined"
                busy={list.loading}
                onClick={showMore}
              >
                Show{' '}
                {Math.min(
                  INCIDENTS_PAGE,
                  list.value.totalCount - sorted.length,
                  INCIDENTS_MAX - limit,
                )}{' '}
                more
              </BusyButton>
            )}
          </Typography>
        )}
        {sorted.map(incident => (
          <IncidentRow
            key={incident.id}
            incident={incident}
            slos={slos}
            now={end}
            at={at}
            today={localDay(end)}
            canUpdate={update.allowed && !at}
            onChanged={readAgain}
            onSay={say}
          />
        ))}
      </div>
    );
  }

  let recordControl: ReactNode = null;
  if (create.loading) {
    // Nothing until the permission policy answers.
  } else if (!create.allowed) {
    recordControl = (
      <Typography variant="body2" color="textSecondary">
        You may not record incidents of this entity.
      </Typography>
    );
  } else if (at) {
    // A past moment lists no incident recorded today: one recorded here would not show.
    recordControl = (
      <Typography variant="body2" color="textSecondary">
        Showing a past moment: to record an incident, choose Now above.
      </Typography>
    );
  } else {
    recordControl = (
      <Button
        variant="contained"
        color="primary"
        size="small"
        startIcon={<AddIcon />}
        onClick={() => setRecording(true)}
      >
        Record incident
      </Button>
    );
  }

  return (
    <Paper variant="outlined" className={classes.card}>
      <div className={classes.header}>
        <Typography variant="h5" component="h2">
          Incidents
        </Typography>
        {recordControl}
      </div>
      <ChangeAnnouncement said={said} />
      {notListed && (
        // A note, not an alert: the status line above says it once the dialog has gone.
        <Alert
          severity="info"
          role="note"
          onClose={() => setNotListed(undefined)}
        >
          {notListed}
        </Alert>
      )}
      {kindOfRef(entityRef) === 'system' && (
        // The tab lists the components' SLOs above: their incidents are not the system's.
        <Typography variant="body2" paragraph>
          Incidents recorded on this system itself; a component&apos;s incidents
          are on its own SLOs tab.
        </Typography>
      )}
      <RefreshFailedNote
        error={list.refreshError ?? summary.refreshError}
        reading="the incidents"
        shownAsOf={summary.value?.to}
      />
      <IncidentSummary
        summary={summary.value}
        loading={summary.loading}
        error={summary.error}
        onRetry={summary.retry}
      />
      {incidents}
      <RecordIncidentDialog
        open={recording}
        entityRef={entityRef}
        slos={slos}
        onClose={() => setRecording(false)}
        onRecorded={incident => {
          recorded.later(saidAfterSave.recorded(incident));
          setNotListed(
            notListedText(incident, Date.now())
              ? saidAfterSave.recorded(incident)
              : undefined,
          );
          setRecording(false);
          readAgain();
        }}
        onExited={recorded.exited}
      />
    </Paper>
  );
}
