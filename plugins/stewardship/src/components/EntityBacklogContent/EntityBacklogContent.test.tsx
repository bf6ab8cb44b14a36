import { Entity } from '@backstage/catalog-model';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import {
  BAD_GATEWAY_SAID,
  backendError,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import {
  allowGate,
  blockGate,
  entityBacklog,
  fullBacklog,
  jiraItems,
  okProviders,
  partialBacklog,
  sloItem,
} from '../../__testUtils__/backlogFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { EntityBacklogContent } from './EntityBacklogContent';

jest.setTimeout(30_000);

const annotated: Entity = {
  ...testEntity,
  metadata: {
    ...testEntity.metadata,
    annotations: { 'jira/project-key': 'PAY' },
  },
};

function render(
  backlog: Parameters<typeof mockStewardshipApi>[0] = {},
  entity: Entity = annotated,
) {
  return renderWithApi(
    <EntityBacklogContent />,
    mockStewardshipApi({
      getEntityReleaseGate: async () => allowGate,
      ...backlog,
    }),
    { entity },
  );
}

/** The value cell of a health figure. */
function figure(id: string): string {
  const row = screen.getByTestId(`figure-${id}`);
  expect(within(row).getAllByRole('rowheader')).toHaveLength(1); // its name
  return within(row).getByRole('cell').textContent ?? '';
}

/** The Item cells of the open-items table, top to bottom. */
function listedKeys(): string[] {
  const table = screen
    .getByRole('region', { name: 'Open items' })
    .querySelector('table')!;
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[1].textContent ?? '')
    .map(text => text.split(/[:,]/)[0]);
}

