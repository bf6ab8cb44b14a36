import { renderInTestApp } from '@backstage/test-utils';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactNode, useState } from 'react';
import { focusFirstControl } from './focusFirstControl';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

function Harness(props: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open</button>
      <Dialog
        {...focusFirstControl}
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="test-title"
      >
        <DialogTitle id="test-title">A dialog</DialogTitle>
        {props.children}
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

describe('focusFirstControl', () => {
  it('puts focus in the first field when the dialog opens, and MUI returns it on Escape', async () => {
    await renderInTestApp(
      <Harness>
        <DialogContent>
          {/* A select first: its hidden input (tabindex -1) is no field to focus. */}
          <TextField select id="test-kind" label="Kind" value="a">
            <MenuItem value="a">A</MenuItem>
          </TextField>
          <TextField id="test-name" label="Name" />
        </DialogContent>
      </Harness>,
    );
    const open = screen.getByRole('button', { name: 'Open' });
    await userEvent.click(open);

    const dialog = await screen.findByRole('dialog', { name: 'A dialog' });
    // Without the helper MUI focuses the container around the dialog, outside role="dialog".
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /^Kind/ })).toHaveFocus(),
    );
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(open).toHaveFocus();
  });

  it('focuses the first button of a dialog without fields', async () => {
    await renderInTestApp(
      <Harness>
        <DialogContent>Nothing to fill in.</DialogContent>
      </Harness>,
    );
    // (Focused in the commit that mounts it, by the keyboard, MUI's ButtonBase throws in
    // Chromium, not here in jsdom: packages/app/e2e-tests/keyboard.test.ts opens a dialog that
    // starts on a button, the SLO's delete confirmation.)
    act(() => screen.getByRole('button', { name: 'Open' }).focus());
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: 'A dialog' });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus(),
    );
  });
});
