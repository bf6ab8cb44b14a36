import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  INCIDENT_STATUSES,
  INCIDENT_TIME_FIELDS,
  Incident,
  IncidentStatus,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import { Fragment, useRef, useState } from 'react';
import { formatInstant } from '../formatSlo';
import { ActionItems } from './ActionItems';
import { AddActionItemForm } from './AddActionItemForm';
import { incidentControlName } from './describeIncident';
import { IncidentTimeline } from './IncidentTimeline';
import { MOMENT_WORDS } from './incidentFormChecks';
import { NoteForm } from './NoteForm';
import { useTermListStyles } from './useTermListStyles';
import { RecordIncidentDialog } from './RecordIncidentDialog';
import { saidAfterSave } from './saidAfterSave';
import { useSayAfterDialog } from '../useSaid';
import { StatusChangeDialog, TRANSITIONS } from './StatusChangeDialog';

const useStyles = makeStyles(theme => ({
  root: {
    marginTop: theme.spacing(2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  formula: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    overflowWrap: 'anywhere',
  },
}));

/** The statuses after `status`, the ones an incident can move on to. */
function nextTransitions(status: IncidentStatus) {
  const index = INCIDENT_STATUSES.indexOf(status);
  return TRANSITIONS.filter(t => INCIDENT_STATUSES.indexOf(t.status) > index);
}

/**
 * A moment of the incident in words. A missing start is not to come: the incident was recorded
 * without it (the header says "start unknown" too). A later moment is "not yet" while the
 * incident has not gone past its stage, and "not recorded" once a later one is set: a stage
 * skipped (resolved without being mitigated) will not come.
 */
export function momentText(
  incident: Incident,
  field: (typeof INCIDENT_TIME_FIELDS)[number],
): string {
  const at = incident[field];
  if (at) return formatInstant(at);
  if (field === 'startedAt') return 'unknown';
  const laterFields = INCIDENT_TIME_FIELDS.slice(
    INCIDENT_TIME_FIELDS.indexOf(field) + 1,
  );
  return laterFields.some(later => incident[later])
    ? 'not recorded'
    : 'not yet';
}

/**
 * The details of one incident: its moments, what it cost each SLO (with the formula), its
 * timeline and action items; for viewers who may change it, the status transitions, a note and a
 * new action item.
 */
export function IncidentDetails(props: {
  incident: Incident;
  /** The entity's SLOs, offered as "affected" when editing; undefined when they could not be read. */
  slos: SloDefinition[] | undefined;
  today: string;
  canUpdate: boolean;
  /** After a write: read the incident and the section again. */
  onChanged(): void;
  /** Says what a write did in the card's status line. */
  onSay(text: string): void;
  /** After a 409: read the incident again. */
  onReload(): void;
}) {
  const { incident, slos, today, canUpdate, onChanged, onSay, onReload } =
    props;
  const classes = useStyles();
  const termList = useTermListStyles();
  const [transition, setTransition] =
    useState<Exclude<IncidentStatus, 'triggered'>>();
  const [editing, setEditing] = useState(false);
  const changeHeading = useRef<HTMLHeadingElement>(null);
  // The dialogs' saves are said once the dialog has left the page; the forms' at once (focus
  // stays on their button).
  const afterDialog = useSayAfterDialog(onSay);
  const idPrefix = `incident-${incident.id}`;

  return (
    <div className={classes.root}>
      {incident.description && (
        <Typography variant="body2">{incident.description}</Typography>
      )}
      <Typography variant="subtitle2" component="h4">
        Moments
      </Typography>
      <dl className={termList.termList}>
        {INCIDENT_TIME_FIELDS.map(field => (
          <Fragment key={field}>
            <dt>{MOMENT_WORDS[field]}</dt>
            <dd>{momentText(incident, field)}</dd>
          </Fragment>
        ))}
      </dl>

      {(incident.budgetImpact ?? []).some(i => i.formula) && (
        <>
          <Typography variant="subtitle2" component="h4">
            How the budget cost was computed
          </Typography>
          {(incident.budgetImpact ?? [])
            .filter(i => i.formula)
            .map(impact => (
              <Typography
                key={impact.sloId}
                variant="body2"
                className={classes.formula}
              >
                {impact.sloName ?? impact.sloId}: {impact.formula}
              </Typography>
            ))}
        </>
      )}

      <Typography
        variant="subtitle2"
        component="h4"
        id={`${idPrefix}-timeline`}
      >
        Timeline
      </Typography>
      <IncidentTimeline
        entries={incident.timeline ?? []}
        titleId={`${idPrefix}-timeline`}
      />

      <Typography variant="subtitle2" component="h4" id={`${idPrefix}-items`}>
        Action items
      </Typography>
      <ActionItems
        incidentId={incident.id}
        items={incident.actionItems ?? []}
        today={today}
        canUpdate={canUpdate}
        titleId={`${idPrefix}-items`}
        onChanged={item => {
          onChanged();
          onSay(saidAfterSave.itemToggled(item));
        }}
      />
      {canUpdate && (
        <>
          <AddActionItemForm
            incidentId={incident.id}
            incidentTitle={incident.title}
            onAdded={item => {
              onChanged();
              onSay(saidAfterSave.itemAdded(item));
            }}
          />
          <Typography
            variant="subtitle2"
            component="h4"
            ref={changeHeading}
            // Focus lands here after a status change (see StatusChangeDialog).
            tabIndex={-1}
          >
            Change
          </Typography>
          <div className={classes.actions}>
            <Button
              size="small"
              variant="outlined"
              aria-label={incidentControlName('Edit', incident.title)}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
            {nextTransitions(incident.status).map(t => (
              <Button
                key={t.status}
                size="small"
                variant="outlined"
                aria-label={incidentControlName(t.verb, incident.title)}
                onClick={() => setTransition(t.status)}
              >
                {t.verb}
              </Button>
            ))}
          </div>
          <NoteForm
            incident={incident}
            onAdded={changed => {
              onChanged();
              onSay(saidAfterSave.note(changed));
            }}
            onReload={onReload}
          />
          <RecordIncidentDialog
            open={editing}
            entityRef={incident.entityRef}
            slos={slos}
            incident={incident}
            onClose={() => setEditing(false)}
            onRecorded={changed => {
              afterDialog.later(saidAfterSave.edited(changed));
              setEditing(false);
              onChanged();
            }}
            onExited={afterDialog.exited}
            onReload={onReload}
          />
          <StatusChangeDialog
            incident={incident}
            status={transition}
            onClose={() => setTransition(undefined)}
            onChanged={changed => {
              afterDialog.later(saidAfterSave.status(changed));
              setTransition(undefined);
              onChanged();
            }}
            onReload={onReload}
            focusAfterChange={changeHeading}
            onExited={afterDialog.exited}
          />
        </>
      )}
    </div>
  );
}
