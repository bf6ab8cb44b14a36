import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { errorMessage, errorStatus } from '../responseErrors';
import { mapServerErrors } from './serverErrors';
import {
  SloFormState,
  fieldKeys,
  toFormState,
  toSpec,
  validateForm,
} from './sloForm';
import { SloFormFields } from './SloFormFields';
import { SliPreview, useSliPreview } from './SliPreview';
import { previewBlockedMessage } from './previewBlocked';
import { focusFirstControl } from '../focusFirstControl';
import { evaluateSoon } from './evaluateSoon';
import { ConfirmDialog } from '../ConfirmDialog';

const useStyles = makeStyles(theme => ({
  alert: { marginBottom: theme.spacing(2) },
  spacer: { flex: 1 },
  previewBlocked: { marginTop: theme.spacing(2), '&:empty': { marginTop: 0 } },
}));

/** Props of {@link SloEditor}. */
export interface SloEditorProps {
  /** Whether the dialog is open. */
  open: boolean;
  /** The entity a new SLO belongs to, e.g. `component:default/checkout`. */
  entityRef: string;
  /** The SLO to edit; absent to create one. */
  slo?: SloDefinition;
  /** Closes the dialog without saving. */
  onClose(): void;
  /** Called with the stored SLO after a successful save. */
  onSaved(slo: SloDefinition): void;
  /** Called after the SLO was deleted. */
  onDeleted?(slo: SloDefinition): void;
  /** Called when the dialog has closed and is gone from the page (its exit transition ended). */
  onExited?(): void;
}

/**
 * A dialog to create, edit and delete an SLO. Problems the form can see are shown before any
 * request; the server's 400 problems are shown under the field they name (the rest above the
 * form); a 409 on save means someone else changed the SLO and offers to reload their version.
 */
export function SloEditor(props: SloEditorProps) {
  const { open, onClose } = props;
  // Here, not in the form: while a save, evaluation, reload or delete runs, Escape and a click
  // beside the dialog keep it open as Cancel does, so the user sees how it ended and the tab
  // reloads (onSaved) before Edit can open the SLO's old version again.
  const [busy, setBusy] = useState(false);
  // A fresh form per opening and per SLO: remount rather than reset state by hand.
  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!busy) onClose();
      }}
      TransitionProps={{
        ...focusFirstControl.TransitionProps,
        onExited: props.onExited,
      }}
      maxWidth="md"
      fullWidth
      aria-labelledby="slo-editor-title"
    >
      {open && (
        <SloEditorForm
          key={props.slo?.id ?? 'new'}
          {...props}
          busy={busy}
          setBusy={setBusy}
        />
      )}
    </Dialog>
  );
}

// Kept here too: it was exported from this module first.
export { EVALUATION_AFTER_SAVE_WAIT_MS } from './evaluateSoon';

