/*
 * The SLOs tab after new evaluations are stored (the Backstage signal `stewardship:slos`): its
 * statuses and release gate move on in place. While they are read again the figures stay on
 * screen (no progress bar), and the focus with them; a past moment is not read again.
 */
import { Entity, RELATION_HAS_PART } from '@backstage/catalog-model';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { EntitySlo, EntitySlos } from '../../api';
import { allowGate, blockGate } from '../../__testUtils__/backlogFixtures';
import {
  BAD_GATEWAY_SAID,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { formatInstant } from '../formatSlo';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import {
  SLO_AT,
  atRiskEvaluation,
  entitySlos,
  healthyEvaluation,
  healthySlo,
} from '../../__testUtils__/sloFixtures';
import { EntitySlosContent } from './EntitySlosContent';
import { SLOS_SILENCE_READ_MS } from '../../hooks/useSloEvaluationSignal';

jest.setTimeout(30_000);

jest.mock('../SloDetails', () => ({
  SloDetails: () => <div data-testid="slo-details" />,
}));

/** The channel the backend publishes on (SloEvaluationSignaller), spelled out: a contract. */
const CHANNEL = 'stewardship:slos';

const healthyItem: EntitySlo = {
  slo: healthySlo,
  evaluation: healthyEvaluation,
  stale: false,
};
/** The same SLO, evaluated again: now at risk. */
const atRiskItem: EntitySlo = {
  slo: healthySlo,
  evaluation: {
    ...atRiskEvaluation,
    sloId: healthySlo.id,
    sloVersion: healthySlo.version,
  },
  stale: false,
};

/** A promise and the function that settles it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

function statusOf(name: string) {
  return within(screen.getByRole('region', { name })).getByText(
    /^(healthy|at-risk|exhausted|no-data)$/,
  );
}

/**
 * Renders the tab with `signals` as the app's signal API; the reads not under test never answer
 * (their cards stay loading), the gate allows unless `api` says otherwise.
 */
function renderTab(
  signals: ReturnType<typeof fakeSignals>,
  api: Parameters<typeof mockStewardshipApi>[0],
  options: Parameters<typeof renderWithApi>[2] = { entity: testEntity },
) {
  return renderWithApi(
    <TestApiProvider apis={[[signalApiRef, signals.api]]}>
      <EntitySlosContent />
    </TestApiProvider>,
    mockStewardshipApi({
      getEntityReleaseGate: async () => allowGate,
      getEntityDependencyCeiling: () => new Promise(() => {}),
      listEntityIncidents: () => new Promise(() => {}),
      getEntityIncidentSummary: () => new Promise(() => {}),
      ...api,
    }),
    options,
  );
}

describe('EntitySlosContent after new evaluations (signals)', () => {
  beforeEach(() => {
    // This page reads at once after a signal (its wait is drawn from Math.random).
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads the statuses and the release gate again, in place, focus kept', async () => {
    const signals = fakeSignals();
    const nextSlos = deferred<EntitySlos>();
    const nextGate = deferred<typeof blockGate>();
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(entitySlos([healthyItem]))
      .mockReturnValueOnce(nextSlos.promise);
    const getEntityReleaseGate = jest
      .fn()
      .mockResolvedValueOnce(allowGate)
      .mockReturnValueOnce(nextGate.promise);
    await renderTab(signals, {
      getEntitySlos,
      getEntityReleaseGate,
    });
    const details = await screen.findByRole('button', {
      name: 'Show details of availability',
    });
    expect(statusOf('availability')).toHaveTextContent('healthy');
    expect(
      await screen.findByText('Allow: releases may go ahead.'),
    ).toBeInTheDocument();
    act(() => details.focus());

    act(() => signals.send(CHANNEL, { type: 'slos-evaluated' }));
    await waitFor(() => expect(getEntitySlos).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(getEntityReleaseGate).toHaveBeenCalledTimes(2));
    // Read now, as before: not pinned to a moment.
    expect(getEntitySlos.mock.calls[1][1]).toEqual(
      expect.objectContaining({ at: undefined }),
    );
    // While they are read: the figures shown, no progress bar, focus where it was.
    expect(
      screen.queryByRole('progressbar', { name: 'Loading the SLOs' }),
    ).toBeNull();
    expect(
      screen.queryByRole('progressbar', { name: 'Loading the release gate' }),
    ).toBeNull();
    expect(statusOf('availability')).toHaveTextContent('healthy');
    expect(
      screen.getByText('Allow: releases may go ahead.'),
    ).toBeInTheDocument();
    expect(details).toHaveFocus();

    await act(async () => {
      nextSlos.resolve(entitySlos([atRiskItem]));
      nextGate.resolve(blockGate);
    });
    await waitFor(() =>
      expect(statusOf('availability')).toHaveTextContent('at-risk'),
    );
    expect(
      await screen.findByText(
        'Block: no releases until the error budget recovers (or an override is granted).',
      ),
    ).toBeInTheDocument();
    // The same button, still focused: the row was updated, not replaced.
    expect(details).toBeInTheDocument();
    expect(details).toHaveFocus();
    // Shown and said (a status region), with the moment the list is of: a row's word changing
    // is easily missed. Seen, not only said: an alert on the page, not a visually hidden line.
    const header = screen.getByRole('group', { name: /^SLOs of / });
    const status = header.parentElement!.querySelector('[role="status"]')!;
    expect(status).toHaveTextContent(
      'Updated 2024-09-20 12:00 UTC: SLO availability is now at-risk (was healthy).',
    );
    expect(
      screen
        .getByText(
          'Updated 2024-09-20 12:00 UTC: SLO availability is now at-risk (was healthy).',
        )
        .closest('.MuiAlert-root'),
    ).not.toBeNull();
  });

  it('keeps what a read changed until a later read changes a status again', async () => {
    const signals = fakeSignals();
    const later = (item: EntitySlo, at: string): EntitySlos => ({
      ...entitySlos([item]),
      at,
    });
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(entitySlos([healthyItem]))
      .mockResolvedValueOnce(later(atRiskItem, '2026-03-01T12:05:00Z'))
      .mockResolvedValueOnce(later(atRiskItem, '2026-03-01T12:10:00Z'))
      .mockResolvedValueOnce(later(healthyItem, '2026-03-01T12:15:00Z'));
    await renderTab(signals, { getEntitySlos });
    await screen.findByRole('button', { name: 'Show details of availability' });
    const header = screen.getByRole('group', { name: /^SLOs of / });
    const status = header.parentElement!.querySelector('[role="status"]')!;

    act(() => signals.send(CHANNEL));
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Updated 2026-03-01 12:05 UTC: SLO availability is now at-risk (was healthy).',
      ),
    );
    // A read that changes no status leaves the line as it was (nothing said again).
    act(() => signals.send(CHANNEL));
    await waitFor(() => expect(getEntitySlos).toHaveBeenCalledTimes(3));
    await act(async () => {
      await getEntitySlos.mock.results[2].value;
    });
    expect(status).toHaveTextContent(
      'Updated 2026-03-01 12:05 UTC: SLO availability is now at-risk (was healthy).',
    );
    // The next change replaces it.
    act(() => signals.send(CHANNEL));
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Updated 2026-03-01 12:15 UTC: SLO availability is now healthy (was at-risk).',
      ),
    );
    expect(status).not.toHaveTextContent('12:05');
  });

  it('says an SLO turned stale on a page that heard of no new evaluation, when it turns, and not again when a read finds it so', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const signals = fakeSignals();
      const stillAt = '2024-09-20T12:10:00.000Z';
      const getEntitySlos = jest
        .fn()
        // Evaluated as of 12:00 (SLO_AT), read then.
        .mockResolvedValueOnce(entitySlos([healthyItem]))
        .mockResolvedValueOnce({ ...entitySlos([healthyItem]), at: stillAt })
        .mockResolvedValueOnce({
          ...entitySlos([{ ...healthyItem, stale: true }]),
          at: '2024-09-20T12:12:30.000Z',
        });
      await renderTab(signals, { getEntitySlos });
      await screen.findByRole('button', {
        name: 'Show details of availability',
      });
      const header = screen.getByRole('group', { name: /^SLOs of / });
      const status = header.parentElement!.querySelector('[role="status"]')!;
      // Ten minutes without a signal: read again. As old as the staleness (600 s), not older:
      // still current.
      await act(async () => {
        jest.advanceTimersByTime(SLOS_SILENCE_READ_MS);
      });
      await waitFor(() => expect(getEntitySlos).toHaveBeenCalledTimes(2));
      expect(status).not.toHaveTextContent('Updated');
      // A minute after that read, older than it: the row turns stale, and the line says so.
      const said =
        'Updated 2024-09-20 12:11 UTC: SLO availability is now stale (healthy when last evaluated).';
      await act(async () => {
        jest.advanceTimersByTime(60_000);
      });
      await waitFor(() => expect(status).toHaveTextContent(said));
      expect(getEntitySlos).toHaveBeenCalledTimes(2);
      // The next read (as of 12:12) finds it stale too: no news, the line stays as it was.
      act(() => signals.send(CHANNEL));
      await waitFor(() => expect(getEntitySlos).toHaveBeenCalledTimes(3));
      await act(async () => {
        await getEntitySlos.mock.results[2].value;
      });
      expect(status).toHaveTextContent(said);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the statuses and the gate when reading them again fails, says they are not up to date, and moves on at the next run', async () => {
    const signals = fakeSignals();
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(entitySlos([healthyItem]))
      .mockImplementationOnce(async () => {
        throw await proxyBadGateway();
      })
      .mockResolvedValueOnce(entitySlos([atRiskItem]));
    const getEntityReleaseGate = jest
      .fn()
      .mockResolvedValueOnce(allowGate)
      .mockImplementationOnce(async () => {
        throw await proxyBadGateway();
      })
      .mockResolvedValueOnce(blockGate);
    await renderTab(signals, { getEntitySlos, getEntityReleaseGate });
    const details = await screen.findByRole('button', {
      name: 'Show details of availability',
    });
    await screen.findByText('Allow: releases may go ahead.');
    act(() => details.focus());

    // A backend restarting behind its proxy (a rolling deploy) when the run's signal came.
    act(() => signals.send(CHANNEL));
    const listNote = await screen.findByText(
      `Not up to date: could not read the SLOs again (${BAD_GATEWAY_SAID}). Shown as of 2024-09-20 12:00 UTC; read again after the next evaluation, or when you reload the page.`,
    );
    expect(listNote.closest('[role="status"]')).not.toBeNull();
    expect(
      await screen.findByText(
        `Not up to date: could not read the release gate again (${BAD_GATEWAY_SAID}). Shown as of ${formatInstant(
          new Date(allowGate.evaluatedAt),
        )}; read again after the next evaluation, or when you reload the page.`,
      ),
    ).toBeInTheDocument();
    // The figures stay, and the reader's place: no error panel, no "cannot be reached" tab.
    expect(statusOf('availability')).toHaveTextContent('healthy');
    expect(
      screen.getByText('Allow: releases may go ahead.'),
    ).toBeInTheDocument();
    expect(details).toHaveFocus();
    expect(screen.queryByText(/cannot be reached/)).toBeNull();
    expect(screen.queryByRole('button', { name: /Try again/ })).toBeNull();

    // The next run's signal reads again: the new statuses replace the notes.
    act(() => signals.send(CHANNEL));
    await waitFor(() =>
      expect(statusOf('availability')).toHaveTextContent('at-risk'),
    );
    expect(
      await screen.findByText(
        'Block: no releases until the error budget recovers (or an override is granted).',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Not up to date/)).toBeNull();
    expect(details).toHaveFocus();
    // What changed since the list shown, not since the read that failed.
    const header = screen.getByRole('group', { name: /^SLOs of / });
    expect(header.parentElement!).toHaveTextContent(
      'SLO availability is now at-risk (was healthy).',
    );
  });

  it('says what a read changed while a dialog hid the tab once the dialog has gone', async () => {
    const signals = fakeSignals();
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(entitySlos([healthyItem]))
      .mockResolvedValueOnce(entitySlos([atRiskItem]));
    await renderTab(signals, {
      getEntitySlos,
      listMetricSources: async () => [],
    });
    await screen.findByRole('button', { name: 'Show details of availability' });
    const header = screen.getByRole('group', { name: /^SLOs of / });
    const status = header.parentElement!.querySelector('[role="status"]')!;
    fireEvent.click(screen.getByRole('button', { name: /^Create SLO/ }));
    await screen.findByRole('dialog');

    // A stored run while the editor is open: MUI hides the tab from screen readers meanwhile.
    act(() => signals.send(CHANNEL));
    const news = 'SLO availability is now at-risk (was healthy).';
    await waitFor(() => expect(status).toHaveTextContent(news));
    expect(status.closest('[aria-hidden="true"]')).not.toBeNull();
    const unsaid = within(status as HTMLElement).getByText(news, {
      exact: false,
    });

    fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // Shown to screen readers again, the line is put in anew, and said.
    await waitFor(() => expect(unsaid).not.toBeInTheDocument());
    expect(status.closest('[aria-hidden="true"]')).toBeNull();
    expect(status).toHaveTextContent(news);
  });

  it('says nothing when a read again changed no status', async () => {
    const signals = fakeSignals();
    const getEntitySlos = jest.fn(async () => entitySlos([healthyItem]));
    await renderTab(signals, {
      getEntitySlos,
    });
    await screen.findByRole('button', { name: 'Show details of availability' });
    act(() => signals.send(CHANNEL));
    await waitFor(() => expect(getEntitySlos).toHaveBeenCalledTimes(2));
    // Its answer is in and rendered.
    await act(async () => {
      await getEntitySlos.mock.results[1].value;
    });
    const header = screen.getByRole('group', { name: /^SLOs of / });
    const status = header.parentElement!.querySelector('[role="status"]')!;
    expect(statusOf('availability')).toHaveTextContent('healthy');
    expect(status).toHaveTextContent(/^$/);
  });

  it('does not listen while pinned to a past moment', async () => {
    const signals = fakeSignals();
    const getEntitySlos = jest.fn(async () => entitySlos([healthyItem]));
    await renderTab(
      signals,
      {
        getEntitySlos,
      },
      { entity: testEntity, routeEntries: [`/?at=${SLO_AT.toISOString()}`] },
    );
    await screen.findByRole('button', { name: 'Show details of availability' });
    expect(signals.listening(CHANNEL)).toBe(0);
  });

  it("on a system, reads its components' SLOs again without a progress bar", async () => {
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'group:default/payments' },
      relations: [
        { type: RELATION_HAS_PART, targetRef: 'component:default/ledger' },
        { type: RELATION_HAS_PART, targetRef: 'component:default/checkout' },
      ],
    };
    const signals = fakeSignals();
    let evaluated = healthyItem;
    let failing = false;
    const batches: string[][] = [];
    await renderTab(
      signals,
      {
        getEntitySlos: async ref => entitySlos([], String(ref)),
        getSlosByEntities: async refs => {
          batches.push(refs.map(String));
          if (failing) throw await proxyBadGateway();
          return {
            at: SLO_AT.toISOString(),
            items: refs.map(ref => entitySlos([evaluated], String(ref))),
          };
        },
        listMetricSources: async () => [],
      },
      { entity: system },
    );
    const ledger = await screen.findByRole('region', {
      name: 'SLOs of ledger',
    });
    expect(within(ledger).getByText('healthy')).toBeInTheDocument();

    evaluated = atRiskItem;
    act(() => signals.send(CHANNEL));
    await waitFor(() =>
      expect(within(ledger).getByText('at-risk')).toBeInTheDocument(),
    );
    expect(
      within(
        screen.getByRole('region', { name: 'SLOs of checkout' }),
      ).getByText('at-risk'),
    ).toBeInTheDocument();
    expect(batches).toEqual([
      ['component:default/checkout', 'component:default/ledger'],
      ['component:default/checkout', 'component:default/ledger'],
    ]);
    // The same section all along: updated in place.
    expect(ledger).toBeInTheDocument();

    // A read again that fails keeps the components' rows as they were, not their errors.
    const batchesBefore = batches.length;
    failing = true;
    act(() => signals.send(CHANNEL));
    await waitFor(() => expect(batches.length).toBe(batchesBefore + 1));
    await act(async () => {
      await new Promise(resolve => setTimeout(resolve, 0));
    });
    expect(within(ledger).getByText('at-risk')).toBeInTheDocument();
    expect(screen.queryByText(/^Could not read/)).toBeNull();
  });
});
