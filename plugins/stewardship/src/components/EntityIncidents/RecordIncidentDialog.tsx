import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  INCIDENT_SEVERITIES,
  Incident,
  IncidentCreateRequest,
  IncidentPatchRequest,
  IncidentSeverity,
  IncidentTimeField,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { BusyButton } from '../BusyButton';
import { toLocalInputValue } from '../formatSlo';
import { AffectedSlosField } from './AffectedSlosField';
import {
  LATER_MOMENTS,
  MOMENT_WORDS,
  checkHttpLink,
  incidentTimeProblems,
} from './incidentFormChecks';
import {
  DETECTED_BEFORE_LISTED_PERIOD,
  detectedBeforeListedPeriod,
} from './listedPeriod';
import { useIncidentWrite } from './useIncidentWrite';
import { WriteProblems } from './WriteProblems';
import { focusFirstControl, useFocusFirstInvalid } from '../focusFirstControl';
import { useFocusRing, useFocusRingSelectProps } from '../focusRing';
import { useIncompleteEntries } from '../incompleteEntries';
import { formChanged, useDiscardConfirmation } from '../useDiscardConfirmation';

const FIELDS = [
  'title',
  'severity',
  'startedAt',
  'detectedAt',
  ...LATER_MOMENTS,
  'affectedSloIds',
  'postmortemUrl',
  'description',
  'fireDrill',
] as const;

type LaterMoment = (typeof LATER_MOMENTS)[number];

/** What each later moment drives (incidentFigures.ts and incidentBudget.ts in -common). */
const LATER_MOMENT_HELP: Record<LaterMoment, string> = {
  acknowledgedAt:
    'When a responder took it on; counts in MTTA (acknowledged − detected)',
  mitigatedAt:
    'When users stopped being hurt; counts in MTTM (mitigated − detected). The budget cost runs on to Resolved',
  resolvedAt:
    "When it was closed; counts in MTTR (resolved − detected) and ends the incident's budget cost",
};

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  // The title holds the incident's: one without a space would widen the dialog past the window.
  title: { overflowWrap: 'anywhere' },
}));

/** What the dialog's fields hold (times as `datetime-local` values). */
export interface IncidentForm {
  title: string;
  severity: IncidentSeverity;
  startedAt: string;
  detectedAt: string;
  /** The later moments: '' when the incident has not reached them (and the form hides them). */
  acknowledgedAt: string;
  mitigatedAt: string;
  resolvedAt: string;
  affectedSloIds: string[];
  postmortemUrl: string;
  description: string;
  fireDrill: boolean;
}

const emptyForm = (): IncidentForm => ({
  title: '',
  severity: 'SEV3',
  startedAt: '',
  detectedAt: toLocalInputValue(new Date()),
  acknowledgedAt: '',
  mitigatedAt: '',
  resolvedAt: '',
  affectedSloIds: [],
  postmortemUrl: '',
  description: '',
  fireDrill: false,
});

/** The form showing an incident as it is, to edit it. */
function formOf(incident: Incident): IncidentForm {
  const local = (iso?: string) => (iso ? toLocalInputValue(new Date(iso)) : '');
  return {
    title: incident.title,
    severity: incident.severity,
    startedAt: local(incident.startedAt),
    detectedAt: local(incident.detectedAt),
    acknowledgedAt: local(incident.acknowledgedAt),
    mitigatedAt: local(incident.mitigatedAt),
    resolvedAt: local(incident.resolvedAt),
    affectedSloIds: incident.affectedSloIds,
    postmortemUrl: incident.postmortemUrl ?? '',
    description: incident.description ?? '',
    fireDrill: incident.fireDrill,
  };
}

