import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  SloDefinition,
  stewardshipSloCreatePermission,
  stewardshipSloDeletePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { errorMessage, errorStatus } from '../responseErrors';
import { mapServerErrors, nameTaken, nameTakenMessage } from './serverErrors';
import {
  SloFormState,
  fieldKeys,
  toFormState,
  toSpec,
  validateForm,
} from './sloForm';
import { SloFormFields } from './SloFormFields';
import { SliPreview, bringIntoView, useSliPreview } from './SliPreview';
import { previewBlockedMessage } from './previewBlocked';
import { focusFirstControl, useFocusFirstInvalid } from '../focusFirstControl';
import { useFocusRing } from '../focusRing';
import { evaluateSoon } from './evaluateSoon';
import { ConfirmDialog } from '../ConfirmDialog';
import { BusyButton } from '../BusyButton';
import { formChanged } from './formChanged';
import { reappliedText, reapplyChanges } from './reapplyChanges';
import { EditorNotice, SloEditorNotice, isSloGone } from './SloEditorNotice';

const useStyles = makeStyles(theme => ({
  alert: { marginBottom: theme.spacing(2) },
  spacer: { flex: 1 },
  previewBlocked: { marginTop: theme.spacing(2), '&:empty': { marginTop: 0 } },
  previewDenied: { marginTop: theme.spacing(2) },
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
 * form); a 409 on save means someone else changed the SLO and offers to reload their version
 * with the user's changes on top, or, led by `name: `, that the entity already has an SLO of
 * that name (said under Name); a 404 means it was deleted meanwhile, and offers to create it
 * again from the form.
 * Escape, a click beside it and Cancel close an untouched form at once, and ask before
 * discarding a changed one.
 */
export function SloEditor(props: SloEditorProps) {
  const { open, onClose } = props;
  const focusRing = useFocusRing();
  // Here, not in the form: while a save, evaluation, reload or delete runs, Escape and a click
  // beside the dialog keep it open as Cancel does, so the user sees how it ended and the tab
  // reloads (onSaved) before Edit can open the SLO's old version again.
  const [busy, setBusy] = useState(false);
  // Whether the form differs from what it opened with: the form says, the dialog asks.
  const [changed, setChanged] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const requestClose = () => {
    if (busy) return;
    if (changed) {
      setConfirmDiscard(true);
    } else {
      onClose();
    }
  };
  // A fresh form per opening and per SLO: remount rather than reset state by hand.
  return (
    <>
      {/* Before the editor: on Discard both leave in one render, and MUI hands focus back as
          each goes, in this order. This one's target may be the editor's own container (a
          click beside the editor focuses it); the editor then hands focus to the control
          that opened it. The other way round, focus would end on the leaving container. */}
      <ConfirmDialog
        open={open && confirmDiscard}
        id="slo-discard"
        title="Discard your changes to this SLO?"
        description="What you changed in this form has not been saved and will be lost."
        confirmLabel="Discard"
        cancelLabel="Keep editing"
        onConfirm={() => {
          setConfirmDiscard(false);
          onClose();
        }}
        onCancel={() => setConfirmDiscard(false)}
      />
      <Dialog
        open={open}
        // Outside the tab's markup (a portal): its own focus ring.
        PaperProps={{ className: focusRing }}
        onClose={requestClose}
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
            setChanged={setChanged}
            onCancel={requestClose}
          />
        )}
      </Dialog>
    </>
  );
}

// Kept here too: it was exported from this module first.
export { EVALUATION_AFTER_SAVE_WAIT_MS } from './evaluateSoon';

/**
 * Delete, for viewers the permission policy lets delete the SLOs of `entityRef` (asked as the
 * tab asks Edit): the backend checks again; this only spares a button that would end in a 403.
 */
function DeleteSloButton(props: {
  entityRef: string;
  disabled: boolean;
  onClick(): void;
}) {
  const { allowed } = usePermission({
    permission: stewardshipSloDeletePermission,
    resourceRef: props.entityRef,
  });
  if (!allowed) return null;
  return (
    <Button onClick={props.onClick} disabled={props.disabled}>
      Delete
    </Button>
  );
}

