import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import {
  BAD_GATEWAY_SAID,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { incidents, summaryOf } from '../../__testUtils__/incidentFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { EntityIncidentsSection } from './EntityIncidentsSection';
import {
  INCIDENTS_SIGNAL_WINDOW_MS,
  INCIDENTS_SILENCE_READ_MS,
} from './useIncidentsSignal';
import { setPageVisibility } from '../../__testUtils__/pageVisibility';

/** The channel the backend publishes on (SignallingIncidentStore), spelled out: a contract. */
const INCIDENTS_SIGNAL_CHANNEL = 'stewardship:incidents';

jest.setTimeout(30_000);

/** Renders the section; its reads fail (a proxy's 502) while `down()` says so. */
async function renderSection(at?: Date, down: () => boolean = () => false) {
  const signals = fakeSignals();
  let reads = 0;
  let summaryReads = 0;
  const api = mockStewardshipApi({
    listEntityIncidents: async () => {
      reads += 1;
      if (down()) throw await proxyBadGateway();
      return { items: incidents, totalCount: incidents.length };
    },
    getEntityIncidentSummary: async () => {
      summaryReads += 1;
      if (down()) throw await proxyBadGateway();
      return summaryOf(incidents);
    },
    getIncident: async id => incidents.find(i => i.id === id)!,
  });
  await renderWithApi(
    <TestApiProvider apis={[[signalApiRef, signals.api]]}>
      <EntityIncidentsSection
        entityRef="component:default/payments-api"
        slos={[]}
        at={at}
      />
    </TestApiProvider>,
    api,
    { entity: testEntity },
  );
  await screen.findAllByRole('region', { name: /^SEV\d/ });
  return { signals, reads: () => reads, summaryReads: () => summaryReads };
}

describe('the incidents section and Backstage signals', () => {
  it('keeps the incidents when reading them again after a signal fails, says so, and reads again at the next', async () => {
    let down = false;
    const { signals, reads } = await renderSection(undefined, () => down);
    const listed = screen.getAllByRole('region', { name: /^SEV\d/ }).length;
    down = true;
    const before = reads();
    act(() => signals.send(INCIDENTS_SIGNAL_CHANNEL));
    expect(
      await screen.findByText(text =>
        text.startsWith(
          `Not up to date: could not read the incidents again (${BAD_GATEWAY_SAID}). Shown as of `,
        ),
      ),
    ).toBeInTheDocument();
    expect(reads()).toBe(before + 1);
    // The section as it was: its incidents and figures, no error panel.
    expect(screen.getAllByRole('region', { name: /^SEV\d/ })).toHaveLength(
      listed,
    );
    expect(screen.queryByText(/^Could not read/)).toBeNull();

    down = false;
    // The next signal, after the burst window of the first.
    await new Promise(r => setTimeout(r, INCIDENTS_SIGNAL_WINDOW_MS + 100));
    act(() => signals.send(INCIDENTS_SIGNAL_CHANNEL));
    await waitFor(() =>
      expect(screen.queryByText(/^Not up to date/)).toBeNull(),
    );
    expect(screen.getAllByRole('region', { name: /^SEV\d/ })).toHaveLength(
      listed,
    );
  });

  it('reads the incidents again when the backend signals a change', async () => {
    const { signals, reads, summaryReads } = await renderSection();
    expect(signals.subscribers.get(INCIDENTS_SIGNAL_CHANNEL)?.size).toBe(1);
    const before = reads();
    const summariesBefore = summaryReads();
    act(() => signals.send(INCIDENTS_SIGNAL_CHANNEL));
    await waitFor(() => expect(reads()).toBe(before + 1));
    // The figures too.
    await waitFor(() => expect(summaryReads()).toBe(summariesBefore + 1));
    // Another channel is none of its business.
    act(() => signals.send('stewardship:slos'));
    await new Promise(r => setTimeout(r, 50));
    expect(reads()).toBe(before + 1);
  });

  it('reads the incidents again after ten minutes without a signal, as if one had come', async () => {
    // Fake timers that follow the real clock too, so reading and rendering go on as usual.
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const { reads, summaryReads } = await renderSection();
      const before = reads();
      const summariesBefore = summaryReads();
      act(() => jest.advanceTimersByTime(INCIDENTS_SILENCE_READ_MS - 1000));
      expect(reads()).toBe(before);
      act(() => jest.advanceTimersByTime(1000));
      await waitFor(() => expect(reads()).toBe(before + 1));
      await waitFor(() => expect(summaryReads()).toBe(summariesBefore + 1));
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads once at once and once more at the end of a burst, not once per signal', async () => {
    const { signals, reads } = await renderSection();
    const before = reads();
    // Ten messages 20 ms apart, each in a task of its own as from the signals socket.
    for (let i = 0; i < 10; i++) {
      act(() => signals.send(INCIDENTS_SIGNAL_CHANNEL));
      await act(() => new Promise(r => setTimeout(r, 20)));
    }
    expect(reads()).toBe(before + 1);
    // The nine others: one read when the window closes, then nothing more.
    await waitFor(() => expect(reads()).toBe(before + 2), {
      timeout: INCIDENTS_SIGNAL_WINDOW_MS + 2000,
    });
    await new Promise(r => setTimeout(r, INCIDENTS_SIGNAL_WINDOW_MS + 200));
    expect(reads()).toBe(before + 2);
  });

  it('in a background browser tab, reads once when it is shown again', async () => {
    const { signals, reads } = await renderSection();
    const before = reads();
    try {
      act(() => setPageVisibility('hidden'));
      act(() => signals.send(INCIDENTS_SIGNAL_CHANNEL));
      await new Promise(r => setTimeout(r, INCIDENTS_SIGNAL_WINDOW_MS + 200));
      act(() => signals.send(INCIDENTS_SIGNAL_CHANNEL));
      await new Promise(r => setTimeout(r, 50));
      expect(reads()).toBe(before);

      act(() => setPageVisibility('visible'));
      await waitFor(() => expect(reads()).toBe(before + 1));
      await new Promise(r => setTimeout(r, INCIDENTS_SIGNAL_WINDOW_MS + 200));
      expect(reads()).toBe(before + 1);
    } finally {
      setPageVisibility('visible');
    }
  });

  it('does not listen while the tab shows a past moment', async () => {
    const { signals } = await renderSection(new Date());
    expect(signals.subscribers.get(INCIDENTS_SIGNAL_CHANNEL)?.size ?? 0).toBe(
      0,
    );
  });
});