/** A local `datetime-local` value as ISO 8601, or undefined when empty. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** The request a filled-in form sends: empty optional fields are left out. */
export function incidentCreateRequest(
  entityRef: string,
  form: IncidentForm,
): IncidentCreateRequest {
  const request: IncidentCreateRequest = {
    entityRef,
    title: form.title.trim(),
    severity: form.severity,
    detectedAt: localToIso(form.detectedAt),
    startedAt: localToIso(form.startedAt),
    affectedSloIds: form.affectedSloIds,
    fireDrill: form.fireDrill,
    postmortemUrl: form.postmortemUrl.trim() || undefined,
    description: form.description.trim() || undefined,
  };
  return Object.fromEntries(
    Object.entries(request).filter(([, v]) => v !== undefined),
  ) as IncidentCreateRequest;
}

/**
 * The changes an edit sends: only the fields that differ from the form as it opened (`before`), so
 * a moment the form shows to the minute is not rewritten unless the user changed it; a cleared
 * optional field is null.
 */
export function incidentPatchRequest(
  version: number,
  before: IncidentForm,
  form: IncidentForm,
): IncidentPatchRequest {
  const patch: IncidentPatchRequest = { version };
  if (form.title.trim() !== before.title) patch.title = form.title.trim();
  if (form.severity !== before.severity) patch.severity = form.severity;
  if (form.startedAt !== before.startedAt) {
    patch.startedAt = localToIso(form.startedAt) ?? null;
  }
  if (form.detectedAt !== before.detectedAt && form.detectedAt) {
    patch.detectedAt = localToIso(form.detectedAt);
  }
  for (const field of LATER_MOMENTS) {
    // Shown only when the incident has the moment, and never sent cleared: that is a status change.
    if (before[field] && form[field] && form[field] !== before[field]) {
      patch[field] = localToIso(form[field]);
    }
  }
  if (
    [...form.affectedSloIds].sort().join() !==
    [...before.affectedSloIds].sort().join()
  ) {
    patch.affectedSloIds = form.affectedSloIds;
  }
  if (form.fireDrill !== before.fireDrill) patch.fireDrill = form.fireDrill;
  if (form.postmortemUrl.trim() !== before.postmortemUrl) {
    patch.postmortemUrl = form.postmortemUrl.trim() || null;
  }
  if (form.description.trim() !== before.description) {
    patch.description = form.description.trim() || null;
  }
  return patch;
}

/**
 * "Record incident": title, severity, when it started and was detected (local time), the entity's
 * SLOs it hurt, whether it is a fire drill, and the postmortem link. Editing, it also corrects the
 * Acknowledged, Mitigated and Resolved moments the incident has (setting or clearing one is a
 * status change, left to the status dialog). The moments (not in the future, in their order) and
 * the link (http or https) are checked before sending, in the fields' words; a 400 the form did
 * not foresee shows on the field it names. A detection before the period the section lists is
 * warned of: the incident is saved but not listed.
 * Escape, a click beside it and Cancel close an untouched form at once, and ask before discarding
 * a changed one.
 */
