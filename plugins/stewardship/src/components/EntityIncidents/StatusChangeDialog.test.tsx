import { IncidentPatchRequest } from '@stewardship/backstage-plugin-stewardship-common';
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
import { openDetail } from '../../__testUtils__/incidentFixtures';
import { StatusChangeDialog } from './StatusChangeDialog';
import { halfTyped } from '../../__testUtils__/halfTyped';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

describe('StatusChangeDialog, while the change is sent', () => {
  it('keeps focus on its button, announced unavailable, and stays open on Escape', async () => {
    const patches: IncidentPatchRequest[] = [];
    let answer: () => void = () => {};
    const onChanged = jest.fn();
    const onClose = jest.fn();
    const api = mockStewardshipApi({
      updateIncident: (_id, patch) => {
        patches.push(patch);
        return new Promise(resolve => {
          answer = () =>
            resolve({ ...openDetail, status: 'resolved', version: 2 });
        });
      },
    });
    await renderWithApi(
      <StatusChangeDialog
        incident={openDetail}
        status="resolved"
        onClose={onClose}
        onChanged={onChanged}
        onReload={() => {}}
      />,
      api,
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Resolve: ${openDetail.title}`,
    });
    const resolve = within(dialog).getByRole('button', { name: 'Resolve' });
    act(() => resolve.focus());
    fireEvent.click(resolve);

    await waitFor(() =>
      expect(resolve).toHaveAttribute('aria-disabled', 'true'),
    );
    expect(resolve).not.toHaveAttribute('disabled');
    expect(document.activeElement).toBe(resolve);
    fireEvent.click(resolve);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    expect(patches).toHaveLength(1);

    await act(async () => answer());
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
  });
});

describe('StatusChangeDialog, a half-typed moment', () => {
  it('refuses it on the field in those words and focuses the field; completed, it is sent', async () => {
    const patches: IncidentPatchRequest[] = [];
    const onChanged = jest.fn();
    const api = mockStewardshipApi({
      updateIncident: async (_id, patch) => {
        patches.push(patch);
        return { ...openDetail, status: 'resolved', version: 2 };
      },
    });
    await renderWithApi(
      <StatusChangeDialog
        incident={openDetail}
        status="resolved"
        onClose={() => {}}
        onChanged={onChanged}
        onReload={() => {}}
      />,
      api,
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Resolve: ${openDetail.title}`,
    });
    const at = within(dialog).getByLabelText('Resolved at (your local time)');
    let bad = true;
    halfTyped(at, () => bad);
    fireEvent.change(at, { target: { value: '' } });
    const resolve = within(dialog).getByRole('button', { name: 'Resolve' });
    // Focus on the button, as a click leaves it: the dialog put it on the field when it opened.
    act(() => resolve.focus());
    fireEvent.click(resolve);

    await waitFor(() => expect(at).toHaveAttribute('aria-invalid', 'true'));
    expect(at).toHaveAccessibleDescription(
      'Enter a complete date and time (or clear the field)',
    );
    expect(at).toHaveFocus();
    expect(patches).toEqual([]);

    // Completed: a local moment, sent as the instant it names.
    bad = false;
    fireEvent.change(at, { target: { value: '2026-01-02T03:04' } });
    fireEvent.click(resolve);
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(patches).toHaveLength(1);
    expect(patches[0].resolvedAt).toBe(
      new Date(2026, 0, 2, 3, 4).toISOString(),
    );
  });
});
