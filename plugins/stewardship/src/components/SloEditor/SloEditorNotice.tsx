import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { describeRequestFailure } from '../responseErrors';

/**
 * What the editor says above the form about the SLO as stored, when that is not what the form
 * opened with: changed by someone else (`conflict`, offering Reload), reloaded with the user's
 * changes on top (`reloaded`), or deleted meanwhile (`deleted`, found by a save, a delete or a
 * reload; offering to create it again from the form).
 */
export type EditorNotice =
  | { kind: 'conflict' }
  | { kind: 'reloaded'; text: string }
  | { kind: 'deleted'; during: 'save' | 'delete' | 'reload' };

/** Whether a request failed because the SLO is not there (any more): the backend's own 404. */
export function isSloGone(error: unknown): boolean {
  const failure = describeRequestFailure(error);
  return failure.kind === 'answer' && failure.status === 404;
}

const DELETED_TEXT: Record<'save' | 'delete' | 'reload', string> = {
  save: 'This SLO was deleted since you opened the editor, so your changes could not be saved. The form still holds your values: Create again stores them as a new SLO; Cancel drops them.',
  delete:
    'This SLO was already deleted since you opened the editor: there is nothing left to delete. Cancel closes the editor; Create again stores the values in the form as a new SLO.',
  reload:
    'This SLO was deleted since you opened the editor, so there is no version to reload. The form still holds your values: Create again stores them as a new SLO; Cancel drops them.',
};

/** The notice of {@link EditorNotice}, with its action. */
export function SloEditorNotice(props: {
  notice?: EditorNotice;
  busy: boolean;
  className: string;
  onReload(): void;
  onCreateAgain(): void;
}) {
  const { notice, busy, className } = props;
  if (!notice) return null;
  if (notice.kind === 'conflict') {
    return (
      <Alert
        severity="warning"
        className={className}
        action={
          <Button color="inherit" onClick={props.onReload} disabled={busy}>
            Reload
          </Button>
        }
      >
        Someone else changed this SLO since you opened it. Reload to load their
        version: what you changed here is kept on top of it.
      </Alert>
    );
  }
  if (notice.kind === 'reloaded') {
    return (
      <Alert severity="info" className={className}>
        {notice.text}
      </Alert>
    );
  }
  return (
    <Alert
      severity="warning"
      className={className}
      action={
        <Button color="inherit" onClick={props.onCreateAgain} disabled={busy}>
          Create again
        </Button>
      }
    >
      {DELETED_TEXT[notice.during]}
    </Alert>
  );
}
