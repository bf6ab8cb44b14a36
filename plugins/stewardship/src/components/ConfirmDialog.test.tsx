import { fireEvent, render, screen } from '@testing-library/react';
import { ConfirmDialog } from './ConfirmDialog';

function renderConfirm(busy: boolean, onCancel: () => void) {
  return render(
    <ConfirmDialog
      open
      id="confirm-test"
      title="Delete SLO availability?"
      description="It disappears from every list."
      confirmLabel="Delete"
      busy={busy}
      onConfirm={() => {}}
      onCancel={onCancel}
    />,
  );
}

describe('ConfirmDialog', () => {
  it('cancels on Escape when idle', () => {
    const onCancel = jest.fn();
    renderConfirm(false, onCancel);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('stays open on Escape while its action runs, as its disabled Keep does', () => {
    const onCancel = jest.fn();
    renderConfirm(true, onCancel);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Keep' })).toBeDisabled();
  });
});
