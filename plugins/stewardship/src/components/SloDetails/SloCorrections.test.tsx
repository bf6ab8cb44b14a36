import {
  SloCorrection,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { backendError } from '../../__testUtils__/backendError';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { denyingPermissionApi } from '../../__testUtils__/permissions';
import { SloCorrections } from './SloCorrections';
import { correctionFormProblems, toCorrectionSpec } from './CorrectionDialog';
import { excludedText } from './BurndownChart';

jest.setTimeout(30_000);

const slo: SloDefinition = {
  id: '6f1c2b9e-1d2a-4c55-9f0e-0a6a4d1e2f11',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prom',
  alertPolicies: [],
  labels: {},
};

const sunday: SloCorrection = {
  id: 'b7d0c1a2-0000-4000-8000-000000000001',
  reason: 'Sunday maintenance',
  weekly: {
    days: ['sun'],
    from: '02:00',
    to: '04:00',
    timeZone: 'Europe/Berlin',
  },
  author: 'user:default/jane.doe',
  createdAt: '2026-11-01T09:30:00.000Z',
};

/**
 * What `status` is given to say, each with whether the page was hidden from screen readers then
 * (aria-hidden, as MUI hides it behind an open dialog), where a status line is not heard.
 */
function recordSaid(status: HTMLElement) {
  const said: Array<{ text: string; pageHidden: boolean }> = [];
  new MutationObserver(() => {
    if (!status.textContent) return;
    said.push({
      text: status.textContent,
      pageHidden: Boolean(status.closest('[aria-hidden="true"]')),
    });
  }).observe(status, { childList: true, subtree: true, characterData: true });
  return said;
}

/** The card with its corrections held like SloDetails holds them. */
function Harness(props: { slo: SloDefinition; initial: SloCorrection[] }) {
  const [corrections, setCorrections] = useState(props.initial);
  return (
    <SloCorrections
      slo={props.slo}
      corrections={corrections}
      onChange={setCorrections}
    />
  );
}

describe('SloCorrections', () => {
  it('lists corrections in words and says what time the SLO counts', async () => {
    await renderWithApi(
      <Harness
        slo={{
          ...slo,
          schedule: {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            from: '09:00',
            to: '17:00',
            timeZone: 'Europe/Berlin',
          },
        }}
        initial={[sunday]}
      />,
      mockStewardshipApi(),
    );
    expect(
      screen.getByText(
        'Business hours: this SLO counts only Mon–Fri 09:00–17:00 Europe/Berlin; events outside that schedule are not counted and burn no budget.',
      ),
    ).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /Sunday maintenance/ });
    expect(row).toHaveTextContent('every Sun 02:00–04:00 Europe/Berlin');
    // Who, as the catalog names them (here without a catalog: the user's name), linked.
    expect(row).toHaveTextContent('by jane.doe on 2026-11-01 09:30 UTC');
    expect(within(row).getByRole('link', { name: 'jane.doe' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane.doe',
    );
  });

  it('adds a one-off correction through the dialog and removes one', async () => {
    const created: SloCorrection = {
      id: 'b7d0c1a2-0000-4000-8000-000000000002',
      reason: 'Database upgrade',
      once: {
        start: '2026-11-29T10:00:00.000Z',
        end: '2026-11-29T12:00:00.000Z',
      },
      author: 'user:default/jane.doe',
      createdAt: '2026-11-30T08:00:00.000Z',
    };
    const createSloCorrection = jest.fn(async () => created);
    const deleteSloCorrection = jest.fn(async () => {});
    await renderWithApi(
      <Harness slo={slo} initial={[sunday]} />,
      mockStewardshipApi({ createSloCorrection, deleteSloCorrection }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add correction' }),
    );
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Database upgrade' },
    });
    fireEvent.change(screen.getByLabelText('Start (your local time)'), {
      target: { value: '2026-11-29T10:00' },
    });
    fireEvent.change(screen.getByLabelText('End (your local time)'), {
      target: { value: '2026-11-29T12:00' },
    });
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      dialog.querySelector('button.MuiButton-containedPrimary')!,
    );
    await waitFor(() => expect(createSloCorrection).toHaveBeenCalled());
    expect(createSloCorrection).toHaveBeenCalledWith(slo.id, {
      reason: 'Database upgrade',
      once: {
        start: new Date('2026-11-29T10:00').toISOString(),
        end: new Date('2026-11-29T12:00').toISOString(),
      },
    });
    expect(
      await screen.findByRole('row', { name: /Database upgrade/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Corrections apply from the next evaluation on/),
    ).toBeInTheDocument();

    // Removing asks first, naming the time that counts again; Keep removes nothing.
    const remove = screen.getByRole('button', {
      name: 'Remove the correction Sunday maintenance',
    });
    await userEvent.click(remove);
    let confirm = await screen.findByRole('dialog', {
      name: 'Remove the correction Sunday maintenance?',
    });
    expect(confirm).toHaveTextContent(
      'The time it leaves out (every Sun 02:00–04:00 Europe/Berlin) counts again from the next evaluation on',
    );
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Keep' }),
    );
    // Fading out, it still names the correction (its text did not empty as it left).
    expect(confirm).toHaveTextContent(
      'Remove the correction Sunday maintenance?',
    );
    await waitFor(() => expect(confirm).not.toBeInTheDocument());
    expect(deleteSloCorrection).not.toHaveBeenCalled();
    expect(remove).toHaveFocus();

    await userEvent.click(remove);
    confirm = await screen.findByRole('dialog', {
      name: 'Remove the correction Sunday maintenance?',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Remove' }),
    );
    expect(deleteSloCorrection).toHaveBeenCalledWith(slo.id, sunday.id);
    await waitFor(() =>
      expect(
        screen.queryByRole('row', { name: /Sunday maintenance/ }),
      ).not.toBeInTheDocument(),
    );
    // Its row (and Remove button) gone: focus goes to Add correction, not to the page.
    const add = screen.getByRole('button', {
      name: 'Add correction',
      hidden: true, // the leaving dialog still hides the page from role queries
    });
    await waitFor(() => expect(add).toHaveFocus());
  });

  it('says an added or a removed correction on its status line once the dialog has gone', async () => {
    const created: SloCorrection = {
      id: 'b7d0c1a2-0000-4000-8000-000000000002',
      reason: 'Database upgrade',
      once: {
        start: '2026-11-29T10:00:00.000Z',
        end: '2026-11-29T12:00:00.000Z',
      },
      author: 'user:default/jane.doe',
      createdAt: '2026-11-30T08:00:00.000Z',
    };
    await renderWithApi(
      <Harness slo={slo} initial={[sunday]} />,
      mockStewardshipApi({
        createSloCorrection: async () => created,
        deleteSloCorrection: async () => {},
      }),
    );
    // On the card before anything is said, outside the dialogs, so that what comes in is heard.
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('');
    const said = recordSaid(status);

    const dialog = await openAddCorrection();
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: 'Database upgrade' },
    });
    fireEvent.change(within(dialog).getByLabelText('Start (your local time)'), {
      target: { value: '2026-11-29T10:00' },
    });
    fireEvent.change(within(dialog).getByLabelText('End (your local time)'), {
      target: { value: '2026-11-29T12:00' },
    });
    await userEvent.click(
      dialog.querySelector('button.MuiButton-containedPrimary')!,
    );
    // Said once, and only once the dialog had gone: while it is open the page is aria-hidden.
    await waitFor(() =>
      expect(said).toEqual([
        {
          text: 'Correction added: 2026-11-29 10:00 UTC – 2026-11-29 12:00 UTC, “Database upgrade”. It applies from the next evaluation on.',
          pageHidden: false,
        },
      ]),
    );
    expect(dialog).not.toBeInTheDocument();
    expect(status.closest('[role="dialog"]')).toBeNull();
    // The visible note stays.
    expect(
      screen.getByText(/Corrections apply from the next evaluation on/),
    ).toBeInTheDocument();

    // Kept: nothing to say.
    const remove = screen.getByRole('button', {
      name: 'Remove the correction Sunday maintenance',
    });
    await closeDialog(async () => {
      await userEvent.click(remove);
      const confirm = await screen.findByRole('dialog');
      await userEvent.click(
        within(confirm).getByRole('button', { name: 'Keep' }),
      );
    });
    expect(said).toHaveLength(1);

    await userEvent.click(remove);
    const confirm = await screen.findByRole('dialog', {
      name: 'Remove the correction Sunday maintenance?',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() =>
      expect(said[1]).toEqual({
        text: 'Correction removed: every Sun 02:00–04:00 Europe/Berlin, “Sunday maintenance”. Its time counts again from the next evaluation on.',
        pageHidden: false,
      }),
    );
    expect(confirm).not.toBeInTheDocument();
    expect(said).toHaveLength(2);
    expect(screen.getByRole('status')).toBe(status);
    // The focus handling stays: Add correction, not the page.
    expect(
      screen.getByRole('button', { name: 'Add correction' }),
    ).toHaveFocus();
  });

  it('says a removal that failed once the dialog has gone', async () => {
    await renderWithApi(
      <Harness slo={slo} initial={[sunday]} />,
      mockStewardshipApi({
        deleteSloCorrection: async () => {
          throw new Error('connection reset');
        },
      }),
    );
    const status = screen.getByRole('status');
    const said = recordSaid(status);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Remove the correction Sunday maintenance',
      }),
    );
    const confirm = await screen.findByRole('dialog');
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() =>
      expect(said).toEqual([
        {
          text: 'Could not remove the correction: connection reset',
          pageHidden: false,
        },
      ]),
    );
  });

  it("shows the server's 400 and keeps the dialog open", async () => {
    const createSloCorrection = jest.fn(async () => {
      throw await backendError(
        400,
        'Invalid correction:\nweekly.timeZone: unknown time zone "Mars/Olympus"',
      );
    });
    await renderWithApi(
      <Harness slo={slo} initial={[]} />,
      mockStewardshipApi({ createSloCorrection }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add correction' }),
    );
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Mars maintenance' },
    });
    await userEvent.click(screen.getByLabelText('Every week'));
    fireEvent.change(screen.getByLabelText('Time zone'), {
      target: { value: 'Mars/Olympus' },
    });
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      dialog.querySelector('button.MuiButton-containedPrimary')!,
    );
    expect(
      await screen.findByText(/weekly.timeZone: unknown time zone/),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  /** Opens Add correction and returns its dialog. */
  async function openAddCorrection() {
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add correction' }),
    );
    return screen.findByRole('dialog', {
      name: 'Add a correction to availability',
    });
  }

  /** Answers Discard to "Discard this correction?", asked on closing a changed form. */
  async function discard() {
    await userEvent.click(
      within(
        await screen.findByRole('dialog', { name: 'Discard this correction?' }),
      ).getByRole('button', { name: 'Discard' }),
    );
  }

  /** Closes it by `close` and waits until it has left the page. */
  async function closeDialog(close: () => Promise<unknown>) {
    await close();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  }

  /** The dialog as a first opening shows it: one-off, nothing typed, nothing refused. */
  function expectNewForm(dialog: HTMLElement) {
    const inDialog = within(dialog);
    expect(inDialog.getByLabelText('Reason')).toHaveValue('');
    expect(inDialog.getByRole('radio', { name: 'Once' })).toBeChecked();
    expect(
      inDialog.getByRole('radio', { name: 'Every week' }),
    ).not.toBeChecked();
    expect(inDialog.getByLabelText('Start (your local time)')).toHaveValue('');
    expect(inDialog.getByLabelText('End (your local time)')).toHaveValue('');
    expect(inDialog.queryByRole('alert')).not.toBeInTheDocument();
    expect(dialog.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  }

  it('opens Add correction afresh after Escape or Cancel: nothing chosen, typed or refused before', async () => {
    const createSloCorrection = jest.fn(async () => {
      throw new Error('weekly.timeZone: unknown time zone "Mars/Olympus"');
    });
    await renderWithApi(
      <Harness slo={slo} initial={[]} />,
      mockStewardshipApi({ createSloCorrection }),
    );
    let dialog = await openAddCorrection();
    expectNewForm(dialog);
    // Weekly, no reason and no day: refused on the form.
    await userEvent.click(within(dialog).getByLabelText('Every week'));
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Sun' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add correction' }),
    );
    expect(
      await within(dialog).findByText('Pick at least one day'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Reason')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    // Changed, so Escape asks first (useDiscardConfirmation): discarded.
    await closeDialog(async () => {
      await userEvent.keyboard('{Escape}');
      await discard();
    });

    dialog = await openAddCorrection();
    expectNewForm(dialog);
    // Weekly again: the first opening's days, times and zone, not the ones left behind, and
    // no problem said of them.
    await userEvent.click(within(dialog).getByLabelText('Every week'));
    expect(within(dialog).queryByText('Pick at least one day')).toBeNull();
    expect(within(dialog).getByRole('checkbox', { name: 'Sun' })).toBeChecked();
    expect(within(dialog).getByLabelText('From (local time)')).toHaveValue(
      '02:00',
    );
    expect(within(dialog).getByLabelText('Time zone')).toHaveValue(
      new Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    // Refused by the server this time.
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: 'Mars maintenance' },
    });
    fireEvent.change(within(dialog).getByLabelText('Time zone'), {
      target: { value: 'Mars/Olympus' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add correction' }),
    );
    expect(
      await within(dialog).findByText(/unknown time zone "Mars\/Olympus"/),
    ).toBeInTheDocument();
    await closeDialog(async () => {
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Cancel' }),
      );
      await discard();
    });

    expectNewForm(await openAddCorrection());
    expect(createSloCorrection).toHaveBeenCalledTimes(1);
  });

  it('opens Add correction afresh after a correction was added', async () => {
    const created: SloCorrection = {
      id: 'b7d0c1a2-0000-4000-8000-000000000003',
      reason: 'Database upgrade',
      once: {
        start: '2026-11-29T10:00:00.000Z',
        end: '2026-11-29T12:00:00.000Z',
      },
      author: 'user:default/jane.doe',
      createdAt: '2026-11-30T08:00:00.000Z',
    };
    await renderWithApi(
      <Harness slo={slo} initial={[]} />,
      mockStewardshipApi({ createSloCorrection: async () => created }),
    );
    const dialog = await openAddCorrection();
    const inDialog = within(dialog);
    fireEvent.change(inDialog.getByLabelText('Reason'), {
      target: { value: 'Database upgrade' },
    });
    fireEvent.change(inDialog.getByLabelText('Start (your local time)'), {
      target: { value: '2026-11-29T10:00' },
    });
    fireEvent.change(inDialog.getByLabelText('End (your local time)'), {
      target: { value: '2026-11-29T12:00' },
    });
    await closeDialog(() =>
      userEvent.click(inDialog.getByRole('button', { name: 'Add correction' })),
    );
    expect(
      screen.getByRole('row', { name: /Database upgrade/ }),
    ).toBeInTheDocument();

    expectNewForm(await openAddCorrection());
  });

  it('offers no add or remove to a viewer the policy denies', async () => {
    const { permissionApi, answered } = denyingPermissionApi();
    await renderWithApi(
      <Harness slo={slo} initial={[sunday]} />,
      mockStewardshipApi(),
      { permissionApi },
    );
    expect(
      await screen.findByRole('row', { name: /Sunday maintenance/ }),
    ).toBeInTheDocument();
    // The check answered: no button means denied, not pending.
    await answered();
    expect(
      screen.queryByRole('button', { name: 'Add correction' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Remove/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'Only people the permission policy allows to change this SLO can add or remove corrections. Ask the owners of this entity or your Backstage admins.',
      ),
    ).toBeInTheDocument();
  });

  it('tells a denied viewer with no corrections why, not to add one', async () => {
    const { permissionApi, answered } = denyingPermissionApi();
    await renderWithApi(
      <Harness slo={slo} initial={[]} />,
      mockStewardshipApi(),
      { permissionApi },
    );
    await answered();
    expect(await screen.findByText('No corrections.')).toBeInTheDocument();
    expect(screen.queryByText(/Add one/)).not.toBeInTheDocument();
    expect(
      screen.getByText(/^Only people the permission policy allows/),
    ).toBeInTheDocument();
  });
});

