import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, screen, within } from '@testing-library/react';
import {
  BAD_GATEWAY_SAID,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import {
  allowGate,
  blockGate,
  entityBacklog,
  fullBacklog,
  okProviders,
  partialBacklog,
} from '../../__testUtils__/backlogFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { EntityBacklogCard } from './EntityBacklogCard';

function rowValue(name: string): string {
  const table = screen.getByRole('table', { name: 'Backlog health' });
  const row = within(table).getByRole('rowheader', { name }).closest('tr')!;
  return within(row).getByRole('cell').textContent ?? '';
}

describe('EntityBacklogCard', () => {
  it('summarises the figures and links to the Backlog tab', async () => {
    await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({
        getEntityBacklog: async () => fullBacklog,
        getEntityReleaseGate: async () => allowGate,
      }),
      { entity: testEntity },
    );
    expect(await screen.findByText('7 items open')).toBeInTheDocument();
    // As on the tab: ages 0.5, 10, 25, 40, 150, 200, 400 → mean 117.93; 3 of 7 reliability.
    expect(rowValue('Average age of the top 7')).toBe(
      '117.9 days: misses the target (below 90 days)',
    );
    expect(rowValue('Reliability work in the top 7')).toBe('42.9 % (3 of 7)');
    expect(rowValue('Older than 180 days')).toBe('2 of 7');
    expect(rowValue('Untriaged')).toBe('2 of 7');
    expect(
      screen.getByRole('link', { name: /View the backlog/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/backlog',
    );
  });

  it('gives no advice when the gate allows', async () => {
    await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({
        getEntityBacklog: async () => fullBacklog,
        getEntityReleaseGate: async () => allowGate,
      }),
      { entity: testEntity },
    );
    await screen.findByText('7 items open');
    // The backlog's exhausted SLO item is older than the gate (the default policy would block).
    expect(screen.queryByText(/put reliability work first/)).toBeNull();
  });

  it('still puts reliability work first when the policy lets an exhausted budget through', async () => {
    await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({
        getEntityBacklog: async () => fullBacklog,
        getEntityReleaseGate: async () => ({
          ...allowGate,
          policy: { ...allowGate.policy, exhausted: 'allow' },
        }),
      }),
      { entity: testEntity },
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'SLO availability is out of error budget (\u221225 % of the budget left): put reliability work first. The error-budget policy lets releases go ahead (exhausted: allow).',
    );
  });

  it('leads with the advice when the gate blocks', async () => {
    await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({
        getEntityBacklog: async () => fullBacklog,
        getEntityReleaseGate: async () => blockGate,
      }),
      { entity: testEntity },
    );
    // A status read with the page, not an alert that interrupts a screen reader on every load.
    expect(await screen.findByRole('status')).toHaveTextContent(
      'The error budget of “availability” is exhausted: put reliability work first; releases are blocked by the error-budget policy.',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when a tracker failed', async () => {
    await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({ getEntityBacklog: async () => partialBacklog }),
      { entity: testEntity },
    );
    // A read that failed just now stays an alert.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Jira: token rejected \(HTTP 401\)/,
    );
  });

  it('points to the tab for a tracker annotation when nothing is open and none is named', async () => {
    await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({ getEntityBacklog: async () => entityBacklog([]) }),
      { entity: testEntity },
    );
    expect(
      await screen.findByText(
        "No open work item: no SLO is breached and no incident action item is open. To list the team's issues too, the Backlog tab shows which tracker annotation to add.",
      ),
    ).toBeInTheDocument();
  });

  it('with a tracker named, says it has nothing open, or that it failed when it did', async () => {
    const withJira = {
      ...testEntity,
      metadata: {
        ...testEntity.metadata,
        annotations: { 'jira/project-key': 'PAY' },
      },
    };
    const failedEmpty = entityBacklog([], partialBacklog.providers);
    const { unmount } = await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({ getEntityBacklog: async () => failedEmpty }),
      { entity: withJira },
    );
    // The failure is said even with no item at all (it was hidden: only the hint showed).
    expect(
      await screen.findByText('Jira: token rejected (HTTP 401)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No open item could be read. Jira could not be read (see above). No SLO is exhausted or at risk and no incident action item is open.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/tracker annotation to add/)).toBeNull();
    unmount();

    await renderWithApi(
      <EntityBacklogCard />,
      mockStewardshipApi({ getEntityBacklog: async () => entityBacklog([]) }),
      { entity: withJira },
    );
    expect(
      await screen.findByText(
        'No open work item in the tracker, no SLO breached and no incident action item open.',
      ),
    ).toBeInTheDocument();
  });

  describe('when the SLOs could not be read, never says that no SLO is breached', () => {
    // The SLO source failed; the incident action items and Jira (when named) were read, empty.
    const slosFailed = entityBacklog(
      [],
      [
        {
          ...okProviders[0],
          status: 'error',
          message: 'SLOs: database unavailable',
          itemCount: 0,
        },
        okProviders[1],
        { ...okProviders[2], itemCount: 0 },
      ],
    );

    it('without a tracker', async () => {
      await renderWithApi(
        <EntityBacklogCard />,
        mockStewardshipApi({ getEntityBacklog: async () => slosFailed }),
        { entity: testEntity },
      );
      expect(
        await screen.findByText('SLOs: database unavailable'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          "No open item could be read. SLO breaches could not be read (see above); the SLOs tab shows each SLO's budget. No incident action item is open. To list the team's issues too, the Backlog tab shows which tracker annotation to add.",
        ),
      ).toBeInTheDocument();
      expect(document.body).not.toHaveTextContent(/no SLO (is )?breached/i);
    });

    it('with a tracker that was read', async () => {
      await renderWithApi(
        <EntityBacklogCard />,
        mockStewardshipApi({ getEntityBacklog: async () => slosFailed }),
        {
          entity: {
            ...testEntity,
            metadata: {
              ...testEntity.metadata,
              annotations: { 'jira/project-key': 'PAY' },
            },
          },
        },
      );
      expect(
        await screen.findByText(
          "No open item could be read. SLO breaches could not be read (see above); the SLOs tab shows each SLO's budget. The tracker has no open issue and no incident action item is open.",
        ),
      ).toBeInTheDocument();
      // Jira was read: nothing says the tracker failed.
      expect(document.body).not.toHaveTextContent(/tracker failed/);
      expect(document.body).not.toHaveTextContent(/no SLO (is )?breached/i);
    });
  });

  describe('after new evaluations (signals)', () => {
    beforeEach(() => {
      // This page reads at once after a signal (its wait is drawn from Math.random).
      jest.spyOn(Math, 'random').mockReturnValue(0);
    });
    afterEach(() => jest.restoreAllMocks());

    it('keeps the summary when reading it again fails, says so, and moves on at the next run', async () => {
      const signals = fakeSignals();
      const getEntityBacklog = jest
        .fn()
        .mockResolvedValueOnce(fullBacklog)
        .mockImplementationOnce(async () => {
          throw await proxyBadGateway();
        })
        .mockResolvedValueOnce(entityBacklog(fullBacklog.items.slice(0, 3)));
      await renderWithApi(
        <TestApiProvider apis={[[signalApiRef, signals.api]]}>
          <EntityBacklogCard />
        </TestApiProvider>,
        mockStewardshipApi({
          getEntityBacklog,
          getEntityReleaseGate: async () => allowGate,
        }),
        { entity: testEntity },
      );
      expect(await screen.findByText('7 items open')).toBeInTheDocument();

      act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
      expect(
        await screen.findByText(
          `Not up to date: could not read the backlog again (${BAD_GATEWAY_SAID}). Shown as last read; read again after the next evaluation, or when you reload the page.`,
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('7 items open')).toBeInTheDocument();
      expect(screen.queryByText(/^Could not read/)).toBeNull();

      act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
      expect(await screen.findByText('3 items open')).toBeInTheDocument();
      expect(screen.queryByText(/^Not up to date/)).toBeNull();
    });
  });
});