export function RecordIncidentDialog(props: {
  open: boolean;
  entityRef: string;
  /** The entity's SLOs to mark as affected; undefined when they could not be read. */
  slos: SloDefinition[] | undefined;
  /** The incident to edit (a PATCH with its version); without it, a new one is recorded. */
  incident?: Incident;
  onClose(): void;
  onRecorded(incident: Incident): void;
  /** After a 409 on an edit: read the incident again. */
  onReload?(): void;
  /** Once the dialog has left the page, focus back on the control that opened it. */
  onExited?(): void;
}) {
  const { open, entityRef, slos, incident, onClose, onRecorded, onReload } =
    props;
  const classes = useStyles();
  const focusRing = useFocusRing();
  // The Severity menu renders outside the dialog's paper: its own focus ring.
  const selectProps = useFocusRingSelectProps();
  const api = useApi(stewardshipApiRef);
  const [form, setForm] = useState<IncidentForm>(emptyForm);
  const [before, setBefore] = useState<IncidentForm>(emptyForm);
  // The later moments the incident has: the form offers to correct those, not to set or clear one.
  const laterShown = LATER_MOMENTS.filter(field => before[field]);
  // A 400 naming a moment the form does not show is said above the fields, not lost.
  const write = useIncidentWrite(
    FIELDS.filter(
      key =>
        !(LATER_MOMENTS as readonly string[]).includes(key) ||
        laterShown.includes(key as LaterMoment),
    ),
  );
  const { reset } = write;
  const incomplete = useIncompleteEntries<IncidentTimeField>();
  const fieldsRoot = useFocusFirstInvalid<HTMLFormElement>(write.fields);

  useEffect(() => {
    if (open) {
      const initial = incident ? formOf(incident) : emptyForm();
      setForm(initial);
      setBefore(initial);
      reset();
    }
    // Only when it opens: a re-read incident must not overwrite what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, reset]);

  const discard = useDiscardConfirmation({
    open,
    // A half-typed moment reads as '' (as it opened, perhaps) but is something typed.
    changed: () =>
      formChanged(before, form) ||
      Object.keys(incomplete.problems()).length > 0,
    busy: write.busy,
    onClose,
    id: 'record-incident-discard',
    title: incident
      ? 'Discard your changes to this incident?'
      : 'Discard this incident?',
  });

  const set = <K extends keyof IncidentForm>(key: K, value: IncidentForm[K]) =>
    setForm(f => ({ ...f, [key]: value }));

  const save = async () => {
    // What the backend would refuse is said here first, in the fields' words and local time.
    const halfTyped = incomplete.problems();
    // A later moment may not be cleared, so its field does not offer to.
    for (const field of LATER_MOMENTS) {
      if (halfTyped[field]) halfTyped[field] = 'Enter a complete date and time';
    }
    const problems: Record<string, string> = {
      ...incidentTimeProblems(form, Date.now(), incident, before),
      // A half-typed moment reads as '' (not given): said on its field rather than sent as unknown.
      ...halfTyped,
    };
    if (!form.title.trim()) problems.title = 'Required';
    // A link as it was read is not the user's to fix; a new one is checked.
    const newLink =
      form.postmortemUrl.trim() &&
      form.postmortemUrl.trim() !== before.postmortemUrl;
    const link = newLink ? checkHttpLink(form.postmortemUrl) : undefined;
    if (link?.problem) problems.postmortemUrl = link.problem;
    if (Object.keys(problems).length > 0) {
      write.refuse(problems);
      return;
    }
    const sent = link?.link ? { ...form, postmortemUrl: link.link } : form;
    const saved = await write.run(() =>
      incident
        ? api.updateIncident(
            incident.id,
            incidentPatchRequest(incident.version, before, sent),
          )
        : api.createIncident(incidentCreateRequest(entityRef, sent)),
    );
    if (saved) onRecorded(saved);
  };

  const detectedMs = form.detectedAt
    ? new Date(form.detectedAt).getTime()
    : Number.NaN;
  const beforeListedPeriod = detectedBeforeListedPeriod(detectedMs, Date.now());

  const fieldProps = (key: (typeof FIELDS)[number]) => ({
    variant: 'outlined' as const,
    margin: 'dense' as const,
    error: Boolean(write.fields[key]),
    helperText: write.fields[key],
  });

  return (
    <>
      {/* Before the form's dialog, for focus on Discard: see useDiscardConfirmation. */}
      {discard.confirmation}
      <Dialog
        TransitionProps={{
          ...focusFirstControl.TransitionProps,
          onExited: props.onExited,
        }}
        open={open}
        // Outside the tab's markup (a portal): its own focus ring.
        PaperProps={{ className: focusRing }}
        // Not while it is sent (Cancel is disabled then), and on a changed form only once confirmed.
        onClose={discard.requestClose}
        aria-labelledby="record-incident-title"
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle id="record-incident-title" className={classes.title}>
          {incident ? `Edit incident: ${incident.title}` : 'Record incident'}
        </DialogTitle>
        <DialogContent>
          <form
            ref={fieldsRoot}
            className={classes.form}
            noValidate
            onSubmit={e => {
              e.preventDefault();
              // Sent once: the busy Record button ignores presses, and so does the form.
              if (!write.busy) save();
            }}
          >
            <WriteProblems
              state={write}
              onReload={
                onReload &&
                (() => {
                  onReload();
                  onClose();
                })
              }
            />
            <TextField
              id="record-incident-field-title"
              label="Title"
              required
              value={form.title}
              onChange={e => set('title', e.target.value)}
              inputProps={{ maxLength: 200 }}
              {...fieldProps('title')}
            />
            <TextField
              select
              SelectProps={selectProps}
              id="record-incident-field-severity"
              label="Severity"
              value={form.severity}
              onChange={e =>
                set('severity', e.target.value as IncidentSeverity)
              }
              {...fieldProps('severity')}
              helperText={
                write.fields.severity ?? 'SEV1 is the worst, SEV5 the mildest'
              }
            >
              {INCIDENT_SEVERITIES.map(s => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              type="datetime-local"
              id="record-incident-field-startedAt"
              label="Started (your local time)"
              InputLabelProps={{ shrink: true }}
              value={form.startedAt}
              onChange={e => set('startedAt', e.target.value)}
              inputRef={incomplete.inputRef('startedAt')}
              {...fieldProps('startedAt')}
              helperText={
                write.fields.startedAt ??
                "When the failure began, if known; counts in MTTD (detected − started) and starts the incident's budget cost (from Detected when empty)"
              }
            />
            <TextField
              type="datetime-local"
              id="record-incident-field-detectedAt"
              label="Detected (your local time)"
              InputLabelProps={{ shrink: true }}
              value={form.detectedAt}
              onChange={e => set('detectedAt', e.target.value)}
              inputRef={incomplete.inputRef('detectedAt')}
              {...fieldProps('detectedAt')}
              helperText={
                write.fields.detectedAt ??
                (beforeListedPeriod
                  ? DETECTED_BEFORE_LISTED_PERIOD
                  : 'When it was noticed; MTTA, MTTM and MTTR count from here')
              }
            />
            {laterShown.map(field => (
              <TextField
                key={field}
                type="datetime-local"
                id={`record-incident-field-${field}`}
                label={`${MOMENT_WORDS[field]} (your local time)`}
                required
                InputLabelProps={{ shrink: true }}
                value={form[field]}
                onChange={e => set(field, e.target.value)}
                inputRef={incomplete.inputRef(field)}
                {...fieldProps(field)}
                helperText={write.fields[field] ?? LATER_MOMENT_HELP[field]}
              />
            ))}
            <AffectedSlosField
              slos={slos}
              value={form.affectedSloIds}
              onChange={ids => set('affectedSloIds', ids)}
              editing={Boolean(incident)}
              error={write.fields.affectedSloIds}
            />
            <FormControlLabel
              label="Fire drill (an exercise: reported apart from real incidents)"
              control={
                <Checkbox
                  color="primary"
                  checked={form.fireDrill}
                  onChange={e => set('fireDrill', e.target.checked)}
                />
              }
            />
            <TextField
              id="record-incident-field-postmortemUrl"
              label="Postmortem link"
              type="url"
              placeholder="https://…"
              value={form.postmortemUrl}
              onChange={e => set('postmortemUrl', e.target.value)}
              {...fieldProps('postmortemUrl')}
            />
            <TextField
              id="record-incident-field-description"
              label="Description"
              multiline
              minRows={2}
              value={form.description}
              onChange={e => set('description', e.target.value)}
              {...fieldProps('description')}
            />
          </form>
        </DialogContent>
        <DialogActions>
          <Button onClick={discard.requestClose} disabled={write.busy}>
            Cancel
          </Button>
          {/* Busy, not disabled, while the incident is sent: it keeps focus. */}
          <BusyButton
            color="primary"
            variant="contained"
            onClick={save}
            busy={write.busy}
          >
            {incident ? 'Save' : 'Record'}
          </BusyButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
