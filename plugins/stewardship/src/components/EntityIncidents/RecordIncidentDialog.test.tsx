import {
  Incident,
  IncidentCreateRequest,
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
import { useState } from 'react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SLO_ID, incidents } from '../../__testUtils__/incidentFixtures';
import { backendError } from '../../__testUtils__/backendError';
import {
  IncidentForm,
  RecordIncidentDialog,
  incidentPatchRequest,
} from './RecordIncidentDialog';
import { halfTyped } from '../../__testUtils__/halfTyped';
import { expectEscapeAsksBeforeDiscarding } from '../../__testUtils__/discardQuestion';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const ENTITY = 'component:default/payments-api';
const INCOMPLETE = 'Enter a complete date and time (or clear the field)';
const DISCARD_NEW = 'Discard this incident?';

/** Renders the dialog to record an incident; `slos` undefined: the entity's SLOs are not known. */
async function renderDialog(
  { slos }: { slos: SloDefinition[] | undefined } = { slos: [] },
) {
  const created: IncidentCreateRequest[] = [];
  const api = mockStewardshipApi({
    createIncident: async body => {
      created.push(body);
      return { ...incidents[1], id: 'new' };
    },
  });
  const onRecorded = jest.fn();
  await renderWithApi(
    <RecordIncidentDialog
      open
      entityRef={ENTITY}
      slos={slos}
      onClose={() => {}}
      onRecorded={onRecorded}
    />,
    api,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Record incident' });
  const field = (label: RegExp) => within(dialog).getByLabelText(label);
  // Focus on the button, as a click leaves it: the dialog put it on the first field when it opened.
  const record = () => {
    const button = within(dialog).getByRole('button', { name: 'Record' });
    act(() => button.focus());
    fireEvent.click(button);
  };
  return { created, onRecorded, field, record };
}

describe('RecordIncidentDialog, while the incident is sent', () => {
  it('keeps focus on Record, announced unavailable, and stays open on Escape', async () => {
    const created: IncidentCreateRequest[] = [];
    let answer: () => void = () => {};
    const onRecorded = jest.fn();
    const onClose = jest.fn();
    const api = mockStewardshipApi({
      createIncident: body => {
        created.push(body);
        return new Promise(resolve => {
          answer = () => resolve({ ...incidents[1], id: 'new' });
        });
      },
    });
    await renderWithApi(
      <RecordIncidentDialog
        open
        entityRef={ENTITY}
        slos={[]}
        onClose={onClose}
        onRecorded={onRecorded}
      />,
      api,
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Record incident',
    });
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Search is down' },
    });
    const record = within(dialog).getByRole('button', { name: 'Record' });
    act(() => record.focus());
    fireEvent.click(record);

    await waitFor(() =>
      expect(record).toHaveAttribute('aria-disabled', 'true'),
    );
    expect(record).not.toHaveAttribute('disabled');
    expect(document.activeElement).toBe(record);
    fireEvent.click(record);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    // Nor asks whether to discard what is being sent.
    expect(screen.getAllByRole('dialog')).toEqual([dialog]);
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    expect(created).toHaveLength(1);

    await act(async () => answer());
    await waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
  });
});

describe('RecordIncidentDialog, the first moments', () => {
  // What each drives, as defined in -common: incidentFigures.ts (MTTD = detected − started; MTTA,
  // MTTM and MTTR from detected) and incidentBudget.ts (the cost runs from startedAt, or
  // detectedAt when the onset is unknown).
  it('says under Started and Detected what each drives, budget cost included', async () => {
    const { field } = await renderDialog();
    expect(field(/^Started/)).toHaveAccessibleDescription(
      "When the failure began, if known; counts in MTTD (detected − started) and starts the incident's budget cost (from Detected when empty)",
    );
    expect(field(/^Detected/)).toHaveAccessibleDescription(
      'When it was noticed; MTTA, MTTM and MTTR count from here',
    );
  });
});