function SloEditorForm(
  props: SloEditorProps & {
    /** Whether a request runs: owned by the dialog, which stays open meanwhile. */
    busy: boolean;
    setBusy(busy: boolean): void;
  },
) {
  const { entityRef, onClose, onSaved, onDeleted, busy, setBusy } = props;
  const api = useApi(stewardshipApiRef);
  const classes = useStyles();
  const [current, setCurrent] = useState(props.slo);
  const [state, setState] = useState<SloFormState>(() =>
    toFormState(props.slo),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [evaluating, setEvaluating] = useState(false);
  const saveLabel = props.slo ? 'Save' : 'Create';
  const [confirmDelete, setConfirmDelete] = useState(false);
  const preview = useSliPreview();
  const [previewBlocked, setPreviewBlocked] = useState<string>();

  const change = (patch: Partial<SloFormState>) =>
    setState(previous => ({ ...previous, ...patch }));

  const save = async () => {
    const local = validateForm(state);
    setErrors(local);
    setFormErrors([]);
    setConflict(false);
    // Said for a preview: the save's own problems show under the fields and above the form.
    setPreviewBlocked(undefined);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const spec = toSpec(state, entityRef, current);
      const saved = current
        ? await api.updateSlo(current.id, { ...spec, version: current.version })
        : await api.createSlo(spec);
      setEvaluating(true);
      await evaluateSoon(api, saved.id);
      onSaved(saved);
    } catch (e) {
      const status = errorStatus(e);
      if (status === 409 && current) {
        setConflict(true);
      } else if (status === 400) {
        const mapped = mapServerErrors(errorMessage(e), fieldKeys(state));
        setErrors(mapped.fields);
        setFormErrors(mapped.unmatched);
      } else {
        setFormErrors([errorMessage(e)]);
      }
    } finally {
      setBusy(false);
      setEvaluating(false);
    }
  };

  // The same checks as saving, then the unsaved SLO evaluated now: a broken SLI shows here.
  const runPreview = async () => {
    const local = validateForm(state);
    setErrors(local);
    setFormErrors([]);
    setPreviewBlocked(previewBlockedMessage(Object.keys(local), state));
    if (Object.keys(local).length > 0) return;
    const spec = toSpec(state, entityRef, current);
    const problem = await preview.run(spec, () => api.previewSlo(spec));
    if (problem?.status === 400) {
      const mapped = mapServerErrors(problem.message, fieldKeys(state));
      setErrors(mapped.fields);
      setFormErrors(mapped.unmatched);
      setPreviewBlocked(
        previewBlockedMessage(
          Object.keys(mapped.fields),
          state,
          mapped.unmatched.length > 0,
        ),
      );
    }
  };

  const reload = async () => {
    if (!current) return;
    setBusy(true);
    try {
      const fresh = await api.getSlo(current.id);
      setCurrent(fresh);
      setState(toFormState(fresh));
      setErrors({});
      setFormErrors([]);
      setConflict(false);
    } catch (e) {
      setFormErrors([`Could not reload the SLO: ${errorMessage(e)}`]);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!current) return;
    setBusy(true);
    try {
      await api.deleteSlo(current.id);
      setConfirmDelete(false);
      onDeleted?.(current);
    } catch (e) {
      setConfirmDelete(false);
      setFormErrors([`Could not delete the SLO: ${errorMessage(e)}`]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DialogTitle id="slo-editor-title">
        {current ? `Edit SLO ${current.name}` : 'New SLO'}
      </DialogTitle>
      <DialogContent>
        {conflict && (
          <Alert
            severity="warning"
            className={classes.alert}
            action={
              <Button color="inherit" onClick={reload} disabled={busy}>
                Reload
              </Button>
            }
          >
            Someone else changed this SLO since you opened it. Reload to see
            their version; your changes here will be replaced.
          </Alert>
        )}
        {formErrors.length > 0 && (
          <Alert severity="error" className={classes.alert}>
            {formErrors.map(message => (
              <div key={message}>{message}</div>
            ))}
          </Alert>
        )}
        <SloFormFields state={state} errors={errors} onChange={change} />
        {/* A live region always in the page, so screen readers announce the message as it comes;
            the Alert inside is no alert of its own, which would announce it twice. */}
        <div aria-live="assertive" className={classes.previewBlocked}>
          {previewBlocked && (
            <Alert severity="warning" role="none">
              {previewBlocked}
            </Alert>
          )}
        </div>
        <SliPreview state={preview.state} />
      </DialogContent>
      <DialogActions>
        {current && (
          <Button onClick={() => setConfirmDelete(true)} disabled={busy}>
            Delete
          </Button>
        )}
        <Button
          onClick={runPreview}
          disabled={busy || preview.state.kind === 'loading'}
        >
          Preview SLI
        </Button>
        <span className={classes.spacer} />
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={busy}
        >
          {evaluating ? 'Evaluating…' : saveLabel}
        </Button>
      </DialogActions>
      <ConfirmDialog
        open={confirmDelete}
        id="slo-delete"
        title={`Delete SLO ${current?.name}?`}
        description="It disappears from every list and is no longer evaluated. Its history is kept."
        confirmLabel="Delete"
        busy={busy}
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
      />
    </>
  );
}
