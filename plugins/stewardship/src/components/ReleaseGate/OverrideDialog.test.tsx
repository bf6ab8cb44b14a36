import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { OverrideDialog } from './OverrideDialog';
import { expectEscapeAsksBeforeDiscarding } from '../../__testUtils__/discardQuestion';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const TITLE = 'Override the release gate';
const DISCARD = 'Discard this override?';

/** A button that opens the dialog, which closes as the dialog asks. */
function Opener(props: { onClose(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open the dialog
      </button>
      <OverrideDialog
        open={open}
        entityRef="component:default/checkout"
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
    expect(within(dialog).getByLabelText(/^Justification/)).toHaveFocus(),
  );
  return dialog;
}

async function closed() {
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), {
    timeout: 5000,
  });
}

describe('OverrideDialog, closed without overriding', () => {
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
    const justification = within(dialog).getByLabelText(/^Justification/);
    fireEvent.change(justification, {
      target: { value: 'Hotfix for the outage' },
    });

    await expectEscapeAsksBeforeDiscarding({
      field: justification,
      typed: 'Hotfix for the outage',
      onClose,
      question: DISCARD,
    });
    await closed();
    // Focus back on the control that opened the dialog.
    expect(
      screen.getByRole('button', { name: 'Open the dialog' }),
    ).toHaveFocus();
  });

  it('counts a changed expiry as a change too, and Cancel asks', async () => {
    const onClose = jest.fn();
    await renderWithApi(<Opener onClose={onClose} />, mockStewardshipApi());
    const dialog = await openDialog();
    // A date-time input: typed into as a whole value (jsdom has no picker).
    fireEvent.change(within(dialog).getByLabelText(/^Expires/), {
      target: { value: '2099-01-01T09:30' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(
      await screen.findByRole('dialog', { name: DISCARD }),
    ).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
