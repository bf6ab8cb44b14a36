import { ReactElement, useEffect, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Whether a form's fields differ from what it opened with (`before`); a list field (SLOs marked,
 * days picked) as a set, in whatever order it was filled.
 */
export function formChanged<T extends object>(before: T, form: T): boolean {
  return (Object.keys(before) as (keyof T)[]).some(key => {
    const was = before[key];
    const is = form[key];
    return Array.isArray(was) && Array.isArray(is)
      ? [...was].sort().join() !== [...is].sort().join()
      : was !== is;
  });
}

/**
 * Closing a form dialog without losing what was typed, as the SLO editor does: Escape, a click
 * beside the dialog and Cancel (all given `requestClose`) close an untouched form at once, and on a
 * changed one ask first (Discard / Keep editing); while a request runs they do nothing, so the
 * user sees how it ended.
 *
 * Render `confirmation` just before the form's `Dialog`: on Discard both leave in one render, and
 * MUI hands focus back as each goes, in this order. The question's target may be the form
 * dialog's own container (a click beside it focuses it); the form dialog then hands focus to the
 * control that opened it. The other way round, focus would end on the leaving container.
 */
export function useDiscardConfirmation(options: {
  /** Whether the form's dialog is open. */
  open: boolean;
  /**
   * Whether the form differs from what it opened with; asked when closing is requested, so it may
   * read what only the inputs know (a half-typed date reads as '' but is something typed).
   */
  changed(): boolean;
  /** While a request runs: closing is refused, as the form's disabled Cancel is. */
  busy: boolean;
  /** Closes the form's dialog, dropping what was typed. */
  onClose(): void;
  /** Makes the question's title id (`${id}-title`). */
  id: string;
  /** The question: "Discard your changes to this incident?". */
  title: string;
}): { requestClose(): void; confirmation: ReactElement } {
  const { open, changed, busy, onClose, id, title } = options;
  const [asking, setAsking] = useState(false);
  // Closed by other means (the page's own state) while asking: the next opening starts unasked.
  useEffect(() => {
    if (!open) setAsking(false);
  }, [open]);
  const requestClose = () => {
    if (busy) return;
    if (changed()) {
      setAsking(true);
    } else {
      onClose();
    }
  };
  const confirmation = (
    <ConfirmDialog
      open={open && asking}
      id={id}
      title={title}
      description="What you typed in this form has not been saved and will be lost."
      confirmLabel="Discard"
      cancelLabel="Keep editing"
      onConfirm={() => {
        setAsking(false);
        onClose();
      }}
      onCancel={() => setAsking(false)}
    />
  );
  return { requestClose, confirmation };
}
