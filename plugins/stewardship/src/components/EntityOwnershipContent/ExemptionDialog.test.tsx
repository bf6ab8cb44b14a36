import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OwnershipRole } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { ExemptionDialog } from './ExemptionDialog';
import { expectEscapeAsksBeforeDiscarding } from '../../__testUtils__/discardQuestion';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const TITLE = 'Grant an exemption for the engineering owner';
const DISCARD = 'Discard this exemption?';
const ROLE: OwnershipRole = 'engineering';

/** A button that opens the dialog, which closes as the dialog asks. */
function Opener(props: { onClose(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open the dialog
      </button>
      <ExemptionDialog
        open={open}
        entityRef="component:default/payments-api"
        role={ROLE}
        onClose={() => {
          props.onClose();
          setOpen(false);
        }}
        onCreated={() => setOpen(false)}
      />
    </>
  );
}

async function openDialog() {
  await userEvent.click(
    screen.getByRole('button', { name: 'Open the dialog' }),
  );
  const dialog = await screen.findByRole('dialog', { name: TITLE });
  // Where the dialog puts focus once it has opened: on its first field.
  await waitFor(() =>
    expect(within(dialog).getByLabelText(/^Reason/)).toHaveFocus(),
  );
  return dialog;
}

async function closed() {
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), {
    timeout: 5000,
  });
}

/**
 * Pressed and released on the backdrop: what MUI counts as a click beside the dialog. A browser
 * moves focus there too (MUI's container around the dialog takes focus), which fireEvent does not.
 */
function clickBeside(dialog: HTMLElement) {
  const backdrop = dialog.parentElement!;
  fireEvent.mouseDown(backdrop);
  if (backdrop.hasAttribute('tabindex')) act(() => backdrop.focus());
  fireEvent.mouseUp(backdrop);
}

describe('ExemptionDialog, closed without granting', () => {
  it('closes an untouched form at once', async () => {
    const onClose = jest.fn();
    await renderWithApi(<Opener onClose={onClose} />, mockStewardshipApi());
    await openDialog();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull();
    await closed();
  });

  it('asks before discarding what was typed; Keep editing keeps it, Discard closes', async () => {
    const onClose = jest.fn();
    await renderWithApi(<Opener onClose={onClose} />, mockStewardshipApi());
    const dialog = await openDialog();
    const reason = within(dialog).getByLabelText(/^Reason/);
    fireEvent.change(reason, { target: { value: 'Team forming' } });

    await expectEscapeAsksBeforeDiscarding({
      field: reason,
      typed: 'Team forming',
      onClose,
      question: DISCARD,
    });
    await closed();
    // Focus back on the control that opened the dialog.
    expect(
      screen.getByRole('button', { name: 'Open the dialog' }),
    ).toHaveFocus();

    // Opened again: a fresh, untouched form, which closes at once.
    expect(await openDialog()).toBeInTheDocument();
    expect(screen.getByLabelText(/^Reason/)).toHaveValue('');
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
  });
  it('asks on a click beside a changed form too; Discard then hands focus to the opener', async () => {
    const onClose = jest.fn();
    await renderWithApi(<Opener onClose={onClose} />, mockStewardshipApi());
    const dialog = await openDialog();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Team forming' },
    });
    clickBeside(dialog);
    const question = await screen.findByRole('dialog', { name: DISCARD });
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.click(
      within(question).getByRole('button', { name: 'Discard' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
    await closed();
    expect(
      screen.getByRole('button', { name: 'Open the dialog' }),
    ).toHaveFocus();
  });
});
