import { renderInTestApp } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { useState } from 'react';
import { GrantDialog, dateInDays } from './GrantDialog';
import { halfTyped } from '../../__testUtils__/halfTyped';
import {
  localDayFromNow,
  startOfLocalDay,
} from '../../__testUtils__/localCalendar';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

/** The day the form starts with: in the future whenever the tests run. */
const ENDS_ON = localDayFromNow(40);

function Harness(props: {
  grant: jest.Mock;
  onCreated?: jest.Mock;
  onClose?: jest.Mock;
}) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open</button>
      <GrantDialog
        open={open}
        id="test-grant"
        title="Grant it"
        description="For a while."
        reason={{
          name: 'reason',
          label: 'Reason',
          hint: 'Why',
          missing: 'Say why.',
        }}
        expiry={{
          type: 'date',
          label: 'Ends on',
          hint: 'The day it ends',
          missing: 'Give the date it ends.',
          past: 'Pick a later day.',
          initial: () => ENDS_ON,
        }}
        submitLabel="Grant"
        grant={props.grant}
        onClose={() => {
          props.onClose?.();
          setOpen(false);
        }}
        onCreated={props.onCreated ?? (() => setOpen(false))}
      />
    </>
  );
}

describe('GrantDialog', () => {
  it('sends the reason and the start of the chosen local day', async () => {
    const grant = jest.fn().mockResolvedValue(undefined);
    const onCreated = jest.fn();
    await renderInTestApp(<Harness grant={grant} onCreated={onCreated} />);
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Team forming' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(grant).toHaveBeenCalledWith(
      'Team forming',
      startOfLocalDay(ENDS_ON),
    );
  });

  it('checks the reason and the date before sending anything', async () => {
    const grant = jest.fn();
    await renderInTestApp(<Harness grant={grant} />);
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(screen.getByLabelText(/Reason/)).toHaveAccessibleDescription(
      'Say why.',
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: '   ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(screen.getByLabelText(/Reason/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Team forming' },
    });
    fireEvent.change(screen.getByLabelText(/Ends on/), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(screen.getByLabelText(/Ends on/)).toHaveAccessibleDescription(
      'Give the date it ends.',
    );
    expect(grant).not.toHaveBeenCalled();
  });

  it('refuses an end that is not in the future under its field, before sending', async () => {
    const grant = jest.fn();
    await renderInTestApp(<Harness grant={grant} />);
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Team forming' },
    });
    fireEvent.change(screen.getByLabelText(/Ends on/), {
      target: { value: '2020-01-15' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(screen.getByLabelText(/Ends on/)).toHaveAccessibleDescription(
      'Pick a later day.',
    );
    expect(grant).not.toHaveBeenCalled();
  });

  it('says a half-typed date is incomplete rather than missing, and focuses the first field refused', async () => {
    const grant = jest.fn().mockResolvedValue(undefined);
    const onCreated = jest.fn();
    await renderInTestApp(<Harness grant={grant} onCreated={onCreated} />);
    const ends = screen.getByLabelText(/Ends on/);
    // jsdom implements no half-typed entries: the input's validity says it holds one, and its
    // value is '' as a browser reports it.
    let bad = true;
    halfTyped(ends, () => bad);
    fireEvent.change(ends, { target: { value: '' } });
    // Focus on the button, as a click leaves it: the dialog put it on Reason when it opened.
    const submit = screen.getByRole('button', { name: 'Grant' });
    act(() => submit.focus());
    fireEvent.click(submit);
    // The reason, empty, comes first: said, and focused.
    const reason = screen.getByLabelText(/Reason/);
    await waitFor(() => expect(reason).toHaveFocus());
    expect(reason).toHaveAccessibleDescription('Say why.');

    fireEvent.change(reason, { target: { value: 'Team forming' } });
    act(() => submit.focus());
    fireEvent.click(submit);
    await waitFor(() => expect(ends).toHaveFocus());
    expect(ends).toHaveAttribute('aria-invalid', 'true');
    expect(ends).toHaveAccessibleDescription('Enter a complete date');
    expect(grant).not.toHaveBeenCalled();

    // Completed: sent.
    bad = false;
    fireEvent.change(ends, { target: { value: '2099-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(grant).toHaveBeenCalledWith(
      'Team forming',
      new Date(2099, 2, 1, 0, 0),
    );
  });

  it('shows a refusal that names no field above the form, and starts over when reopened', async () => {
    const grant = jest
      .fn()
      .mockRejectedValue(new Error('The catalog did not answer'));
    await renderInTestApp(<Harness grant={grant} />);
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Team forming' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The catalog did not answer',
    );
    expect(screen.getByLabelText(/Reason/)).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );

    // What was typed is dropped only once confirmed.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(
      within(
        await screen.findByRole('dialog', { name: 'Discard what you typed?' }),
      ).getByRole('button', { name: 'Discard' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByLabelText(/Reason/)).toHaveValue('');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps focus on its button while the grant is sent, announced unavailable, and stays open', async () => {
    let answer: () => void = () => {};
    const grant = jest.fn(
      () =>
        new Promise<void>(resolve => {
          answer = resolve;
        }),
    );
    const onCreated = jest.fn();
    const onClose = jest.fn();
    await renderInTestApp(
      <Harness grant={grant} onCreated={onCreated} onClose={onClose} />,
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Team forming' },
    });
    const submit = screen.getByRole('button', { name: 'Grant' });
    act(() => submit.focus());
    fireEvent.click(submit);

    await waitFor(() =>
      expect(submit).toHaveAttribute('aria-disabled', 'true'),
    );
    expect(submit).not.toHaveAttribute('disabled');
    expect(document.activeElement).toBe(submit);
    fireEvent.click(submit);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(grant).toHaveBeenCalledTimes(1);

    await act(async () => answer());
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
  });
});

describe('dateInDays', () => {
  it('is the local calendar date that many days on', () => {
    const now = new Date(2026, 11, 30, 23, 30);
    expect(dateInDays(0, now)).toBe('2026-12-30');
    expect(dateInDays(2, now)).toBe('2027-01-01');
  });
});