describe('EntityBacklogContent', () => {
  it('shows a progress bar while loading', async () => {
    await render({ getEntityBacklog: () => new Promise(() => {}) });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading the backlog' }),
    ).toBeInTheDocument();
  });

  it('shows the error the backend returned', async () => {
    const error = await backendError(404, 'No entity x');
    await render({ getEntityBacklog: () => Promise.reject(error) });
    expect((await screen.findAllByText(/No entity x/))[0]).toBeInTheDocument();
  });

  it('shows each health figure as computed by hand, with its definition', async () => {
    await render({ getEntityBacklog: async () => fullBacklog });
    await screen.findByText('Backlog health');

    // Ages of the 7 items: 0.5, 10, 25, 40, 150, 200, 400 days (sum 825.5).
    // Average 825.5 / 7 = 117.93; median (4th of 7) = 40; reliability: the SLO item, PAY-230
    // and PAY-190 = 3 of 7 = 42.86 %; > 180 days: PAY-100, PAY-50; no priority: PAY-190, PAY-50.
    expect(figure('average-age')).toBe(
      '117.9 days: misses the target (below 90 days)',
    );
    expect(figure('median-age')).toBe('40.0 days');
    expect(figure('reliability-share')).toBe('42.9 % (3 of 7)');
    expect(figure('older-than-180')).toBe('2 of 7');
    expect(figure('untriaged')).toBe('2 of 7');
    expect(
      within(screen.getByTestId('figure-average-age')).getByText(
        /Mean age of the top 20 open items in rank order/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/average age of the top 7 = \(0\.5 \+ 10\.0/),
    ).toBeInTheDocument();
  });

  it('says the age histogram in words and in a table', async () => {
    await render({ getEntityBacklog: async () => fullBacklog });
    // 0–30: 0.5, 10, 25; 30–90: 40; 90–180: 150; > 180: 200, 400.
    expect(
      await screen.findByText(
        'Of 7 items open: 3 0–30 days old, 1 30–90 days old, 1 90–180 days old, 2 more than 180 days old.',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Open items by age' });
    const counts = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => row.textContent);
    expect(counts).toEqual([
      '0–30 days old3',
      '30–90 days old1',
      '90–180 days old1',
      'more than 180 days old2',
    ]);
    // The same counts as bars, for the eye only.
    const bars = document.querySelectorAll('svg[data-chart="bar"] [data-bar]');
    expect(Array.from(bars).map(bar => bar.textContent)).toEqual([
      '30–30 d',
      '130–90 d',
      '190–180 d',
      '2> 180 d',
    ]);
    expect(bars[0].closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('lists the items in rank order with links, ages and the reliability marker in words', async () => {
    await render({ getEntityBacklog: async () => fullBacklog });
    await screen.findByText('Ranked (7)');
    expect(listedKeys()).toEqual([
      'availability',
      'PAY-230',
      'PAY-221',
      'PAY-190',
      'PAY-150',
      'PAY-100',
      'PAY-50',
    ]);
    expect(screen.getByRole('link', { name: /^PAY-190/ })).toHaveAttribute(
      'href',
      'https://jira.example/browse/PAY-190',
    );
    const row = screen.getByRole('link', { name: /^PAY-190/ }).closest('tr')!;
    expect(within(row).getByText('none (untriaged)')).toBeInTheDocument();
    expect(
      within(row).getByText('Needs Triage (awaiting triage)'),
    ).toBeInTheDocument();
    expect(within(row).getByText('40.0 days')).toBeInTheDocument();
    expect(within(row).getByText('Yes: type Bug')).toBeInTheDocument();
    const story = screen.getByRole('link', { name: /^PAY-100/ }).closest('tr')!;
    // Under the title, each label unbroken, the list wrapping only between them.
    const labels = within(story).getByText('wallet').parentElement!;
    expect(labels).toHaveTextContent(/^Labels: mobile, wallet$/);
    expect(labels.closest('td')).toHaveTextContent(
      /^PAY-100.*: Wallet payments in the appLabels: /,
    );
    expect(within(story).getByText('wallet')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(within(story).getByText('unassigned')).toBeInTheDocument();
    const assigned = screen.getByRole('link', { name: /^PAY-230/ });
    expect(
      within(assigned.closest('tr')!).getByText('Ava Hernandez'),
    ).not.toHaveAttribute('href');
  });

  it('links an assignee that is a catalog user or group to its page', async () => {
    const actionItem = {
      ...jiraItems[1],
      id: 'incident-action-item:a1',
      provider: 'incident-action-items',
      key: 'a1',
      title: 'Add a canary stage',
      link: undefined,
      assignee: 'group:default/payments',
    };
    await render({
      getEntityBacklog: async () =>
        entityBacklog([sloItem, actionItem, jiraItems[0]]),
    });
    await screen.findByText('Ranked (3)');
    const row = screen.getByText('a1: Add a canary stage').closest('tr')!;
    expect(within(row).getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
  });

  it('brings the reliability work and the oldest items to the top', async () => {
    await render({ getEntityBacklog: async () => fullBacklog });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Reliability work' }),
    );
    expect(
      screen.getByRole('button', { name: 'Reliability work' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(listedKeys()).toEqual(['availability', 'PAY-230', 'PAY-190']);

    fireEvent.click(
      screen.getByRole('button', { name: 'Oldest (over 180 days)' }),
    );
    expect(listedKeys()).toEqual(['PAY-50', 'PAY-100']);
  });

  it('sorts by a column header', async () => {
    await render({ getEntityBacklog: async () => fullBacklog });
    await screen.findByText('Ranked (7)');
    fireEvent.click(screen.getAllByRole('button', { name: 'Age' })[0]);
    expect(listedKeys()).toEqual([
      'availability',
      'PAY-230',
      'PAY-221',
      'PAY-190',
      'PAY-150',
      'PAY-100',
      'PAY-50',
    ]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Age' })[0]);
    expect(listedKeys()[0]).toBe('PAY-50');
  });

  it('leads with the advice when the gate blocks, reliability work first', async () => {
    await render({
      getEntityBacklog: async () => fullBacklog,
      getEntityReleaseGate: async () => blockGate,
    });
    const advice = await screen.findByRole('region', {
      name: 'Release advice',
    });
    expect(
      within(advice).getByText(
        'The error budget of “availability” is exhausted: put reliability work first; releases are blocked by the error-budget policy.',
      ),
    ).toBeInTheDocument();
    const list = within(advice).getByRole('list', {
      name: 'Reliability work first',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(li => li.textContent?.split(/[:,]/)[0]),
    ).toEqual(['availability', 'PAY-230', 'PAY-190']);
    // The advice comes before the figures and the list, which starts with reliability work.
    const regions = screen
      .getAllByRole('region')
      .map(r => r.getAttribute('aria-label'));
    expect(regions.indexOf('Release advice')).toBeLessThan(
      regions.indexOf('Backlog health'),
    );
    expect(
      screen.getByRole('button', { name: 'Reliability work first' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(listedKeys()).toEqual([
      'availability',
      'PAY-230',
      'PAY-190',
      'PAY-221',
      'PAY-150',
      'PAY-100',
      'PAY-50',
    ]);
    // The gate's own card, with its reasons, is beside the advice.
    expect(
      screen.getByText(/Block: no releases until the error budget recovers/),
    ).toBeInTheDocument();
  });

  it('asks to look at SLOs without recent data, ranked as usual, when that is all the gate warns about', async () => {
    await render({
      getEntityBacklog: async () => fullBacklog,
      getEntityReleaseGate: async () => ({
        ...blockGate,
        decision: 'warn',
        policyDecision: 'warn',
        reasons: [
          {
            slo: { id: 's2', name: 'queue' },
            status: 'no-data',
            decision: 'warn',
            firingPolicies: [],
            explanation: '"queue" has no data: no events in the SLO window',
          },
        ],
      }),
    });
    const advice = await screen.findByRole('region', {
      name: 'Release advice',
    });
    expect(
      within(advice).getByRole('heading', {
        name: 'Look at the SLOs the gate cannot judge',
      }),
    ).toBeInTheDocument();
    expect(within(advice).getByRole('status')).toHaveTextContent(
      /^“queue” has no recent data, so the error-budget policy cannot tell whether its budget is spent/,
    );
    // No reliability work is put first: not in the advice, not in the list's first view.
    expect(within(advice).queryByRole('list')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ranked' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      screen.getByText(
        'Warn: releases may go ahead, but the gate cannot judge every SLO: some have no recent data.',
      ),
    ).toBeInTheDocument();
  });

  it('keeps reliability work first through a source outage when the SLO was last known exhausted', async () => {
    const outageItem = {
      ...sloItem,
      title:
        'SLO availability has no data now; last known exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC',
      status: 'no-data',
    };
    await render({
      getEntityBacklog: async () => entityBacklog([outageItem, ...jiraItems]),
      getEntityReleaseGate: async () => ({
        ...blockGate,
        decision: 'warn',
        policyDecision: 'warn',
        reasons: [
          {
            slo: { id: 's1', name: 'availability' },
            status: 'no-data',
            decision: 'warn',
            firingPolicies: [],
            explanation: '"availability" has no data: Prometheus answered 503',
            lastKnown: {
              status: 'exhausted',
              budgetRemaining: -1.413,
              at: '2026-11-30T10:05:00.000Z',
            },
          },
        ],
      }),
    });
    const advice = await screen.findByRole('region', {
      name: 'Release advice',
    });
    expect(
      within(advice).getByRole('heading', {
        name: 'Put reliability work first',
      }),
    ).toBeInTheDocument();
    expect(within(advice).getByRole('status')).toHaveTextContent(
      '“availability” has no recent data, and its error budget was last known exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC: put reliability work first; releases may go ahead, with a warning from the error-budget policy.',
    );
    const list = within(advice).getByRole('list', {
      name: 'Reliability work first',
    });
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(
      `availability, Opens in a new window: ${outageItem.title} (built-in SLO item)`,
    );
    expect(
      screen.getByRole('button', { name: 'Reliability work first' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('under noData: allow, says for information that an SLO without data was last known exhausted, without putting reliability work first', async () => {
    await render({
      getEntityBacklog: async () => fullBacklog,
      getEntityReleaseGate: async () => ({
        ...blockGate,
        decision: 'allow',
        policyDecision: 'allow',
        policy: { ...blockGate.policy, noData: 'allow' },
        reasons: [],
        notes: [
          {
            slo: { id: 's1', name: 'availability' },
            status: 'no-data',
            explanation: '"availability" has no data: Prometheus answered 503',
            lastKnown: {
              status: 'exhausted',
              budgetRemaining: -1.413,
              at: '2026-11-30T10:05:00.000Z',
            },
          },
        ],
      }),
    });
    const advice = await screen.findByRole('region', {
      name: 'Release advice',
    });
    expect(
      within(advice).getByRole('heading', {
        name: 'Reliability work may come first',
      }),
    ).toBeInTheDocument();
    expect(within(advice).getByRole('status')).toHaveTextContent(
      '“availability” has no recent data, and its error budget was last known exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC: the error-budget policy allows SLOs without data (noData: allow), so releases may go ahead; if it is still so, reliability work comes first.',
    );
    // The open reliability work is listed, but the policy asks nothing: the list stays ranked.
    expect(
      within(advice).getByRole('list', { name: 'Reliability work first' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ranked' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // The gate card says the same, as a note.
    expect(
      screen.getByText(
        'Allow: releases may go ahead, as the policy allows SLOs without recent data; but “availability” was last known exhausted.',
      ),
    ).toBeInTheDocument();
  });

  it('opens the SLO tab an SLO item links to in place, from the advice and the list alike', async () => {
    // The demo's app and backend share the page's origin (jsdom's here).
    const slosTab = '/catalog/default/component/payments-api/slos';
    await render({
      getEntityBacklog: async () =>
        entityBacklog([
          { ...sloItem, link: `http://localhost${slosTab}` },
          ...jiraItems,
        ]),
      getEntityReleaseGate: async () => blockGate,
    });
    const advice = await screen.findByRole('region', {
      name: 'Release advice',
    });
    const table = screen
      .getByRole('region', { name: 'Open items' })
      .querySelector('table')!;
    for (const place of [advice, table]) {
      const link = within(place).getByRole('link', { name: 'availability' });
      expect(link).toHaveAttribute('href', slosTab);
      expect(link).not.toHaveAttribute('target');
      // A tracker's issue still opens in a new window, and says so.
      expect(
        within(place).getByRole('link', {
          name: 'PAY-230, Opens in a new window',
        }),
      ).toHaveAttribute('target', '_blank');
    }
  });

  it('keeps the tab while the gate is read again after an override', async () => {
    let gate = Promise.resolve(blockGate);
    await render({
      getEntityBacklog: async () => fullBacklog,
      getEntityReleaseGate: () => gate,
      createReleaseGateOverride: async () => {
        gate = new Promise(() => {}); // read again, and still reading
        return {} as any;
      },
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Override the block…' }),
    );
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Security fix' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The list and its views stay: the whole tab turned into a spinner before.
    expect(screen.getByRole('region', { name: 'Open items' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Ranked' })).toBeVisible();
  });

  it('still puts reliability work first when the policy lets an exhausted budget through', async () => {
    await render({
      getEntityBacklog: async () => fullBacklog,
      getEntityReleaseGate: async () => ({
        ...allowGate,
        policy: { ...allowGate.policy, exhausted: 'allow' },
      }),
    });
    const advice = await screen.findByRole('region', {
      name: 'Release advice',
    });
    expect(
      within(advice).getByRole('heading', {
        name: 'Put reliability work first',
      }),
    ).toBeInTheDocument();
    expect(within(advice).getByRole('status')).toHaveTextContent(
      'SLO availability is out of error budget (\u221225 % of the budget left): put reliability work first. The error-budget policy lets releases go ahead (exhausted: allow).',
    );
    // The reliability work in rank order: the SLO, then the Incident and the Bug.
    expect(
      within(
        within(advice).getByRole('list', { name: 'Reliability work first' }),
      )
        .getAllByRole('listitem')
        .map(li => li.textContent?.split(/[:,]/)[0]),
    ).toEqual(['availability', 'PAY-230', 'PAY-190']);
    // The policy asks nothing of releases: the list stays ranked, and the gate allows.
    expect(screen.getByRole('button', { name: 'Ranked' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      screen.getByText('Allow: releases may go ahead.'),
    ).toBeInTheDocument();
  });

  it('gives no advice when the gate allows', async () => {
    // The backlog's exhausted SLO item is older than the gate: the default policy would block.
    await render({ getEntityBacklog: async () => fullBacklog });
    await screen.findByText('Backlog health');
    expect(
      screen.queryByRole('region', { name: 'Release advice' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('Allow: releases may go ahead.'),
    ).toBeInTheDocument();
  });

  it('still shows the backlog when the release gate cannot be read', async () => {
    await render({
      getEntityBacklog: async () => fullBacklog,
      getEntityReleaseGate: () => Promise.reject(new Error('gate down')),
    });
    expect(
      await screen.findByText(/Could not read the release gate: gate down/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Release advice' }),
    ).not.toBeInTheDocument();
    expect(listedKeys()).toHaveLength(7);
  });

  it('reads the release gate again with the backlog when both failed', async () => {
    let up = false;
    const down = (what: string) => Promise.reject(new Error(`${what} down`));
    await render({
      getEntityBacklog: async () => (up ? fullBacklog : down('backlog')),
      getEntityReleaseGate: async () => (up ? allowGate : down('gate')),
    });
    const tryAgain = await screen.findByRole('button', { name: 'Try again' });
    up = true;
    fireEvent.click(tryAgain);
    await waitFor(() => expect(listedKeys()).toHaveLength(7));
    expect(
      screen.queryByText(/Could not read the release gate/),
    ).not.toBeInTheDocument();
  });

  it('names a failing tracker and still lists the other sources’ items', async () => {
    await render({ getEntityBacklog: async () => partialBacklog });
    expect(
      await screen.findByText('Jira: token rejected (HTTP 401)'),
    ).toBeInTheDocument();
    expect(screen.getByText(/The backlog is partial/)).toBeInTheDocument();
    expect(document.body).toHaveTextContent('apiToken: ${JIRA_API_TOKEN}');
    expect(listedKeys()).toEqual(['availability']);
    expect(
      screen.getByText(
        /Read from SLOs: 1 item; Incident action items: 0 items/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the config to add when Jira is not configured', async () => {
    await render({
      getEntityBacklog: async () =>
        entityBacklog(
          [],
          [
            {
              provider: 'jira',
              title: 'Jira',
              status: 'error',
              message:
                'Jira: not configured (set stewardship.backlog.jira.baseUrl)',
              itemCount: 0,
              readAt: okProviders[0].readAt,
            },
          ],
        ),
    });
    expect(
      await screen.findByText(
        'Jira: not configured (set stewardship.backlog.jira.baseUrl)',
      ),
    ).toBeInTheDocument();
    expect(document.body).toHaveTextContent(
      'baseUrl: https://your-company.atlassian.net',
    );
    expect(screen.getByText('No open items could be read')).toBeInTheDocument();
  });

  it('names the annotations to add when the entity names no tracker', async () => {
    await render(
      {
        getEntityBacklog: async () =>
          entityBacklog([], okProviders.slice(0, 2)),
      },
      testEntity,
    );
    expect(
      await screen.findByText('No issue tracker for this entity'),
    ).toBeInTheDocument();
    expect(document.body).toHaveTextContent('jira/project-key: PAY');
    expect(document.body).toHaveTextContent(
      'github.com/project-slug: acme/payments',
    );
  });

  it('says when the annotations only narrow a Jira project', async () => {
    await render(
      {
        getEntityBacklog: async () =>
          entityBacklog([], okProviders.slice(0, 2)),
      },
      {
        ...testEntity,
        metadata: {
          ...testEntity.metadata,
          annotations: { 'jira/component': 'api' },
        },
      },
    );
    expect(
      await screen.findByText(
        'jira/component only narrows a Jira project: add jira/project-key (or jira/all-issues-jql) too.',
      ),
    ).toBeInTheDocument();
  });

  it('says nothing is open when the named tracker has no open item', async () => {
    await render({ getEntityBacklog: async () => entityBacklog([]) });
    expect(await screen.findByText('No open work items')).toBeInTheDocument();
    expect(
      screen.getByText(/\(jira\/project-key\) has no open issue/),
    ).toBeInTheDocument();
  });

  it('says when only built-in items are listed because no tracker is named', async () => {
    await render(
      {
        getEntityBacklog: async () =>
          entityBacklog([sloItem], okProviders.slice(0, 2)),
      },
      testEntity,
    );
    expect(
      await screen.findByText(/this entity names no issue tracker/),
    ).toBeInTheDocument();
    expect(listedKeys()).toEqual(['availability']);
  });

  it('computes the age figures over the top N only', async () => {
    await render({
      getEntityBacklog: async () =>
        entityBacklog([sloItem, ...jiraItems], okProviders, 3),
    });
    // Top 3: 0.5, 10, 25 days: mean 35.5 / 3 = 11.83, median 10; reliability 2 of 3.
    await screen.findByText('Backlog health');
    expect(figure('average-age')).toBe(
      '11.8 days: meets the target (below 90 days)',
    );
    expect(figure('median-age')).toBe('10.0 days');
    expect(figure('reliability-share')).toBe('66.7 % (2 of 3)');
    expect(figure('older-than-180')).toBe('2 of 7');
  });
});

describe('EntityBacklogContent after new SLO evaluations (signals)', () => {
  beforeEach(() => {
    // This page reads at once after a signal (its wait is drawn from Math.random).
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads the backlog and the gate again, in place: the SLO item comes and goes with its status', async () => {
    const signals = fakeSignals();
    let resolveNext!: (value: typeof fullBacklog) => void;
    const getEntityBacklog = jest
      .fn()
      .mockResolvedValueOnce(entityBacklog(jiraItems))
      .mockReturnValueOnce(
        new Promise(resolve => {
          resolveNext = resolve;
        }),
      );
    const getEntityReleaseGate = jest
      .fn()
      .mockResolvedValueOnce(allowGate)
      .mockResolvedValueOnce(blockGate);
    await renderWithApi(
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        <EntityBacklogContent />
      </TestApiProvider>,
      mockStewardshipApi({ getEntityBacklog, getEntityReleaseGate }),
      { entity: annotated },
    );
    await screen.findByRole('region', { name: 'Open items' });
    expect(listedKeys()).not.toContain('availability');

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    await waitFor(() => expect(getEntityBacklog).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(getEntityReleaseGate).toHaveBeenCalledTimes(2));
    // While the backlog is read: the tab stays, no progress bar in its place.
    expect(
      screen.queryByRole('progressbar', { name: 'Loading the backlog' }),
    ).toBeNull();
    expect(screen.getByRole('region', { name: 'Open items' })).toBeVisible();

    await act(async () => resolveNext(fullBacklog));
    await waitFor(() => expect(listedKeys()[0]).toBe('availability'));
    expect(
      screen.getAllByText(
        'Block: no releases until the error budget recovers (or an override is granted).',
      ).length,
    ).toBeGreaterThan(0);
  });

  it('keeps the backlog and the gate when reading them again fails, says so, and moves on at the next run', async () => {
    const signals = fakeSignals();
    const down = async () => {
      throw await proxyBadGateway();
    };
    const getEntityBacklog = jest
      .fn()
      .mockResolvedValueOnce(entityBacklog(jiraItems))
      .mockImplementationOnce(down)
      .mockResolvedValueOnce(fullBacklog);
    const getEntityReleaseGate = jest
      .fn()
      .mockResolvedValueOnce(allowGate)
      .mockImplementationOnce(down)
      .mockResolvedValueOnce(blockGate);
    await renderWithApi(
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        <EntityBacklogContent />
      </TestApiProvider>,
      mockStewardshipApi({ getEntityBacklog, getEntityReleaseGate }),
      { entity: annotated },
    );
    await screen.findByRole('region', { name: 'Open items' });
    const listed = listedKeys();

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    expect(
      await screen.findByText(
        `Not up to date: could not read the backlog again (${BAD_GATEWAY_SAID}). Shown as last read; read again after the next evaluation, or when you reload the page.`,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /^Not up to date: could not read the release gate again/,
      ),
    ).toBeInTheDocument();
    // The tab as it was: its items and the gate's decision, no error panel.
    expect(listedKeys()).toEqual(listed);
    expect(
      screen.getByText('Allow: releases may go ahead.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Could not read/)).toBeNull();

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    await waitFor(() => expect(listedKeys()[0]).toBe('availability'));
    await waitFor(() =>
      expect(screen.queryByText(/^Not up to date/)).toBeNull(),
    );
  });
});