describe('the correction form and the shaded bands', () => {
  it('checks the form before sending and writes weekly days in week order', () => {
    const form = {
      kind: 'once' as const,
      reason: ' ',
      start: '2026-11-29T12:00',
      end: '2026-11-29T10:00',
      days: [],
      from: '02:00',
      to: '04:00',
      timeZone: 'UTC',
    };
    expect(correctionFormProblems(form)).toEqual({
      reason: 'Required: why this does not count',
      end: 'Must be after the start',
    });
    expect(
      correctionFormProblems({
        ...form,
        kind: 'weekly',
        reason: 'x',
        timeZone: '',
      }),
    ).toEqual({
      days: 'Pick at least one day',
      timeZone: 'Required, e.g. Europe/Berlin',
    });
    expect(
      toCorrectionSpec({
        ...form,
        kind: 'weekly',
        reason: ' x ',
        days: ['sun', 'sat'],
      }),
    ).toEqual({
      reason: 'x',
      weekly: {
        days: ['sat', 'sun'],
        from: '02:00',
        to: '04:00',
        timeZone: 'UTC',
      },
    });
  });

  it('says in words how much time the bands exclude', () => {
    const HOUR = 3_600_000;
    expect(
      excludedText([
        { start: 0, end: 2 * HOUR },
        { start: 10 * HOUR, end: 11.5 * HOUR },
      ]),
    ).toBe(
      'Shaded: 3.5 h in 2 periods excluded by corrections (not counted, no budget burnt).',
    );
  });
});
