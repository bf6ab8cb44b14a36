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
import { fakeOnlyTheClock } from '../../__testUtils__/fakeClock';

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

    // Completed: a local moment, sent as the instant it names. An hour ago: after the incident's
    // acknowledgement (2 hours 48 minutes ago), so the dialog lets it through.
    bad = false;
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const typed = `${hourAgo.getFullYear()}-${pad(
      hourAgo.getMonth() + 1,
    )}-${pad(hourAgo.getDate())}T${pad(hourAgo.getHours())}:${pad(
      hourAgo.getMinutes(),
    )}`;
    fireEvent.change(at, { target: { value: typed } });
    fireEvent.click(resolve);
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(patches).toHaveLength(1);
    expect(patches[0].resolvedAt).toBe(
      new Date(
        hourAgo.getFullYear(),
        hourAgo.getMonth(),
        hourAgo.getDate(),
        hourAgo.getHours(),
        hourAgo.getMinutes(),
      ).toISOString(),
    );
  });
});

describe('StatusChangeDialog, in the minute the incident was detected', () => {
  // Detected at 13:40:30 local time; the dialog opens 20 seconds later, still in that minute, so
  // "now to the minute" (13:40) would be before the detection, which the backend refuses.
  const detected = new Date(2026, 11, 6, 13, 40, 30);
  const triggered = {
    ...openDetail,
    status: 'triggered' as const,
    startedAt: undefined,
    detectedAt: detected.toISOString(),
    acknowledgedAt: undefined,
  };
  beforeEach(() => fakeOnlyTheClock(detected.getTime() + 20_000));
  afterEach(() => jest.useRealTimers());

  async function renderAcknowledge() {
    const patches: IncidentPatchRequest[] = [];
    const onChanged = jest.fn();
    const api = mockStewardshipApi({
      updateIncident: async (_id, patch) => {
        patches.push(patch);
        return { ...triggered, status: 'acknowledged', version: 2 };
      },
    });
    await renderWithApi(
      <StatusChangeDialog
        incident={triggered}
        status="acknowledged"
        onClose={() => {}}
        onChanged={onChanged}
        onReload={() => {}}
      />,
      api,
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Acknowledge: ${triggered.title}`,
    });
    const at = within(dialog).getByLabelText(
      'Acknowledged at (your local time)',
    );
    const acknowledge = () => {
      const button = within(dialog).getByRole('button', {
        name: 'Acknowledge',
      });
      act(() => button.focus());
      fireEvent.click(button);
    };
    return { patches, onChanged, at, acknowledge };
  }

  it('proposes the detection, to the second, and acknowledges at it', async () => {
    const { patches, onChanged, at, acknowledge } = await renderAcknowledge();
    // jsdom writes the milliseconds too; a browser leaves them out.
    expect((at as HTMLInputElement).value).toMatch(
      /^2026-12-06T13:40:30(\.000)?$/,
    );
    acknowledge();
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(patches.map(p => p.acknowledgedAt)).toEqual([
      detected.toISOString(),
    ]);
  });

  it('refuses a moment before the detection on the field, in local time, and sends nothing', async () => {
    const { patches, at, acknowledge } = await renderAcknowledge();
    fireEvent.change(at, { target: { value: '2026-12-06T13:40' } });
    acknowledge();
    await waitFor(() => expect(at).toHaveAttribute('aria-invalid', 'true'));
    expect(at).toHaveAccessibleDescription(
      'Acknowledged must not be before Detected (2026-12-06 13:40:30, your local time)',
    );
    expect(patches).toEqual([]);
  });

  it('refuses a moment in the future on the field, and sends nothing', async () => {
    const { patches, at, acknowledge } = await renderAcknowledge();
    fireEvent.change(at, { target: { value: '2026-12-06T14:40' } });
    acknowledge();
    await waitFor(() => expect(at).toHaveAttribute('aria-invalid', 'true'));
    expect(at).toHaveAccessibleDescription(
      'Acknowledged must not be in the future',
    );
    expect(patches).toEqual([]);
  });
});