function SloEditorForm(
  props: SloEditorProps & {
    /** Whether a request runs: owned by the dialog, which stays open meanwhile. */
    busy: boolean;
    setBusy(busy: boolean): void;
    /** Tells the dialog whether the form differs from what it opened with. */
    setChanged(changed: boolean): void;
    /** Cancel: closes, asking first if the form was changed. */
    onCancel(): void;
  },
) {
  const { entityRef, onSaved, onDeleted, busy, setBusy, setChanged } = props;
  const api = useApi(stewardshipApiRef);
  const classes = useStyles();
  const [current, setCurrent] = useState(props.slo);
  // What the form opened with: the SLO as loaded (or reloaded), or the empty form, with what
  // the form fills in itself (the only metric source).
  const [opened, setOpened] = useState<SloFormState>(() =>
    toFormState(props.slo),
  );
  const [state, setState] = useState<SloFormState>(opened);
  const changed = formChanged(state, opened);
  useEffect(() => {
    setChanged(changed);
    // Gone with the form: the next opening starts unchanged.
    return () => setChanged(false);
  }, [changed, setChanged]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The problems a refused save marked: each new set sends focus to the first field marked, whose
  // helper text says why (focus left on Create or Save said nothing of a long form's problems).
  // Not a refused preview's: that says its problems beside the preview and keeps focus there.
  const [saveRefused, setSaveRefused] = useState<Record<string, string>>();
  const fieldsRoot = useFocusFirstInvalid<HTMLDivElement>(saveRefused);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<EditorNotice>();
  const [evaluating, setEvaluating] = useState(false);
  const saveLabel = props.slo ? 'Save' : 'Create';
  const sloEntityRef = current?.entityRef ?? entityRef;
  // A preview evaluates the form as a new SLO (`POST /slos/preview`), which the backend allows only
  // those who may add SLOs to the entity, even for an SLO being edited: without that, Preview SLI
  // would end in a 403. Hidden once the policy has said no; while asking, or when the check
  // failed (no denial), it stays and the backend decides.
  const previewCheck = usePermission({
    permission: stewardshipSloCreatePermission,
    resourceRef: sloEntityRef,
  });
  const previewDenied =
    !previewCheck.loading && !previewCheck.error && !previewCheck.allowed;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const preview = useSliPreview();
  // Counted: pressing Preview SLI again with the same problem says it again and scrolls to it
  // again, where the same string would not even re-render.
  const [previewBlocked, setBlocked] = useState<{
    message: string;
    n: number;
  }>();
  const setPreviewBlocked = (message: string | undefined) =>
    setBlocked(previous =>
      message === undefined
        ? undefined
        : { message, n: (previous?.n ?? 0) + 1 },
    );

  const change = (patch: Partial<SloFormState>) =>
    setState(previous => ({ ...previous, ...patch }));
  const fillDefault = (patch: Partial<SloFormState>) => {
    change(patch);
    setOpened(previous => ({ ...previous, ...patch }));
  };
  // What stops a preview shows under the form, where the preview would: brought into view too.
  const blockedMessage = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (previewBlocked) bringIntoView(blockedMessage.current);
  }, [previewBlocked]);

  // `asNew`: the SLO was deleted meanwhile, and the user asked to create it again from the form.
  const save = async (asNew = false) => {
    const local = validateForm(state);
    setErrors(local);
    setFormErrors([]);
    setNotice(undefined);
    // Said for a preview: the save's own problems show under the fields and above the form.
    setPreviewBlocked(undefined);
    if (Object.keys(local).length > 0) {
      setSaveRefused(local);
      return;
    }
    setBusy(true);
    const target = asNew ? undefined : current;
    try {
      const spec = toSpec(state, entityRef, current);
      const saved = target
        ? await api.updateSlo(target.id, { ...spec, version: target.version })
        : await api.createSlo(spec);
      setEvaluating(true);
      await evaluateSoon(api, saved.id);
      onSaved(saved);
    } catch (e) {
      const status = errorStatus(e);
      // A name another SLO of the entity has (a 409 led by `name: `): said under Name, which
      // takes focus; not a stale version, and no id of the other SLO.
      const taken = status === 409 ? nameTaken(errorMessage(e)) : undefined;
      if (taken) {
        const fields = { name: nameTakenMessage(taken.name) };
        setErrors(fields);
        setSaveRefused(fields);
      } else if (status === 409 && target) {
        setNotice({ kind: 'conflict' });
      } else if (target && isSloGone(e)) {
        setNotice({ kind: 'deleted', during: 'save' });
      } else if (status === 400) {
        const mapped = mapServerErrors(errorMessage(e), fieldKeys(state));
        setErrors(mapped.fields);
        setFormErrors(mapped.unmatched);
        setSaveRefused(mapped.fields);
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

  // The version saved meanwhile becomes what the form opened with; what the user changed is
  // typed again on top of it, so Reload loses nothing they wrote.
  const reload = async () => {
    if (!current) return;
    setBusy(true);
    try {
      const fresh = await api.getSlo(current.id);
      setCurrent(fresh);
      const reloaded = toFormState(fresh);
      const changes = reapplyChanges(opened, state, reloaded);
      setOpened(reloaded);
      setState(changes.state);
      setErrors({});
      setFormErrors([]);
      setNotice({ kind: 'reloaded', text: reappliedText(changes) });
    } catch (e) {
      if (isSloGone(e)) setNotice({ kind: 'deleted', during: 'reload' });
      else setFormErrors([`Could not reload the SLO: ${errorMessage(e)}`]);
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
      // Changed (or moved to another entity) since it was opened: the delete was for what the
      // form shows, so the same offer to reload as a save's 409, then decide again.
      if (errorStatus(e) === 409) setNotice({ kind: 'conflict' });
      else if (isSloGone(e)) setNotice({ kind: 'deleted', during: 'delete' });
      else setFormErrors([`Could not delete the SLO: ${errorMessage(e)}`]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DialogTitle id="slo-editor-title">
        {current ? `Edit SLO ${current.name}` : 'New SLO'}
      </DialogTitle>
      <DialogContent ref={fieldsRoot}>
        <SloEditorNotice
          notice={notice}
          busy={busy}
          className={classes.alert}
          onReload={reload}
          onCreateAgain={() => save(true)}
        />
        {formErrors.length > 0 && (
          <Alert severity="error" className={classes.alert}>
            {formErrors.map(message => (
              <div key={message}>{message}</div>
            ))}
          </Alert>
        )}
        <SloFormFields
          state={state}
          errors={errors}
          onChange={change}
          onDefault={fillDefault}
        />
        {/* A live region always in the page, so screen readers announce the message as it comes;
            the Alert inside is no alert of its own, which would announce it twice. */}
        <div
          aria-live="assertive"
          className={classes.previewBlocked}
          ref={blockedMessage}
        >
          {previewBlocked && (
            // A new node each time (key): a live region announces what is added to it.
            <Alert key={previewBlocked.n} severity="warning" role="none">
              {previewBlocked.message}
            </Alert>
          )}
        </div>
        <SliPreview
          state={preview.state}
          current={toSpec(state, entityRef, current)}
        />
        {/* Said where the preview would show: the missing button alone says nothing of why. */}
        {previewDenied && (
          <Typography variant="body2" className={classes.previewDenied}>
            No SLI preview: previewing needs permission to add SLOs to{' '}
            {sloEntityRef}, which you do not have.
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        {current && (
          <DeleteSloButton
            entityRef={current.entityRef}
            onClick={() => setConfirmDelete(true)}
            disabled={busy}
          />
        )}
        {/* Busy, not disabled, while the preview runs: a disabled button would lose focus to
            the dialog, and a keyboard user their place. A source that never answers holds it
            up to the query timeout: the label says it is working (the preview's region says
            so to screen readers). */}
        {!previewDenied && (
          <BusyButton
            onClick={runPreview}
            disabled={busy}
            busy={preview.state.kind === 'loading'}
          >
            {preview.state.kind === 'loading' ? 'Previewing…' : 'Preview SLI'}
          </BusyButton>
        )}
        <span className={classes.spacer} />
        <Button onClick={props.onCancel} disabled={busy}>
          Cancel
        </Button>
        {/* Busy, not disabled, as a save waits up to 10 s for the first evaluation: focus stays
            on the button pressed. */}
        <BusyButton
          color="primary"
          variant="contained"
          onClick={() => save()}
          busy={busy}
        >
          {evaluating ? 'Evaluating…' : saveLabel}
        </BusyButton>
      </DialogActions>
      <ConfirmDialog
        open={confirmDelete}
        id="slo-delete"
        title={`Delete SLO ${current?.name}?`}
        description="It disappears from every list and review, past periods included, and is no longer evaluated."
        confirmLabel="Delete"
        busy={busy}
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
      />
    </>
  );
}