describe('RecordIncidentDialog, a half-typed moment', () => {
  it('refuses a half-typed Started on its field and focuses it, rather than sending "start unknown"; cleared, it records', async () => {
    const { created, onRecorded, field, record } = await renderDialog();
    fireEvent.change(field(/^Title/), { target: { value: 'Search is down' } });
    const started = field(/^Started/);
    let bad = true;
    halfTyped(started, () => bad);
    record();

    await waitFor(() =>
      expect(started).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(started).toHaveAccessibleDescription(INCOMPLETE);
    expect(started).toHaveFocus();
    expect(created).toEqual([]);

    // Cleared (every part emptied): not given, which the form allows.
    bad = false;
    record();
    await waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
    expect(created).toHaveLength(1);
    expect(created[0]).not.toHaveProperty('startedAt');
    expect(created[0].title).toBe('Search is down');
  });

  it('says so on Detected too, and focuses the first field refused: Title before it', async () => {
    const { created, field, record } = await renderDialog();
    const detected = field(/^Detected/);
    halfTyped(detected, () => true);
    // Cleared as a browser clears a half-typed entry: the value it reports is ''.
    fireEvent.change(detected, { target: { value: '' } });
    record();

    const title = field(/^Title/);
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(detected).toHaveAttribute('aria-invalid', 'true');
    expect(detected).toHaveAccessibleDescription(INCOMPLETE);
    expect(field(/^Started/)).toHaveAttribute('aria-invalid', 'false');
    expect(title).toHaveFocus();
    expect(created).toEqual([]);
  });
});

describe('RecordIncidentDialog, the affected SLOs', () => {
  const affected = () => screen.getByRole('group', { name: 'Affected SLOs' });

  it('says the entity has no SLOs only when it has none', async () => {
    await renderDialog({ slos: [] });
    expect(affected()).toHaveTextContent(
      'This entity has no SLOs; the incident will not be charged to an error budget.',
    );
  });

  it('says the SLOs could not be read when they are not known, not that there are none', async () => {
    const { created, field, record } = await renderDialog({
      slos: undefined,
    });
    expect(affected()).toHaveTextContent(
      "This entity's SLOs could not be read, so none can be marked as affected here. Reload the page to try again, or record the incident now and mark them later with Edit.",
    );
    expect(affected()).not.toHaveTextContent(/has no SLOs/);
    // It records all the same, naming no SLO.
    fireEvent.change(field(/^Title/), { target: { value: 'Search is down' } });
    record();
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0].affectedSloIds).toEqual([]);
  });

  it('when editing with the SLOs not known, keeps the ones the incident has', async () => {
    const named = { ...incidents[1], affectedSloIds: [SLO_ID] };
    const patches: unknown[] = [];
    const onRecorded = jest.fn();
    await renderWithApi(
      <RecordIncidentDialog
        open
        entityRef={ENTITY}
        slos={undefined}
        incident={named}
        onClose={() => {}}
        onRecorded={onRecorded}
      />,
      mockStewardshipApi({
        updateIncident: async (_id, patch) => {
          patches.push(patch);
          return { ...named, version: 2 };
        },
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Edit incident: ${named.title}`,
    });
    expect(affected()).toHaveTextContent(
      "This entity's SLOs could not be read, so the affected SLOs cannot be changed here; the incident keeps the ones it has.",
    );
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Renamed' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
    expect(patches).toEqual([{ version: named.version, title: 'Renamed' }]);
  });
});

describe('RecordIncidentDialog, a detection before the period the section lists', () => {
  const DAY = 86_400_000;
  /** A `datetime-local` value of the instant `ms`, in local time. */
  const localValue = (ms: number) => {
    const d = new Date(ms);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(
      d.getDate(),
    )}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  const WARNING =
    'More than 90 days ago: the list here shows the incidents detected in the last 90 days, so this one will not be listed once saved. To see it, set “As of” above to a moment less than 90 days after its detection.';

  it('warns under Detected that it will not be listed, and records it all the same', async () => {
    const { created, onRecorded, field, record } = await renderDialog();
    const detected = field(/^Detected/);
    expect(detected).not.toHaveAccessibleDescription(WARNING);
    fireEvent.change(detected, {
      target: { value: localValue(Date.now() - 100 * DAY) },
    });
    expect(detected).toHaveAccessibleDescription(WARNING);
    expect(detected).toHaveAttribute('aria-invalid', 'false');
    // 89 days ago is inside the period: the usual help.
    fireEvent.change(detected, {
      target: { value: localValue(Date.now() - 89 * DAY) },
    });
    expect(detected).toHaveAccessibleDescription(
      'When it was noticed; MTTA, MTTM and MTTR count from here',
    );
    fireEvent.change(detected, {
      target: { value: localValue(Date.now() - 100 * DAY) },
    });
    fireEvent.change(field(/^Title/), { target: { value: 'Old outage' } });
    record();
    await waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
    expect(created).toHaveLength(1);
  });
});

describe('RecordIncidentDialog, closed without saving', () => {
  /** A button that opens the dialog, which closes as the dialog asks. */
  function Opener(props: { incident?: Incident; onClose(): void }) {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Open the dialog
        </button>
        <RecordIncidentDialog
          open={open}
          entityRef={ENTITY}
          slos={[]}
          incident={props.incident}
          onClose={() => {
            props.onClose();
            setOpen(false);
          }}
          onRecorded={() => setOpen(false)}
        />
      </>
    );
  }

  async function openDialog(name: string) {
    await userEvent.click(
      screen.getByRole('button', { name: 'Open the dialog' }),
    );
    const dialog = await screen.findByRole('dialog', { name });
    // Where the dialog puts focus once it has opened: on its first field.
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/^Title/)).toHaveFocus(),
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

  it('closes an untouched form at once', async () => {
    const onClose = jest.fn();
    await renderWithApi(<Opener onClose={onClose} />, mockStewardshipApi());
    await openDialog('Record incident');
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: DISCARD_NEW })).toBeNull();
    await closed();
  });

  it('asks before discarding what was typed; Keep editing keeps it, Discard closes', async () => {
    const onClose = jest.fn();
    await renderWithApi(<Opener onClose={onClose} />, mockStewardshipApi());
    const dialog = await openDialog('Record incident');
    const title = within(dialog).getByLabelText(/^Title/);
    // Typed as a whole value, as the sibling tests do (userEvent.type leaves MUI updating outside act).
    fireEvent.change(title, { target: { value: 'Search is down' } });

    await expectEscapeAsksBeforeDiscarding({
      field: title,
      typed: 'Search is down',
      onClose,
      question: DISCARD_NEW,
    });
    await closed();
    // Focus back on the control that opened the dialog.
    expect(
      screen.getByRole('button', { name: 'Open the dialog' }),
    ).toHaveFocus();
  });

  it('asks on a click beside a changed form too; Discard then hands focus to the opener', async () => {
    const onClose = jest.fn();
    await renderWithApi(<Opener onClose={onClose} />, mockStewardshipApi());
    const dialog = await openDialog('Record incident');
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Search is down' },
    });
    clickBeside(dialog);
    const question = await screen.findByRole('dialog', { name: DISCARD_NEW });
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

  it('edits: closes as opened at once, asks on Cancel once changed, and not once put back', async () => {
    const onClose = jest.fn();
    // Its moments shown to the minute and its SLOs: as the form opened, no change.
    const named = { ...incidents[0], affectedSloIds: [SLO_ID] };
    await renderWithApi(
      <Opener incident={named} onClose={onClose} />,
      mockStewardshipApi(),
    );
    const name = `Edit incident: ${named.title}`;
    await openDialog(name);
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    await closed();

    const dialog = await openDialog(name);
    const fireDrill = within(dialog).getByLabelText(/^Fire drill/);
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    await userEvent.click(fireDrill);
    await userEvent.click(cancel);
    await userEvent.click(
      within(
        await screen.findByRole('dialog', {
          name: 'Discard your changes to this incident?',
        }),
      ).getByRole('button', { name: 'Keep editing' }),
    );
    await waitFor(() => expect(screen.getAllByRole('dialog')).toHaveLength(1));
    expect(onClose).toHaveBeenCalledTimes(1);

    await userEvent.click(fireDrill);
    await userEvent.click(cancel);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('RecordIncidentDialog, editing the acknowledged, mitigated and resolved moments', () => {
  // In St. John's (UTC−3:30): detected 09:30, acknowledged 09:35:30, resolved 11:00, local time.
  const handled: Incident = {
    ...incidents[1],
    status: 'resolved',
    startedAt: undefined,
    detectedAt: '2025-12-01T13:00:00.000Z',
    acknowledgedAt: '2025-12-01T13:05:30.000Z',
    mitigatedAt: undefined,
    resolvedAt: '2025-12-01T14:30:00.000Z',
  };

  async function renderEdit(
    incident: Incident,
    updateIncident: (patch: unknown) => Promise<Incident> = async () =>
      incident,
  ) {
    const patches: unknown[] = [];
    const onRecorded = jest.fn();
    await renderWithApi(
      <RecordIncidentDialog
        open
        entityRef={ENTITY}
        slos={[]}
        incident={incident}
        onClose={() => {}}
        onRecorded={onRecorded}
      />,
      mockStewardshipApi({
        updateIncident: async (_id, patch) => {
          patches.push(patch);
          return updateIncident(patch);
        },
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Edit incident: ${incident.title}`,
    });
    const save = () => {
      const button = within(dialog).getByRole('button', { name: 'Save' });
      act(() => button.focus());
      fireEvent.click(button);
    };
    return { dialog, patches, onRecorded, save };
  }

  it('shows the moments the incident has, in local time, with what each drives', async () => {
    const { dialog } = await renderEdit(handled);
    const acknowledged = within(dialog).getByLabelText(/^Acknowledged/);
    const resolved = within(dialog).getByLabelText(/^Resolved/);
    expect(acknowledged).toHaveValue('2025-12-01T09:35');
    expect(acknowledged).toBeRequired();
    expect(acknowledged).toHaveAccessibleDescription(
      'When a responder took it on; counts in MTTA (acknowledged − detected)',
    );
    expect(resolved).toHaveValue('2025-12-01T11:00');
    expect(resolved).toHaveAccessibleDescription(
      "When it was closed; counts in MTTR (resolved − detected) and ends the incident's budget cost",
    );
    // Not mitigated: the form does not offer to set it (a status change does).
    expect(within(dialog).queryByLabelText(/^Mitigated/)).toBeNull();
  });

  it('sends only the moment changed, as the instant typed in local time', async () => {
    const { dialog, patches, onRecorded, save } = await renderEdit(handled);
    fireEvent.change(within(dialog).getByLabelText(/^Resolved/), {
      target: { value: '2025-12-01T10:45' },
    });
    save();
    await waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
    expect(patches).toEqual([
      { version: handled.version, resolvedAt: '2025-12-01T14:15:00.000Z' },
    ]);
  });

  it('refuses a Resolved before the Acknowledged on its field, before sending', async () => {
    const { dialog, patches, save } = await renderEdit(handled);
    const resolved = within(dialog).getByLabelText(/^Resolved/);
    // The minute the Acknowledged field shows, but before the incident's 09:35:30.
    fireEvent.change(resolved, { target: { value: '2025-12-01T09:35' } });
    save();
    await waitFor(() =>
      expect(resolved).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(resolved).toHaveAccessibleDescription(
      'Resolved must not be before Acknowledged (2025-12-01 09:35:30, your local time)',
    );
    expect(resolved).toHaveFocus();
    expect(within(dialog).getByLabelText(/^Acknowledged/)).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    expect(patches).toEqual([]);
  });

  it('refuses a half-typed later moment on its field, not offering to clear it', async () => {
    const { dialog, patches, save } = await renderEdit(handled);
    const acknowledged = within(dialog).getByLabelText(/^Acknowledged/);
    halfTyped(acknowledged, () => true);
    fireEvent.change(acknowledged, { target: { value: '' } });
    save();
    await waitFor(() =>
      expect(acknowledged).toHaveAttribute('aria-invalid', 'true'),
    );
    // Not "(or clear the field)": the incident was acknowledged, so the moment is required.
    expect(acknowledged).toHaveAccessibleDescription(
      'Enter a complete date and time',
    );
    expect(acknowledged).toHaveFocus();
    expect(patches).toEqual([]);
  });

  it("shows the server's 400 on the moment it names", async () => {
    const message =
      'Invalid incident: resolvedAt (2025-12-01T13:30:00.000Z) is before acknowledgedAt (2025-12-01T13:35:30.000Z)';
    const { dialog, patches, save } = await renderEdit(handled, async () => {
      throw await backendError(400, message);
    });
    fireEvent.change(within(dialog).getByLabelText(/^Acknowledged/), {
      target: { value: '2025-12-01T09:40' },
    });
    save();
    const acknowledged = within(dialog).getByLabelText(/^Acknowledged/);
    const resolved = within(dialog).getByLabelText(/^Resolved/);
    await waitFor(() =>
      expect(resolved).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(resolved).toHaveAccessibleDescription(
      message.replace('Invalid incident: ', ''),
    );
    expect(acknowledged).toHaveAttribute('aria-invalid', 'false');
    expect(patches).toEqual([
      {
        version: handled.version,
        acknowledgedAt: '2025-12-01T13:10:00.000Z',
      },
    ]);
  });

  it('asks before discarding a changed moment', async () => {
    const { dialog } = await renderEdit(handled);
    fireEvent.change(within(dialog).getByLabelText(/^Acknowledged/), {
      target: { value: '2025-12-01T09:40' },
    });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(
      await screen.findByRole('dialog', {
        name: 'Discard your changes to this incident?',
      }),
    ).toBeInTheDocument();
  });

  it('offers none of them for an incident only triggered', async () => {
    const triggered: Incident = {
      ...handled,
      status: 'triggered',
      acknowledgedAt: undefined,
      resolvedAt: undefined,
    };
    const { dialog } = await renderEdit(triggered);
    for (const label of [/^Acknowledged/, /^Mitigated/, /^Resolved/]) {
      expect(within(dialog).queryByLabelText(label)).toBeNull();
    }
    expect(within(dialog).getByLabelText(/^Detected/)).toBeInTheDocument();
  });

  it('offers none of them when recording a new incident', async () => {
    const { field } = await renderDialog();
    for (const label of [/^Acknowledged/, /^Mitigated/, /^Resolved/]) {
      expect(screen.queryByLabelText(label)).toBeNull();
    }
    expect(field(/^Detected/)).toBeInTheDocument();
  });
});

describe('incidentPatchRequest, the later moments', () => {
  const before: IncidentForm = {
    title: 'Outage',
    severity: 'SEV2',
    startedAt: '',
    detectedAt: '2025-12-01T09:30',
    acknowledgedAt: '2025-12-01T09:35',
    mitigatedAt: '',
    resolvedAt: '2025-12-01T11:00',
    affectedSloIds: [],
    postmortemUrl: '',
    description: '',
    fireDrill: false,
  };

  it('sends a changed moment, and none left as it opened', () => {
    expect(incidentPatchRequest(3, before, before)).toEqual({ version: 3 });
    expect(
      incidentPatchRequest(3, before, {
        ...before,
        acknowledgedAt: '2025-12-01T09:40',
        resolvedAt: '2025-12-01T11:30',
      }),
    ).toEqual({
      version: 3,
      acknowledgedAt: '2025-12-01T13:10:00.000Z',
      resolvedAt: '2025-12-01T15:00:00.000Z',
    });
  });

  it('never sends a moment the incident has not reached, nor one cleared', () => {
    expect(
      incidentPatchRequest(3, before, {
        ...before,
        mitigatedAt: '2025-12-01T10:00',
        resolvedAt: '',
      }),
      // Strictly: not even a `resolvedAt: undefined` key.
    ).toStrictEqual({ version: 3 });
  });
});
