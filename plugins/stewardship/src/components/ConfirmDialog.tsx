import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode } from 'react';
import { BusyButton } from './BusyButton';
import { focusFirstControl } from './focusFirstControl';
import { useFocusRing } from './focusRing';

/**
 * Asks before a change that cannot be taken back from the page (deleting an SLO, removing a
 * correction or an exemption, discarding what was typed in a form): what goes, and what follows
 * from it. Focus starts on the button that keeps everything, so Enter pressed out of habit changes
 * nothing; Escape keeps too.
 */
export function ConfirmDialog(props: {
  open: boolean;
  /** Makes the title's id (`${id}-title`), which names the dialog. */
  id: string;
  title: string;
  description: ReactNode;
  /** The confirming button, a verb: "Delete", "Remove". */
  confirmLabel: string;
  /** The button that keeps everything as it is; "Keep" unless given, e.g. "Keep editing". */
  cancelLabel?: string;
  /**
   * While the change is being made: both buttons ignore presses, and the confirming one keeps
   * focus (busy, not disabled: the browser would move focus to the page's top).
   */
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  /**
   * Called when the dialog has closed and is gone from the page (its exit transition ended): the
   * rest of the page is heard by screen readers again, so what the change did can be said.
   */
  onExited?(): void;
}) {
  const { open, id, busy, onConfirm, onCancel } = props;
  const focusRing = useFocusRing();
  return (
    <Dialog
      open={open}
      TransitionProps={{
        ...focusFirstControl.TransitionProps,
        onExited: props.onExited,
      }}
      // Outside the tab's markup (a portal): its own focus ring.
      PaperProps={{ className: focusRing }}
      // Not while the action runs: Keep is disabled then, and Escape or a click beside it too.
      onClose={busy ? undefined : onCancel}
      aria-labelledby={`${id}-title`}
    >
      <DialogTitle id={`${id}-title`}>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.description}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          {props.cancelLabel ?? 'Keep'}
        </Button>
        <BusyButton color="primary" onClick={onConfirm} busy={Boolean(busy)}>
          {props.confirmLabel}
        </BusyButton>
      </DialogActions>
    </Dialog>
  );
}
