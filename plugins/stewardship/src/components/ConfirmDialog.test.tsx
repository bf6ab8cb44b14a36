import { act, fireEvent, render, screen } from '@testing-library/react';
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

  it('keeps focus on its confirming button while the action runs, announced unavailable rather than disabled', () => {
    const onConfirm = jest.fn();
    const dialog = (busy: boolean) => (
      <ConfirmDialog
        open
        id="confirm-test"
        title="Delete SLO availability?"
        description="It disappears from every list."
        confirmLabel="Delete"
        busy={busy}
        onConfirm={onConfirm}
        onCancel={() => {}}
      />
    );
    const { rerender } = render(dialog(false));
    const confirm = screen.getByRole('button', { name: 'Delete' });
    act(() => confirm.focus());
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);

    rerender(dialog(true));
    // A disabled button would drop focus to the page's top in a browser.
    expect(confirm).toHaveAttribute('aria-disabled', 'true');
    expect(confirm).not.toHaveAttribute('disabled');
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
