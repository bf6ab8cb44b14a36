import { IncidentCreateRequest } from '@stewardship/backstage-plugin-stewardship-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { incidents } from '../../__testUtils__/incidentFixtures';
import { RecordIncidentDialog } from './RecordIncidentDialog';
import { halfTyped } from '../../__testUtils__/halfTyped';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const ENTITY = 'component:default/payments-api';
const INCOMPLETE = 'Enter a complete date and time (or clear the field)';

async function renderDialog() {
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
      slos={[]}
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
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    expect(created).toHaveLength(1);

    await act(async () => answer());
    await waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
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
