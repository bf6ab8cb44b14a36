import {
  SloCorrectionSpec,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { CorrectionDialog } from './CorrectionDialog';
import { halfTyped } from '../../__testUtils__/halfTyped';
import { expectEscapeAsksBeforeDiscarding } from '../../__testUtils__/discardQuestion';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const slo = { id: 'slo-1', name: 'availability' } as SloDefinition;

async function renderDialog() {
  const sent: SloCorrectionSpec[] = [];
  const onAdded = jest.fn();
  const api = mockStewardshipApi({
    createSloCorrection: async (_id, spec) => {
      sent.push(spec);
      return { id: 'c1', author: 'user:default/me', createdAt: '', ...spec };
    },
  });
  await renderWithApi(
    <CorrectionDialog open slo={slo} onClose={() => {}} onAdded={onAdded} />,
    api,
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Add a correction to availability',
  });
  return {
    sent,
    onAdded,
    field: (label: RegExp) => within(dialog).getByLabelText(label),
    // Focus on the button, as a click leaves it: the dialog put it on Reason when it opened.
    add: () => {
      const button = within(dialog).getByRole('button', {
        name: 'Add correction',
      });
      act(() => button.focus());
      fireEvent.click(button);
    },
  };
}

describe('CorrectionDialog', () => {
  it('says a half-typed Start is incomplete, not "Required", and focuses it; completed, it is sent', async () => {
    const { sent, onAdded, field, add } = await renderDialog();
    fireEvent.change(field(/^Reason/), { target: { value: 'Maintenance' } });
    const start = field(/^Start/);
    const end = field(/^End/);
    let bad = true;
    halfTyped(start, () => bad);
    fireEvent.change(end, { target: { value: '2026-01-02T05:00' } });
    add();

    await waitFor(() => expect(start).toHaveAttribute('aria-invalid', 'true'));
    expect(start).toHaveAccessibleDescription(
      'Enter a complete date and time (or clear the field)',
    );
    expect(start).toHaveFocus();
    expect(end).toHaveAttribute('aria-invalid', 'false');
    expect(sent).toEqual([]);

    bad = false;
    fireEvent.change(start, { target: { value: '2026-01-02T03:00' } });
    add();
    await waitFor(() => expect(onAdded).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([
      {
        reason: 'Maintenance',
        once: {
          start: new Date(2026, 0, 2, 3, 0).toISOString(),
          end: new Date(2026, 0, 2, 5, 0).toISOString(),
        },
      },
    ]);
  });

  it('focuses the first field refused, in the order shown: Reason before a half-typed End', async () => {
    const { sent, field, add } = await renderDialog();
    const end = field(/^End/);
    halfTyped(end, () => true);
    add();

    const reason = field(/^Reason/);
    await waitFor(() => expect(reason).toHaveFocus());
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    // Start is empty (Required), End half-typed: each said in its own words.
    expect(field(/^Start/)).toHaveAccessibleDescription('Required');
    expect(end).toHaveAccessibleDescription(
      'Enter a complete date and time (or clear the field)',
    );
    expect(sent).toEqual([]);
  });

  it('focuses the first day when no day is picked (a group of checkboxes, not a text field)', async () => {
    const { sent, field, add } = await renderDialog();
    fireEvent.change(field(/^Reason/), { target: { value: 'Maintenance' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Every week' }));
    const sunday = screen.getByRole('checkbox', { name: 'Sun' });
    fireEvent.click(sunday);
    expect(sunday).not.toBeChecked();
    add();

    expect(await screen.findByText('Pick at least one day')).toBeVisible();
    await waitFor(() =>
      expect(screen.getByRole('checkbox', { name: 'Mon' })).toHaveFocus(),
    );
    expect(sent).toEqual([]);
  });

  it('keeps focus on Add correction while it is sent, announced unavailable, and stays open', async () => {
    const sent: SloCorrectionSpec[] = [];
    let answer: () => void = () => {};
    const onAdded = jest.fn();
    const onClose = jest.fn();
    const api = mockStewardshipApi({
      createSloCorrection: (_id, spec) => {
        sent.push(spec);
        return new Promise(resolve => {
          answer = () =>
            resolve({
              id: 'c1',
              author: 'user:default/me',
              createdAt: '',
              ...spec,
            });
        });
      },
    });
    await renderWithApi(
      <CorrectionDialog open slo={slo} onClose={onClose} onAdded={onAdded} />,
      api,
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Add a correction to availability',
    });
    const field = (label: RegExp) => within(dialog).getByLabelText(label);
    fireEvent.change(field(/^Reason/), { target: { value: 'Maintenance' } });
    fireEvent.change(field(/^Start/), {
      target: { value: '2026-01-02T03:00' },
    });
    fireEvent.change(field(/^End/), { target: { value: '2026-01-02T05:00' } });
    const add = within(dialog).getByRole('button', { name: 'Add correction' });
    act(() => add.focus());
    fireEvent.click(add);

    await waitFor(() => expect(add).toHaveAttribute('aria-disabled', 'true'));
    expect(add).not.toHaveAttribute('disabled');
    expect(document.activeElement).toBe(add);
    // A second press sends nothing more; Escape and Cancel do not leave the request behind.
    fireEvent.click(add);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    // Nor asks whether to discard what is being sent.
    expect(
      screen.queryByRole('dialog', { name: 'Discard this correction?' }),
    ).toBeNull();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    expect(sent).toHaveLength(1);

    await act(async () => answer());
    await waitFor(() => expect(onAdded).toHaveBeenCalledTimes(1));
    expect(add).not.toHaveAttribute('aria-disabled');
  });

  it("describes each day by the days' problem under its own id, not the SLO editor's", async () => {
    const { field, add } = await renderDialog();
    fireEvent.change(field(/^Reason/), { target: { value: 'Maintenance' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Every week' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sun' }));
    add();

    await screen.findByText('Pick at least one day');
    for (const day of ['Sun', 'Mon', 'Sat']) {
      const box = screen.getByRole('checkbox', { name: day });
      expect(box).toHaveAccessibleDescription('Pick at least one day');
      // The SLO editor's days error has that id; both may be in the page.
      expect(box).not.toHaveAttribute(
        'aria-describedby',
        'slo-schedule-days-error',
      );
    }
  });
});

describe('CorrectionDialog, closed unsent', () => {
  const DISCARD = 'Discard this correction?';

  async function renderToClose() {
    const onClose = jest.fn();
    await renderWithApi(
      <CorrectionDialog open slo={slo} onClose={onClose} onAdded={() => {}} />,
      mockStewardshipApi(),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Add a correction to availability',
    });
    const reason = within(dialog).getByLabelText(/^Reason/);
    // Where the dialog puts focus as it opens, and so where Escape is pressed.
    await waitFor(() => expect(reason).toHaveFocus());
    return {
      onClose,
      dialog,
      reason,
      cancel: () =>
        userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' })),
    };
  }

  it('closes an untouched form at once', async () => {
    const { onClose } = await renderToClose();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull();
  });

  it('asks before discarding a typed reason; Keep editing keeps it, Discard closes', async () => {
    const { onClose, reason } = await renderToClose();
    fireEvent.change(reason, { target: { value: 'Maintenance' } });

    await expectEscapeAsksBeforeDiscarding({
      field: reason,
      typed: 'Maintenance',
      onClose,
      question: DISCARD,
    });
  });

  it('asks on Cancel too, a half-typed Start (read as empty) being something typed', async () => {
    const { onClose, dialog, cancel } = await renderToClose();
    halfTyped(within(dialog).getByLabelText(/^Start/), () => true);

    await cancel();
    const question = await screen.findByRole('dialog', { name: DISCARD });
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.click(
      within(question).getByRole('button', { name: 'Discard' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes at once on Cancel a form put back as it opened', async () => {
    const { onClose, dialog, cancel } = await renderToClose();
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Every week' }),
    );
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Once' }));

    await cancel();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull();
  });
});
