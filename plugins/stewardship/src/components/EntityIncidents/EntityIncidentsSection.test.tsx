import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import {
  SLO_ID,
  getIncidentFixture,
  incidents,
  openDetail,
  overdueItem,
  summaryOf,
} from '../../__testUtils__/incidentFixtures';
import { backendError } from '../../__testUtils__/backendError';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { allSloItems } from '../../__testUtils__/sloFixtures';
import { StewardshipApi } from '../../api';
import { EntityIncidentsSection } from './EntityIncidentsSection';
import { RUNNING_CLOCK_TICK_MS } from '../useRunningClock';
import { fakeOnlyTheClock } from '../../__testUtils__/fakeClock';

jest.setTimeout(30_000);

const ENTITY = 'component:default/payments-api';
const slos = allSloItems.map(i => i.slo);

function apiWith(overrides: Partial<StewardshipApi> = {}) {
  return mockStewardshipApi({
    listEntityIncidents: async () => ({
      items: incidents,
      totalCount: incidents.length,
    }),
    getEntityIncidentSummary: async () => summaryOf(incidents),
    getIncident: getIncidentFixture,
    ...overrides,
  });
}

async function render(
  api: StewardshipApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  await renderWithApi(
    <EntityIncidentsSection entityRef={ENTITY} slos={slos} />,
    api,
    {
      entity: testEntity,
      permissionApi: mockApis.permission({ authorize: permission }),
    },
  );
}

/** The cells of the figures table's row headed `label`. */
async function figureRow(caption: RegExp, label: string) {
  const table = (await screen.findByText(caption)).closest('table')!;
  const header = within(table).getByRole('rowheader', { name: label });
  return within(header.closest('tr')!)
    .getAllByRole('cell')
    .map(cell => cell.textContent);
}

/**
 * Every sentence a status line was given during the test, and whether the page around it was
 * hidden from screen readers then (an open dialog hides it: a sentence said there is not heard).
 * A new node each (see ChangeAnnouncement), noted as it is added: its text now would only tell
 * the last state.
 */
const heard: Array<{ text: string; hidden: boolean }> = [];
let statusObserver: MutationObserver | undefined;
beforeEach(() => {
  heard.length = 0;
  statusObserver = new MutationObserver(mutations => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach(node => {
        if (node instanceof Element && node.closest('[role="status"]')) {
          heard.push({
            text: node.textContent ?? '',
            hidden: Boolean(node.closest('[aria-hidden="true"]')),
          });
        }
      });
    }
  });
  statusObserver.observe(document.body, { childList: true, subtree: true });
});
afterEach(() => statusObserver?.disconnect());

/**
 * Waits for the card's polite status line to say `text`, and checks it was said once, while the
 * page was shown to screen readers (after a dialog had left it).
 */
async function said(text: string) {
  const line = await screen.findByText(text);
  expect(line.closest('[role="status"]')).toHaveAttribute(
    'aria-live',
    'polite',
  );
  expect(heard.filter(h => h.text === text)).toEqual([{ text, hidden: false }]);
}

/**
 * Clicks `input` and pastes `text` into it: one input event. Typing key by key renders the dialog
 * once per key (seconds for a sentence in jsdom), and no test here is about the keys.
 */
async function pasteInto(input: HTMLElement, text: string) {
  await userEvent.click(input);
  await userEvent.paste(text);
}

/** Opens the record-incident dialog of the rendered section and returns it. */
async function openRecordDialog() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Record incident' }),
  );
  return screen.findByRole('dialog', { name: 'Record incident' });
}

/** Opens the edit dialog of the "Card network timeouts" incident and returns it. */
async function openCardTimeoutsEditDialog() {
  await userEvent.click(
    await screen.findByRole('button', {
      name: 'Show details of Card network timeouts',
    }),
  );
  await userEvent.click(
    await screen.findByRole('button', {
      name: 'Edit — Card network timeouts',
    }),
  );
  return screen.findByRole('dialog', {
    name: 'Edit incident: Card network timeouts',
  });
}

describe('EntityIncidentsSection', () => {
  it('shows count, MTTD, MTTA, MTTM and MTTR per severity as worked out by hand, fire drills apart', async () => {
    await render(apiWith());
    const real = /^Incidents detected from .*, fire drills not included$/;
    // Columns: incidents, MTTD, MTTA, MTTM, MTTR.
    expect(await figureRow(real, 'SEV2')).toEqual([
      '3 (1 open)',
      'median 6 minutes, mean 6 minutes (of 2)',
      'median 4 minutes, mean 6 minutes (of 3)',
      '30 minutes (of 1)',
      'median 1 hour 20 minutes, mean 1 hour 20 minutes (of 2)',
    ]);
    expect(await figureRow(real, 'SEV4')).toEqual([
      '1',
      'none has both a start and a detection time',
      '1 minute (of 1)',
      'none has both a detection and a mitigation time',
      '20 minutes (of 1)',
    ]);
    expect(await figureRow(real, 'All severities')).toEqual([
      '4 (1 open)',
      'median 6 minutes, mean 6 minutes (of 2)',
      // 1, 2, 4, 12 min: median (2 + 4) / 2 = 3, mean 19 / 4 = 4.75.
      'median 3 minutes, mean 5 minutes (of 4)',
      '30 minutes (of 1)',
      // 65, 95, 20 min: median 65, mean 60.
      'median 1 hour 5 minutes, mean 1 hour (of 3)',
    ]);
    // No SEV1, SEV3 or SEV5 row among the real incidents: the SEV3 is a drill.
    const realTable = screen.getByText(real).closest('table')!;
    expect(
      within(realTable).queryByRole('rowheader', { name: 'SEV3' }),
    ).toBeNull();
    expect(await figureRow(/^Fire drills \(exercises\)/, 'SEV3')).toEqual([
      '1',
      'none has both a start and a detection time',
      '1 minute (of 1)',
      'none has both a detection and a mitigation time',
      '27 minutes (of 1)',
    ]);
    // The definitions in words, never the backend's field names.
    const definitions = screen.getByText(/^What the figures mean/);
    expect(
      within(definitions)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'MTTD, time to detect: time from start to detection',
      'MTTA, time to acknowledge: time from detection to acknowledgement',
      'MTTM, time to mitigate: time from detection to mitigation',
      'MTTR, time to resolve: time from detection to resolution',
    ]);
    expect(definitions).not.toHaveTextContent(/At\b|moments/);
  });

  it('says the start of an incident recorded without one is unknown, in its header and its details alike', async () => {
    await render(apiWith());
    const row = within(
      await screen.findByRole('region', { name: 'SEV2: Database failover' }),
    );
    const started = (list: HTMLElement) =>
      within(list).getByText('Started').nextElementSibling;
    // The header gives the detection instead, and says so.
    expect(
      started(row.getAllByRole('term')[0].closest('dl')!),
    ).toHaveTextContent(/\(detected; start unknown\)$/);
    await userEvent.click(
      row.getByRole('button', { name: 'Show details of Database failover' }),
    );
    const moments = (await row.findByRole('heading', { name: 'Moments' }))
      .nextElementSibling as HTMLElement;
    expect(started(moments)).toHaveTextContent(/^unknown$/);
    // Resolved without a mitigation: that stage was skipped, it is not still to come.
    expect(
      within(moments).getByText('Mitigated').nextElementSibling,
    ).toHaveTextContent(/^not recorded$/);
  });

  it('says a moment of an open incident is not yet, and one a closed incident skipped is not recorded', async () => {
    await render(apiWith());
    const momentsOf = async (title: string) => {
      const row = within(
        await screen.findByRole('region', { name: new RegExp(`: ${title}$`) }),
      );
      await userEvent.click(
        row.getByRole('button', { name: `Show details of ${title}` }),
      );
      const list = (await row.findByRole('heading', { name: 'Moments' }))
        .nextElementSibling as HTMLElement;
      return (label: string) =>
        within(list).getByText(label).nextElementSibling;
    };
    // Acknowledged, still open: mitigation and resolution are to come.
    const open = await momentsOf('Checkout errors after deploy');
    expect(open('Mitigated')).toHaveTextContent(/^not yet$/);
    expect(open('Resolved')).toHaveTextContent(/^not yet$/);
    // Resolved without being mitigated: nothing more will come.
    const skipped = await momentsOf('Database failover');
    expect(skipped('Mitigated')).toHaveTextContent(/^not recorded$/);
    expect(skipped('Resolved')).not.toHaveTextContent(/not/);
  });

  it('lists incidents open first with status in words, duration, budget cost, postmortem and source', async () => {
    await render(apiWith());
    const rows = await screen.findAllByRole('region', { name: /^SEV\d/ });
    expect(rows.map(r => r.getAttribute('aria-labelledby'))).toEqual([
      'incident-sev2-open-title',
      'incident-drill-title',
      'incident-sev4-title',
      'incident-sev2-b-title',
      'incident-sev2-a-title',
    ]);
    const open = within(rows[0]);
    expect(open.getByText('Acknowledged, being worked on')).toBeInTheDocument();
    // Started 188 minutes before now.
    expect(open.getByText('open for 3 hours 8 minutes')).toBeInTheDocument();
    expect(
      await open.findByText(
        'availability: 12.5 % of the error budget so far (still open)',
      ),
    ).toBeInTheDocument();
    expect(open.getByText(/^PagerDuty ·/)).toBeInTheDocument();
    expect(
      open.getByRole('link', { name: /^open in PagerDuty/ }),
    ).toHaveAttribute('href', 'https://acme.pagerduty.com/incidents/Q1');

    const timeouts = within(rows[4]);
    expect(timeouts.getByText('Resolved')).toBeInTheDocument();
    // startedAt 4 min before detection, resolved 65 min after it.
    expect(timeouts.getByText('lasted 1 hour 9 minutes')).toBeInTheDocument();
    expect(
      timeouts.getByRole('link', { name: /^postmortem document/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/pm/timeouts');
    expect(within(rows[1]).getByRole('heading')).toHaveTextContent(
      'SEV3 fire drill: Game day: failover',
    );
  });

  it('keeps counting an open incident on a page left open, and not a resolved one', async () => {
    // Fake timers that also follow the real clock, so the reads and renders go on as usual.
    jest.useFakeTimers({ advanceTimers: true });
    try {
      await render(apiWith());
      const rows = await screen.findAllByRole('region', { name: /^SEV\d/ });
      const open = within(rows[0]);
      expect(open.getByText('open for 3 hours 8 minutes')).toBeInTheDocument();
      expect(
        within(rows[4]).getByText('lasted 1 hour 9 minutes'),
      ).toBeInTheDocument();

      act(() => jest.advanceTimersByTime(2 * RUNNING_CLOCK_TICK_MS));
      expect(open.getByText('open for 3 hours 10 minutes')).toBeInTheDocument();
      expect(
        within(rows[4]).getByText('lasted 1 hour 9 minutes'),
      ).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('as of a past moment, shows an incident resolved later as it stood then', async () => {
    // 30 minutes after "Database failover" was detected (20 days ago): acknowledged 4 minutes in,
    // resolved 95 minutes in, so open then. "Card network timeouts" (40 days ago) was resolved.
    const at = new Date(Date.parse(incidents[2].detectedAt) + 30 * 60_000);
    const then = [incidents[1], incidents[2]];
    await renderWithApi(
      <EntityIncidentsSection entityRef={ENTITY} slos={slos} at={at} />,
      apiWith({
        listEntityIncidents: async () => ({ items: then, totalCount: 2 }),
      }),
      {
        entity: testEntity,
        permissionApi: mockApis.permission({
          authorize: AuthorizeResult.ALLOW,
        }),
      },
    );
    const rows = await screen.findAllByRole('region', { name: /^SEV\d/ });
    // Open first: the failover, then the timeouts.
    expect(rows.map(r => r.getAttribute('aria-labelledby'))).toEqual([
      'incident-sev2-b-title',
      'incident-sev2-a-title',
    ]);
    const failover = within(rows[0]);
    expect(
      failover.getByText('Acknowledged, being worked on'),
    ).toBeInTheDocument();
    // No start known: open from its detection to the moment shown, 30 minutes.
    expect(failover.getByText('open for 30 minutes')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Resolved')).toBeInTheDocument();
  });

  it('does not call the cost of a resolved incident "still open" when it was not stored because another SLO had no data', async () => {
    // The resolved "Card network timeouts" hurt two SLOs; the second's metric source was down, so
    // the backend computed the first (30 ÷ ((1 − 0.999) × 240000) = 30 ÷ 240 = 12.5 %) and stored
    // neither.
    const resolved = incidents.find(i => i.id === 'sev2-a')!;
    const twoSlos = { ...resolved, affectedSloIds: [SLO_ID, 'slo-latency'] };
    const list = incidents.map(i => (i.id === resolved.id ? twoSlos : i));
    await render(
      apiWith({
        listEntityIncidents: async () => ({
          items: list,
          totalCount: list.length,
        }),
        getIncident: async id =>
          id === resolved.id
            ? {
                ...twoSlos,
                timeline: [],
                actionItems: [],
                budgetImpact: [
                  { ...openDetail.budgetImpact![0], stored: false },
                  {
                    sloId: 'slo-latency',
                    sloName: 'latency',
                    status: 'no-data',
                    reason:
                      'metric source "prom-eu" failed: connect ECONNREFUSED',
                    incidentWindow: { start: '', end: '' },
                    computedAt: '',
                    stored: false,
                  },
                ],
              }
            : getIncidentFixture(id),
      }),
    );
    const row = within(
      await screen.findByRole('region', { name: /Card network timeouts/ }),
    );
    expect(
      await row.findByText(
        'availability: 12.5 % of the error budget (computed for this read; stored once every affected SLO has a figure)',
      ),
    ).toBeInTheDocument();
    expect(
      row.getByText(
        'latency: no figure: metric source "prom-eu" failed: connect ECONNREFUSED',
      ),
    ).toBeInTheDocument();
    expect(row.queryByText(/still open/)).toBeNull();
  });

  it('opens the timeline and the action items, overdue said in words', async () => {
    await render(apiWith());
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(timeline).toHaveTextContent(
      'by ada: Status triggered → acknowledged',
    );
    const items = screen.getByRole('list', { name: 'Action items' });
    expect(items).toHaveTextContent(
      'Add a canary stage · Open · owner payments · due',
    );
    // The owner is the catalog group, linked (its title once the catalog answers).
    expect(
      within(items).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(items).toHaveTextContent('overdue by 3 days');
    expect(
      screen.getByText(/= 30 ÷ \(\(1 − 0.999\) × 240000\) = 12.5 %/),
    ).toBeInTheDocument();
  });

  it('reads an incident at once only when it has SLOs to cost, else when its details open', async () => {
    const read: string[] = [];
    await render(
      apiWith({
        getIncident: async id => {
          read.push(id);
          return getIncidentFixture(id);
        },
      }),
    );
    await screen.findByText(/% of the error budget so far/);
    // Only the open SEV2 names an SLO.
    expect(read).toEqual(['sev2-open']);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show details of Database failover' }),
    );
    await waitFor(() => expect(read).toEqual(['sev2-open', 'sev2-b']));
  });

  it("shows a resolved incident's stored cost from the list, reading it only when its details open", async () => {
    // "Card network timeouts", resolved, with its cost stored: the list carries it.
    const resolved = incidents.find(i => i.id === 'sev2-a')!;
    const listedWithCost = {
      ...resolved,
      affectedSloIds: [SLO_ID],
      budgetImpact: [{ ...openDetail.budgetImpact![0], stored: true }],
    };
    const list = incidents.map(i =>
      i.id === resolved.id ? listedWithCost : i,
    );
    const read: string[] = [];
    await render(
      apiWith({
        listEntityIncidents: async () => ({
          items: list,
          totalCount: list.length,
        }),
        getIncident: async id => {
          read.push(id);
          return id === resolved.id
            ? { ...listedWithCost, timeline: [], actionItems: [] }
            : getIncidentFixture(id);
        },
      }),
    );
    const row = within(
      await screen.findByRole('region', { name: /Card network timeouts/ }),
    );
    // 30 ÷ ((1 − 0.999) × 240000) = 12.5 %, stored.
    expect(
      row.getByText('availability: 12.5 % of the error budget'),
    ).toBeInTheDocument();
    await screen.findByText(/% of the error budget so far/);
    expect(read).toEqual(['sev2-open']);
    await userEvent.click(
      row.getByRole('button', {
        name: 'Show details of Card network timeouts',
      }),
    );
    await waitFor(() => expect(read).toEqual(['sev2-open', 'sev2-a']));
  });

  /**
   * Renders the section over a miniature backend holding the open incident as `stored()` gives
   * it, and opens its details; returns the reads made ('list' or an incident id).
   */
  async function renderOpenIncidentCountingReads(
    stored: () => Incident,
    writes: Partial<StewardshipApi>,
  ) {
    const reads: string[] = [];
    await render(
      apiWith({
        listEntityIncidents: async () => {
          reads.push('list');
          const { id, version, updatedAt } = stored();
          const items = incidents.map(i =>
            i.id === id ? { ...i, version, updatedAt } : i,
          );
          return { items, totalCount: items.length };
        },
        getIncident: async id => {
          reads.push(id);
          return id === stored().id ? stored() : getIncidentFixture(id);
        },
        ...writes,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    return reads;
  }

  /** A second after `at`: the updatedAt a write gives. */
  const secondLater = (at: string) =>
    new Date(Date.parse(at) + 1000).toISOString();

  it('after a note, reads the list again and the incident once, showing the note', async () => {
    // A note moves the incident's version and updatedAt.
    let stored = { ...openDetail };
    const reads = await renderOpenIncidentCountingReads(() => stored, {
      updateIncident: async (_id, body) => {
        stored = {
          ...stored,
          version: stored.version + 1,
          updatedAt: secondLater(stored.updatedAt),
          timeline: [
            ...stored.timeline!,
            {
              at: new Date().toISOString(),
              type: 'note',
              actor: 'user:default/guest',
              message: body.note!,
            },
          ],
        };
        return stored;
      },
    });
    const form = await screen.findByRole('form', {
      name: 'Add a note to Checkout errors after deploy',
    });
    await pasteInto(
      within(form).getByRole('textbox', { name: 'Note' }),
      'Rolled back',
    );
    reads.length = 0;
    await userEvent.click(
      within(form).getByRole('button', {
        name: 'Add note — Checkout errors after deploy',
      }),
    );
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    await waitFor(() => expect(timeline).toHaveTextContent('Rolled back'));
    // Give a second read of the incident time to happen, had anything asked for one.
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(reads).toEqual(['list', openDetail.id]);
  });

  it('after an action item (which leaves the version), reads the incident again once, showing it', async () => {
    // An action item moves the incident's updatedAt, not its version.
    let stored = { ...openDetail };
    const reads = await renderOpenIncidentCountingReads(() => stored, {
      createIncidentActionItem: async (incidentId, body) => {
        const item = {
          ...stored.actionItems![0],
          id: 'item-2',
          incidentId,
          title: body.title,
          status: 'open' as const,
          ownerRef: undefined,
          dueDate: undefined,
        };
        stored = {
          ...stored,
          updatedAt: secondLater(stored.updatedAt),
          actionItems: [...stored.actionItems!, item],
        };
        return item;
      },
    });
    const form = await screen.findByRole('form', {
      name: 'Add an action item to Checkout errors after deploy',
    });
    await pasteInto(
      within(form).getByRole('textbox', { name: 'Action item' }),
      'Alert on checkout 5xx',
    );
    reads.length = 0;
    await userEvent.click(
      within(form).getByRole('button', {
        name: 'Add action item — Checkout errors after deploy',
      }),
    );
    const items = screen.getByRole('list', { name: 'Action items' });
    await waitFor(() =>
      expect(items).toHaveTextContent('Alert on checkout 5xx'),
    );
    await said('Action item “Alert on checkout 5xx” added.');
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(reads).toEqual(['list', openDetail.id]);
  });

  it('records an incident through the dialog and reads the section again', async () => {
    const created: unknown[] = [];
    let listed = 0;
    const api = apiWith({
      listEntityIncidents: async () => {
        listed += 1;
        return { items: incidents, totalCount: incidents.length };
      },
      createIncident: async body => {
        created.push(body);
        return { ...incidents[1], id: 'new', title: body.title };
      },
    });
    await render(api);
    await screen.findAllByRole('region', { name: /^SEV\d/ });
    const before = listed;
    const dialog = await openRecordDialog();
    await pasteInto(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Search is down',
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: slos[0].name }),
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: /^Fire drill/ }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      entityRef: ENTITY,
      title: 'Search is down',
      severity: 'SEV3',
      affectedSloIds: [slos[0].id],
      fireDrill: true,
    });
    expect((created[0] as { detectedAt: string }).detectedAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/,
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Record incident' }),
      ).toBeNull(),
    );
    await waitFor(() => expect(listed).toBeGreaterThan(before));
    // Focus back on the button, and the save said once the dialog has left the page.
    await said('Incident “Search is down” recorded.');
    expect(
      screen.getByRole('button', { name: 'Record incident' }),
    ).toHaveFocus();
  });

  it('refuses an empty title on its field, as the SLO editor does, and sends nothing', async () => {
    const created: unknown[] = [];
    const api = apiWith({
      createIncident: async body => {
        created.push(body);
        return { ...incidents[1], id: 'new' };
      },
    });
    await render(api);
    const dialog = await openRecordDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveAccessibleDescription('Required');
    expect(created).toEqual([]);
    expect(dialog).toBeInTheDocument();
  });

  it('shows a 400 on the field it names and keeps the dialog open', async () => {
    const api = apiWith({
      createIncident: async () => {
        throw await backendError(
          400,
          'Invalid incident: detectedAt (2026-01-01T00:00:00.000Z) is before startedAt (2026-01-02T00:00:00.000Z); the moments must be in the order startedAt ≤ detectedAt',
        );
      },
    });
    await render(api);
    const dialog = await openRecordDialog();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'x',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    const detected = within(dialog).getByLabelText(
      'Detected (your local time)',
    );
    await waitFor(() =>
      expect(detected).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(detected).toHaveAccessibleDescription(/is before startedAt/);
    expect(
      within(dialog).getByLabelText('Started (your local time)'),
    ).toHaveAttribute('aria-invalid', 'false');
  });

  it('refuses a postmortem link that is not http(s) in plain words, before sending', async () => {
    const created: unknown[] = [];
    const api = apiWith({
      createIncident: async body => {
        created.push(body);
        // What the backend's spec validator answers.
        throw await backendError(
          400,
          'request/body/postmortemUrl must match pattern "^https?://", request/body/postmortemUrl must match format "uri"',
        );
      },
    });
    await render(api);
    const dialog = await openRecordDialog();
    await pasteInto(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Search is down',
    );
    const link = within(dialog).getByRole('textbox', {
      name: 'Postmortem link',
    });
    await pasteInto(link, 'docs.example.com/pm/search');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() => expect(link).toHaveAttribute('aria-invalid', 'true'));
    expect(link).toHaveAccessibleDescription(
      'Enter a link starting with http:// or https://',
    );
    expect(created).toEqual([]);
    expect(within(dialog).queryByText(/must match/)).toBeNull();
  });

  it('sends a postmortem link with a space the way a browser writes it', async () => {
    const created: Array<{ postmortemUrl?: string }> = [];
    const api = apiWith({
      createIncident: async body => {
        created.push(body);
        return { ...incidents[1], id: 'new' };
      },
    });
    await render(api);
    const dialog = await openRecordDialog();
    await pasteInto(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Search is down',
    );
    await pasteInto(
      within(dialog).getByRole('textbox', { name: 'Postmortem link' }),
      'https://docs.example.com/pm/search down',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0].postmortemUrl).toBe(
      'https://docs.example.com/pm/search%20down',
    );
  });

  it("refuses a start in the future and a detection before the start in the fields' words, before sending", async () => {
    const created: unknown[] = [];
    const api = apiWith({
      createIncident: async body => {
        created.push(body);
        throw await backendError(400, 'startedAt must not be in the future');
      },
    });
    await render(api);
    const dialog = await openRecordDialog();
    await pasteInto(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Search is down',
    );
    const started = within(dialog).getByLabelText('Started (your local time)');
    const detected = within(dialog).getByLabelText(
      'Detected (your local time)',
    );
    const record = within(dialog).getByRole('button', { name: 'Record' });

    // Two days from now, in the browser's time zone.
    const future = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    fireEvent.change(started, {
      target: {
        value: `${future.getFullYear()}-${pad(future.getMonth() + 1)}-${pad(
          future.getDate(),
        )}T09:00`,
      },
    });
    await userEvent.click(record);
    await waitFor(() =>
      expect(started).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(started).toHaveAccessibleDescription(
      'Started must not be in the future',
    );

    fireEvent.change(started, { target: { value: '2025-03-01T10:00' } });
    fireEvent.change(detected, { target: { value: '2025-03-01T09:00' } });
    await userEvent.click(record);
    await waitFor(() =>
      expect(detected).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(detected).toHaveAccessibleDescription(
      'Detected must not be before Started (2025-03-01 10:00, your local time)',
    );
    expect(started).toHaveAttribute('aria-invalid', 'false');

    fireEvent.change(detected, { target: { value: '2125-03-01T09:00' } });
    await userEvent.click(record);
    await waitFor(() =>
      expect(detected).toHaveAccessibleDescription(
        'Detected must not be in the future',
      ),
    );
    expect(created).toEqual([]);
  });

  it('refuses, when editing, a detection after the incident was already acknowledged', async () => {
    const patches: unknown[] = [];
    await render(
      apiWith({
        updateIncident: async (id, patch) => {
          patches.push({ id, ...patch });
          return { ...incidents[1], version: 2 };
        },
      }),
    );
    const dialog = await openCardTimeoutsEditDialog();
    const detected = within(dialog).getByLabelText(
      'Detected (your local time)',
    );
    // Acknowledged 2 minutes after it was detected (the fixture); three minutes later is too late.
    const acknowledged = new Date(incidents[1].acknowledgedAt!);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (d: Date) =>
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(
        d.getHours(),
      )}:${pad(d.getMinutes())}`;
    const late = new Date(acknowledged.getTime() + 3 * 60_000);
    fireEvent.change(detected, {
      target: { value: local(late).replace(' ', 'T') },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(detected).toHaveAttribute('aria-invalid', 'true'),
    );
    // Acknowledged as the incident has it, to the second: the moment the backend checks.
    const seconds = acknowledged.getSeconds();
    expect(detected).toHaveAccessibleDescription(
      `Detected must not be after Acknowledged (${local(acknowledged)}${
        seconds ? `:${pad(seconds)}` : ''
      }, your local time)`,
    );
    expect(patches).toEqual([]);
  });

  it('refuses an action item link that is not http(s) in plain words, before sending', async () => {
    const added: unknown[] = [];
    await render(
      apiWith({
        createIncidentActionItem: async (_incidentId, body) => {
          added.push(body);
          throw await backendError(
            400,
            'request/body/link must match pattern "^https?://", request/body/link must match format "uri"',
          );
        },
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    const form = await screen.findByRole('form', {
      name: 'Add an action item to Checkout errors after deploy',
    });
    await pasteInto(
      within(form).getByRole('textbox', { name: /Action item/ }),
      'Add a canary stage',
    );
    const link = within(form).getByRole('textbox', { name: 'Link' });
    await pasteInto(link, 'jira/PAY-12');
    await userEvent.click(
      within(form).getByRole('button', {
        name: 'Add action item — Checkout errors after deploy',
      }),
    );
    await waitFor(() => expect(link).toHaveAttribute('aria-invalid', 'true'));
    expect(link).toHaveAccessibleDescription(
      'Enter a link starting with http:// or https://',
    );
    // The title is filled in: the link is the first field refused.
    expect(link).toHaveFocus();
    expect(added).toEqual([]);
  });

  it('resolves an incident with the version it read, and says so on a 409 with a Reload', async () => {
    const patches: unknown[] = [];
    let fail = true;
    const api = apiWith({
      updateIncident: async (id, patch) => {
        patches.push({ id, ...patch });
        if (fail)
          throw await backendError(
            409,
            'Incident sev2-open is at version 2, not 1',
          );
        return { ...openDetail, status: 'resolved', version: 2 };
      },
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    // Acknowledged already: only the later transitions are offered.
    expect(
      await screen.findByRole('button', {
        name: 'Resolve — Checkout errors after deploy',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Mark mitigated — Checkout errors after deploy',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Acknowledge/ })).toBeNull();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Resolve — Checkout errors after deploy',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Resolve: Checkout errors after deploy',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );
    expect(
      await within(dialog).findByText(/Someone else changed this incident/),
    ).toBeInTheDocument();
    expect(patches[0]).toMatchObject({
      id: 'sev2-open',
      version: 1,
      status: 'resolved',
    });
    expect((patches[0] as { resolvedAt: string }).resolvedAt).toMatch(/Z$/);
    expect(
      within(dialog).getByRole('button', { name: 'Reload' }),
    ).toBeInTheDocument();
    // Refused: nothing said.
    expect(screen.queryByText(/is now/)).toBeNull();

    fail = false;
    // Looked up once (`hidden`: the open dialog hides the page from role queries): a role query
    // over this page is slow in jsdom, and one polled inside waitFor can outlast its timeout.
    const changeHeading = screen.getByRole('heading', {
      name: 'Change',
      hidden: true,
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    // The Resolve button goes with the old status: focus goes to the incident's Change heading,
    // not to the page.
    await waitFor(() => expect(changeHeading).toHaveFocus());
    // The heading says only "Change": the status line says what changed.
    await said('Incident “Checkout errors after deploy” is now resolved.');
  });

  it('edits an incident sending only what changed, and offers Reload on a 409', async () => {
    const patches: unknown[] = [];
    let conflict = true;
    await render(
      apiWith({
        updateIncident: async (id, patch) => {
          patches.push({ id, ...patch });
          if (conflict) throw await backendError(409, 'stale version');
          return {
            ...incidents[1],
            version: 2,
            title: patch.title ?? incidents[1].title,
          };
        },
      }),
    );
    const dialog = await openCardTimeoutsEditDialog();
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    expect(title).toHaveValue('Card network timeouts');
    await userEvent.clear(title);
    await pasteInto(title, 'Card network timeouts (Visa)');
    await userEvent.clear(
      within(dialog).getByRole('textbox', { name: 'Postmortem link' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(/Someone else changed this incident/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Reload' }),
    ).toBeVisible();
    // The moments, severity, SLOs and drill flag were left alone, so they are not sent.
    expect(patches).toEqual([
      {
        id: 'sev2-a',
        version: 1,
        title: 'Card network timeouts (Visa)',
        postmortemUrl: null,
      },
    ]);
    conflict = false;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: /^Edit incident/ }),
      ).toBeNull(),
    );
    await said('Incident “Card network timeouts (Visa)” saved.');
  });

  it('marks an action item done and adds a note', async () => {
    const itemPatches: unknown[] = [];
    const patches: unknown[] = [];
    const api = apiWith({
      updateIncidentActionItem: async (incidentId, itemId, patch) => {
        itemPatches.push({ incidentId, itemId, ...patch });
        return { ...openDetail.actionItems![0], status: 'done' };
      },
      updateIncident: async (id, patch) => {
        patches.push({ id, ...patch });
        return { ...openDetail, version: 2 };
      },
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Mark done: Add a canary stage',
      }),
    );
    await waitFor(() =>
      expect(itemPatches).toEqual([
        { incidentId: 'sev2-open', itemId: 'item-1', status: 'done' },
      ]),
    );
    await said('Action item “Add a canary stage” done.');
    const noteForm = screen.getByRole('form', {
      name: 'Add a note to Checkout errors after deploy',
    });
    await pasteInto(
      within(noteForm).getByRole('textbox', { name: 'Note' }),
      'Rolled back to 4.11',
    );
    await userEvent.click(
      within(noteForm).getByRole('button', {
        name: 'Add note — Checkout errors after deploy',
      }),
    );
    await waitFor(() =>
      expect(patches).toEqual([
        { id: 'sev2-open', version: 1, note: 'Rolled back to 4.11' },
      ]),
    );
    await said('Note added to incident “Checkout errors after deploy”.');
  });

  it('focuses an empty action item or note field when its add is refused, rather than leaving focus on the button', async () => {
    const sent: unknown[] = [];
    await render(
      apiWith({
        createIncidentActionItem: async (_id, body) => {
          sent.push(body);
          return { ...openDetail.actionItems![0], title: body.title };
        },
        updateIncident: async (_id, patch) => {
          sent.push(patch);
          return openDetail;
        },
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    const itemForm = await screen.findByRole('form', {
      name: 'Add an action item to Checkout errors after deploy',
    });
    await userEvent.click(
      within(itemForm).getByRole('button', {
        name: 'Add action item — Checkout errors after deploy',
      }),
    );
    const title = within(itemForm).getByRole('textbox', {
      name: /Action item/,
    });
    await waitFor(() => expect(title).toHaveFocus());
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Required');

    const noteForm = screen.getByRole('form', {
      name: 'Add a note to Checkout errors after deploy',
    });
    await userEvent.click(
      within(noteForm).getByRole('button', {
        name: 'Add note — Checkout errors after deploy',
      }),
    );
    const note = within(noteForm).getByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(note).toHaveFocus());
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note).toHaveAccessibleDescription('Write the note first');
    expect(sent).toEqual([]);
  });

  it('names each incident control after its incident, so two open incidents tell theirs apart', async () => {
    await render(apiWith());
    for (const title of [
      'Checkout errors after deploy',
      'Card network timeouts',
    ]) {
      await userEvent.click(
        await screen.findByRole('button', { name: `Show details of ${title}` }),
      );
    }
    const checkout = screen.getByRole('region', {
      name: 'SEV2: Checkout errors after deploy',
    });
    await within(checkout).findByRole('list', { name: 'Action items' });
    const card = screen.getByRole('region', {
      name: 'SEV2: Card network timeouts',
    });
    await within(card).findByRole('form', {
      name: 'Add a note to Card network timeouts',
    });
    // Acknowledged: the two later transitions; resolved: none. The visible text stays the short label.
    const controls = (region: HTMLElement) =>
      within(region)
        .getAllByRole('button')
        .map(b => [b.textContent, b.getAttribute('aria-label')])
        .filter(([text]) => !/details|Mark done/.test(text ?? ''));
    expect(controls(checkout)).toEqual([
      ['Add action item', 'Add action item — Checkout errors after deploy'],
      ['Edit', 'Edit — Checkout errors after deploy'],
      ['Mark mitigated', 'Mark mitigated — Checkout errors after deploy'],
      ['Resolve', 'Resolve — Checkout errors after deploy'],
      ['Add note', 'Add note — Checkout errors after deploy'],
    ]);
    expect(controls(card)).toEqual([
      ['Add action item', 'Add action item — Card network timeouts'],
      ['Edit', 'Edit — Card network timeouts'],
      ['Add note', 'Add note — Card network timeouts'],
    ]);
    expect(
      screen.getByRole('button', { name: 'Edit — Card network timeouts' }),
    ).toBeInTheDocument();
  });

  it('hides every write control from a viewer the policy denies, and says why', async () => {
    await render(apiWith(), AuthorizeResult.DENY);
    expect(
      await screen.findByText('You may not record incidents of this entity.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Record incident' }),
    ).toBeNull();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    await screen.findByRole('list', { name: 'Timeline' });
    expect(screen.queryByRole('button', { name: /^Resolve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Mark done/ })).toBeNull();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('says when there are no incidents, and what to do', async () => {
    await render(
      apiWith({
        listEntityIncidents: async () => ({ items: [], totalCount: 0 }),
        getEntityIncidentSummary: async () => summaryOf([]),
      }),
    );
    expect(
      await screen.findByText('No incidents in this period'),
    ).toBeInTheDocument();
    // A heading under the section's "Incidents" (h2), not EmptyState's h5 after it.
    expect(
      screen.getByRole('heading', { name: 'No incidents in this period' })
        .tagName,
    ).toBe('H3');
    // The picture's text says there is nothing to show, not "no Build" (another plugin's empty state).
    expect(
      screen.getAllByRole('img').map(img => img.getAttribute('alt')),
    ).toEqual(['no Information']);
    // It names what connects PagerDuty: the annotation and the backend's config key.
    expect(screen.getByText('pagerduty.com/service-id').tagName).toBe('CODE');
    expect(
      screen.getByText('stewardship.incidents.pagerduty.webhookSecrets'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^No incident detected from /)).toBeInTheDocument();
    expect(
      screen.getByText('No fire drill in this period.'),
    ).toBeInTheDocument();
    // No figures, so nothing to define.
    expect(screen.queryByText(/^What the figures mean/)).toBeNull();
  });

  it("says on a system's tab that its components' incidents are on their own tabs", async () => {
    const api = apiWith({
      listEntityIncidents: async () => ({ items: [], totalCount: 0 }),
      getEntityIncidentSummary: async () => summaryOf([]),
    });
    const note =
      "Incidents recorded on this system itself; a component's incidents are on its own SLOs tab.";
    const { unmount } = await renderWithApi(
      <EntityIncidentsSection
        entityRef="system:default/payment-processing"
        slos={[]}
      />,
      api,
    );
    expect(await screen.findByText(note)).toBeInTheDocument();
    unmount();
    // A component's own section says nothing of the kind.
    await render(api);
    await screen.findByText('No incidents in this period');
    expect(screen.queryByText(note)).toBeNull();
  });

  it('asks for the figures of the 90 days up to the backend’s now, and up to `at` only when pinned', async () => {
    const getEntityIncidentSummary = jest.fn(async () => summaryOf([]));
    const api = apiWith({
      listEntityIncidents: async () => ({ items: [], totalCount: 0 }),
      getEntityIncidentSummary,
    });
    // The backend refuses a `to` in its future: a browser clock ahead of it must not send one.
    const { unmount } = await renderWithApi(
      <EntityIncidentsSection entityRef={ENTITY} slos={slos} />,
      api,
    );
    await screen.findByText('No incidents in this period');
    expect(getEntityIncidentSummary).toHaveBeenCalled();
    for (const [, period] of getEntityIncidentSummary.mock
      .calls as unknown as Array<[string, { from?: Date; to?: Date }]>) {
      // Neither end from the browser's clock: a page left open keeps reading 90 days.
      expect(period).toEqual({});
    }
    unmount();

    getEntityIncidentSummary.mockClear();
    const at = new Date('2026-10-01T12:00:00Z');
    await renderWithApi(
      <EntityIncidentsSection entityRef={ENTITY} slos={slos} at={at} />,
      api,
    );
    await screen.findByText('No incidents in this period');
    expect(getEntityIncidentSummary).toHaveBeenCalledWith(
      ENTITY,
      // 90 days before `at`, worked out here: 2026-07-03T12:00Z.
      { from: new Date('2026-07-03T12:00:00Z'), to: at },
      expect.anything(),
    );
  });

  describe('as of a past moment', () => {
    /** The instant as the section writes moments: `2026-12-06 06:41 UTC`. */
    const utc = (instant: Date) =>
      `${instant.toISOString().slice(0, 10)} ${instant
        .toISOString()
        .slice(11, 16)} UTC`;

    async function renderAsOf(
      at: Date,
      items: Incident[],
      overrides: Partial<StewardshipApi> = {},
      permission:
        | AuthorizeResult.ALLOW
        | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
    ) {
      await renderWithApi(
        <EntityIncidentsSection entityRef={ENTITY} slos={slos} at={at} />,
        apiWith({
          listEntityIncidents: async () => ({
            items,
            totalCount: items.length,
          }),
          ...overrides,
        }),
        {
          entity: testEntity,
          permissionApi: mockApis.permission({ authorize: permission }),
        },
      );
    }

    /**
     * The backend's answer to `GET /incidents/{id}?at=`: the cost up to `at` (5 bad of the 240
     * allowed: 2.083… %), the incident as recorded now; without `at`, up to now.
     */
    const answeringUpToAt = () =>
      jest.fn(async (id: string, options?: { at?: Date }) => {
        const detail = await getIncidentFixture(id);
        const impact = openDetail.budgetImpact![0];
        return {
          ...detail,
          affectedSloIds: [SLO_ID],
          budgetImpact: [
            {
              ...impact,
              incidentWindow: {
                start: impact.incidentWindow.start,
                end: (options?.at ?? new Date()).toISOString(),
              },
              badEvents: 5,
              consumedPercent: (5 / 240) * 100,
              formula:
                'consumed = bad during the incident ÷ ((1 − objective) × total in the SLO window) = 5 ÷ ((1 − 0.999) × 240000) = 2.083 %',
            },
          ],
        };
      });

    it('reads the cost of an incident still open up to the moment shown, and says so', async () => {
      // Half an hour after "Checkout errors after deploy" was detected; it is still open now.
      const at = new Date(Date.parse(incidents[0].detectedAt) + 30 * 60_000);
      const getIncident = answeringUpToAt();
      await renderAsOf(at, [incidents[0]], { getIncident });
      const row = within(
        await screen.findByRole('region', {
          name: 'SEV2: Checkout errors after deploy',
        }),
      );
      const cost =
        'availability: 2.08 % of the error budget up to the moment shown (open then; still open)';
      expect(await row.findByText(cost)).toBeInTheDocument();
      expect(getIncident).toHaveBeenCalledWith(
        incidents[0].id,
        expect.objectContaining({ at }),
      );
      await userEvent.click(
        row.getByRole('button', {
          name: 'Show details of Checkout errors after deploy',
        }),
      );
      expect(
        await row.findByText(
          `The details below are the incident as recorded now, not as of ${utc(
            at,
          )}, except its budget cost, counted up to that moment.`,
        ),
      ).toBeInTheDocument();
      expect(row.getByText(cost)).toBeInTheDocument();
      expect(row.queryByText(/so far \(still open\)/)).toBeNull();
    });

    it('says a cost not counted up to the moment shown (a backend that ignores `at`) is as of now, never "so far (still open)" then', async () => {
      // The fixture's cost runs to now: 30 ÷ ((1 − 0.999) × 240000) = 12.5 %.
      const at = new Date(Date.parse(incidents[0].detectedAt) + 30 * 60_000);
      await renderAsOf(at, [incidents[0]]);
      const row = within(
        await screen.findByRole('region', {
          name: 'SEV2: Checkout errors after deploy',
        }),
      );
      expect(
        await row.findByText(
          'availability: 12.5 % of the error budget over the whole incident so far, as of now (still open; not its cost at the moment shown)',
        ),
      ).toBeInTheDocument();
      expect(row.queryByText(/so far \(still open\)/)).toBeNull();
    });

    it('reads the cost of an incident resolved after that moment up to it, not the stored total', async () => {
      // "Database failover", detected 20 days ago and resolved 95 minutes later, shown as of 30
      // minutes in: open then. The list carries its stored total (12.5 %): not its cost then.
      const failover = incidents.find(i => i.id === 'sev2-b')!;
      const withCost = {
        ...failover,
        affectedSloIds: [SLO_ID],
        budgetImpact: [{ ...openDetail.budgetImpact![0], stored: true }],
      };
      const at = new Date(Date.parse(failover.detectedAt) + 30 * 60_000);
      let answer: () => void = () => {};
      const read = answeringUpToAt();
      const getIncident = jest.fn(
        async (id: string, options?: { at?: Date }) => {
          await new Promise<void>(resolve => (answer = resolve));
          return read(id, options);
        },
      );
      await renderAsOf(at, [withCost], { getIncident });
      const row = within(
        await screen.findByRole('region', { name: 'SEV2: Database failover' }),
      );
      expect(
        row.getByText('Acknowledged, being worked on'),
      ).toBeInTheDocument();
      // Read at once, with the moment; the total is not shown meanwhile.
      await waitFor(() =>
        expect(getIncident).toHaveBeenCalledWith(
          failover.id,
          expect.objectContaining({ at }),
        ),
      );
      expect(row.getByText('reading the budget cost…')).toBeInTheDocument();
      expect(row.queryByText(/12\.5 %/)).toBeNull();
      act(() => answer());
      const cost =
        'availability: 2.08 % of the error budget up to the moment shown (open then; resolved later)';
      expect(await row.findByText(cost)).toBeInTheDocument();
      await userEvent.click(
        row.getByRole('button', { name: 'Show details of Database failover' }),
      );
      await row.findByRole('heading', { name: 'Moments' });
      expect(row.getByText(cost)).toBeInTheDocument();
      // The formula too is the one up to the moment.
      expect(
        row.getByText(/= 5 ÷ \(\(1 − 0\.999\) × 240000\)/),
      ).toBeInTheDocument();
      expect(row.queryByText(/12\.5 %|still open/)).toBeNull();
    });

    it('offers no Record incident, which would not show there, and says where to record', async () => {
      const at = new Date(Date.parse(incidents[2].detectedAt) + 30 * 60_000);
      await renderAsOf(at, [incidents[1], incidents[2]]);
      expect(
        await screen.findByText(
          'Showing a past moment: to record an incident, choose Now above.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Record incident' }),
      ).toBeNull();
    });

    it('still tells a viewer the policy denies that they may not record', async () => {
      const at = new Date(Date.parse(incidents[2].detectedAt) + 30 * 60_000);
      await renderAsOf(
        at,
        [incidents[1], incidents[2]],
        {},
        AuthorizeResult.DENY,
      );
      expect(
        await screen.findByText('You may not record incidents of this entity.'),
      ).toBeInTheDocument();
      expect(screen.queryByText(/Showing a past moment/)).toBeNull();
    });
  });

  it('says, shown and said, that an incident recorded with a detection before the period is not listed, and how to see it', async () => {
    const detectedAt = new Date(Date.now() - 100 * 86_400_000);
    detectedAt.setSeconds(0, 0);
    const api = apiWith({
      createIncident: async body => ({
        ...incidents[1],
        id: 'old',
        title: body.title,
        detectedAt: detectedAt.toISOString(),
      }),
    });
    await render(api);
    await screen.findAllByRole('region', { name: /^SEV\d/ });
    const dialog = await openRecordDialog();
    await pasteInto(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Old outage',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    const iso = detectedAt.toISOString();
    const text = `Incident “Old outage” recorded. It is not listed here: it was detected on ${iso.slice(
      0,
      10,
    )} ${iso.slice(
      11,
      16,
    )} UTC, more than 90 days ago, and the list shows the incidents detected in the last 90 days. To see it, set “As of” above to a moment less than 90 days after its detection.`;
    // Said once the dialog has gone (the page shown to screen readers), and shown in the card.
    await waitFor(() =>
      expect(heard.filter(h => h.text === text)).toEqual([
        { text, hidden: false },
      ]),
    );
    expect(screen.getByRole('note')).toHaveTextContent(text);
    // Closed, it goes.
    await userEvent.click(
      within(screen.getByRole('note')).getByRole('button', { name: 'Close' }),
    );
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows no such note for an incident recorded within the period', async () => {
    await render(
      apiWith({
        createIncident: async body => ({
          ...incidents[1],
          id: 'new',
          title: body.title,
        }),
      }),
    );
    await screen.findAllByRole('region', { name: /^SEV\d/ });
    const dialog = await openRecordDialog();
    await pasteInto(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Search is down',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await said('Incident “Search is down” recorded.');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it("says why an incident's cost or details could not be read, in words, with Try again", async () => {
    let failing = true;
    // The backend's own 503, with its error body, as the client's ResponseError carries it.
    const locked = () =>
      ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ServiceUnavailableError',
              message: 'database is locked',
            },
            response: { statusCode: 503 },
          }),
          {
            status: 503,
            statusText: 'Service Unavailable',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      );
    await render(
      apiWith({
        getIncident: async id => {
          if (failing) throw await locked();
          return getIncidentFixture(id);
        },
      }),
    );
    const row = within(
      await screen.findByRole('region', {
        name: 'SEV2: Checkout errors after deploy',
      }),
    );
    expect(
      await row.findByText(
        /^budget cost not available: The stewardship backend failed \(503 Service Unavailable\): database is locked/,
      ),
    ).toBeInTheDocument();
    failing = false;
    await userEvent.click(
      row.getByRole('button', {
        name: 'Try again — Checkout errors after deploy',
      }),
    );
    expect(
      await row.findByText(
        'availability: 12.5 % of the error budget so far (still open)',
      ),
    ).toBeInTheDocument();

    // Details of another incident that cannot be read: the panel, with Try again.
    failing = true;
    const failover = within(
      screen.getByRole('region', { name: 'SEV2: Database failover' }),
    );
    await userEvent.click(
      failover.getByRole('button', {
        name: 'Show details of Database failover',
      }),
    );
    expect(
      await failover.findByText(
        'Error: Could not read the incident: The stewardship backend failed (503 Service Unavailable): database is locked',
      ),
    ).toBeInTheDocument();
    failing = false;
    await userEvent.click(failover.getByRole('button', { name: 'Try again' }));
    expect(
      await failover.findByRole('heading', { name: 'Moments' }),
    ).toBeInTheDocument();
  });

  it('shows a failed read as an error', async () => {
    await render(
      apiWith({
        listEntityIncidents: async () => {
          throw new Error('backend unavailable');
        },
        getEntityIncidentSummary: async () => {
          throw new Error('summary unavailable');
        },
      }),
    );
    expect(
      await screen.findByText(
        'Error: Could not read the incidents: backend unavailable',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Error: Could not read the incident figures: summary unavailable',
      ),
    ).toBeInTheDocument();
  });
});

/*
 * The dialogs' moments are typed in the browser's time zone and stored as instants. In UTC the two
 * read alike and a form that sent the typed wall-clock time as UTC would pass every test, so
 * scripts/test.sh runs the unit step in America/St_Johns (UTC−03:30, −02:30 in summer): a zone
 * whose offset is not whole hours. The expected wall-clock text is written by Intl for the
 * process's zone, not by the form's own helper.
 */
describe("EntityIncidentsSection, moments in the browser's time zone", () => {
  const MINUTE_MS = 60_000;
  /** `instant` as a datetime-local input shows it in the process's time zone. */
  const wallClock = (instant: Date) =>
    new Intl.DateTimeFormat('sv-SE', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(instant)
      .replace(' ', 'T');
  /** Whole minutes `minutes` ago, as a datetime-local input can name them. */
  const minutesAgo = (minutes: number) =>
    new Date(
      Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - minutes * MINUTE_MS,
    );

  it('runs where the local time is not UTC under CI, so the tests below can fail', () => {
    // A tripwire for scripts/test.sh's TZ: without it CI would run these tests in UTC.
    const offset = process.env.CI
      ? new Date(2025, 2, 1).getTimezoneOffset()
      : 1;
    expect(offset).not.toBe(0);
  });

  it('records the started and detected moments typed as the instants they name', async () => {
    const created: Array<{ startedAt?: string; detectedAt?: string }> = [];
    await render(
      apiWith({
        createIncident: async body => {
          created.push(body);
          return { ...incidents[1], id: 'new' };
        },
      }),
    );
    const dialog = await openRecordDialog();
    await pasteInto(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Search is down',
    );
    const started = minutesAgo(47);
    const detected = minutesAgo(31);
    fireEvent.change(
      within(dialog).getByLabelText('Started (your local time)'),
      {
        target: { value: wallClock(started) },
      },
    );
    fireEvent.change(
      within(dialog).getByLabelText('Detected (your local time)'),
      { target: { value: wallClock(detected) } },
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0].startedAt).toBe(started.toISOString());
    expect(created[0].detectedAt).toBe(detected.toISOString());
  });

  it('shows an incident’s stored moments in local time when it is edited', async () => {
    await render(apiWith());
    const dialog = await openCardTimeoutsEditDialog();
    const stored = incidents.find(i => i.id === 'sev2-a')!;
    expect(
      within(dialog).getByLabelText('Started (your local time)'),
    ).toHaveValue(wallClock(new Date(stored.startedAt!)));
    expect(
      within(dialog).getByLabelText('Detected (your local time)'),
    ).toHaveValue(wallClock(new Date(stored.detectedAt)));
  });

  it('resolves at the instant the moment typed names', async () => {
    const patches: Array<{ resolvedAt?: string | null }> = [];
    await render(
      apiWith({
        updateIncident: async (_id, patch) => {
          patches.push(patch);
          return { ...openDetail, status: 'resolved', version: 2 };
        },
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Checkout errors after deploy',
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Resolve — Checkout errors after deploy',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Resolve: Checkout errors after deploy',
    });
    const resolved = minutesAgo(9);
    fireEvent.change(
      within(dialog).getByLabelText('Resolved at (your local time)'),
      { target: { value: wallClock(resolved) } },
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0].resolvedAt).toBe(resolved.toISOString());
  });

  describe('an action item due today', () => {
    // 21:30 on 1 December in St. John's (scripts/test.sh's zone): already 2 December in UTC.
    const NOW = new Date('2026-12-02T01:00:00.000Z');
    beforeEach(() => {
      fakeOnlyTheClock(NOW);
    });
    afterEach(() => jest.useRealTimers());

    it('is not overdue in the evening west of UTC, and yesterday’s is by 1 day', async () => {
      // The days a date input offers as today and yesterday here: 2026-12-01 and 2026-11-30.
      const today = wallClock(NOW).slice(0, 10);
      const yesterday = wallClock(new Date(NOW.getTime() - 86_400_000)).slice(
        0,
        10,
      );
      await render(
        apiWith({
          getIncident: async () => ({
            ...openDetail,
            actionItems: [
              {
                ...overdueItem,
                id: 'due-today',
                title: 'Due today',
                dueDate: today,
              },
              {
                ...overdueItem,
                id: 'due-yesterday',
                title: 'Due yesterday',
                dueDate: yesterday,
              },
            ],
          }),
        }),
      );
      await userEvent.click(
        await screen.findByRole('button', {
          name: 'Show details of Checkout errors after deploy',
        }),
      );
      const items = within(
        await screen.findByRole('list', { name: 'Action items' }),
      ).getAllByRole('listitem');
      const item = (title: string) =>
        items.find(li => li.textContent?.startsWith(title))!;
      expect(item('Due today')).toHaveTextContent(`due ${today}`);
      expect(item('Due today')).not.toHaveTextContent(/overdue/);
      expect(item('Due yesterday')).toHaveTextContent(
        `due ${yesterday}, overdue by 1 day`,
      );
    });
  });

  it('lists more of the period on "Show more", up to the most one answer holds', async () => {
    // 1,234 resolved incidents, newest first; the fake answers the first `limit`, as the API does.
    const many = Array.from({ length: 1234 }, (_, i) => ({
      ...incidents[3],
      id: `many-${i}`,
      title: `Incident ${i}`,
    }));
    const asked: number[] = [];
    await render(
      apiWith({
        listEntityIncidents: async (_ref, query) => {
          asked.push(query!.limit!);
          return {
            items: many.slice(0, query!.limit),
            totalCount: many.length,
          };
        },
        getEntityIncidentSummary: async () => summaryOf([]),
      }),
    );
    let counted = await screen.findByText(
      /^The 100 most recently detected of 1,234 incidents\./,
    );
    expect(counted).toBeInTheDocument();

    for (const shown of [200, 300, 400, 500]) {
      // The button is in the sentence that counts what is listed: looked for there, not among
      // the hundreds of incident rows (a role query over them all takes seconds in jsdom).
      fireEvent.click(
        within(counted).getByRole('button', { name: 'Show 100 more' }),
      );
      counted = await screen.findByText(
        new RegExp(`^The ${shown} most recently detected of 1,234 incidents`),
      );
      expect(counted).toBeInTheDocument();
    }
    expect(asked).toEqual([100, 200, 300, 400, 500]);
    // The most one answer holds: the rest is the API's to page.
    expect(screen.getByText(/lists the rest/).textContent).toContain(
      'the incidents API, GET /incidents with offset',
    );
    expect(
      screen.queryByRole('button', { name: /^Show \d+ more$/ }),
    ).not.toBeInTheDocument();
  });

  it('offers only as many more as there are', async () => {
    const some = Array.from({ length: 130 }, (_, i) => ({
      ...incidents[3],
      id: `some-${i}`,
      title: `Incident ${i}`,
    }));
    await render(
      apiWith({
        listEntityIncidents: async (_ref, query) => ({
          items: some.slice(0, query!.limit),
          totalCount: some.length,
        }),
        getEntityIncidentSummary: async () => summaryOf([]),
      }),
    );
    const more = within(
      await screen.findByText(/most recently detected/),
    ).getByRole('button', { name: 'Show 30 more' });
    more.focus();
    fireEvent.click(more);
    await waitFor(() =>
      expect(
        screen.queryByText(/most recently detected/),
      ).not.toBeInTheDocument(),
    );
    // The button went with its sentence: focus is on the first incident it added, not the page.
    await waitFor(() =>
      expect(document.activeElement).toHaveAccessibleName('SEV4: Incident 100'),
    );
  });

  it('starts again from 100 on another entity', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...incidents[3],
      id: `many-${i}`,
      title: `Incident ${i}`,
    }));
    const asked: Array<[string, number]> = [];
    const api = apiWith({
      listEntityIncidents: async (ref, query) => {
        asked.push([ref as string, query!.limit!]);
        return { items: many.slice(0, query!.limit), totalCount: many.length };
      },
      getEntityIncidentSummary: async () => summaryOf([]),
    });
    // The page moves to another entity with the section mounted.
    const Page = () => {
      const [entityRef, setEntityRef] = useState(ENTITY);
      return (
        <>
          <button onClick={() => setEntityRef('component:default/other')}>
            Other entity
          </button>
          <EntityIncidentsSection entityRef={entityRef} slos={slos} />
        </>
      );
    };
    await renderWithApi(<Page />, api, { entity: testEntity });
    // Found before the rows are listed: a role query over them all takes seconds in jsdom.
    const otherEntity = screen.getByRole('button', { name: 'Other entity' });
    fireEvent.click(
      within(
        await screen.findByText(/^The 100 most recently detected of 300/),
      ).getByRole('button', { name: 'Show 100 more' }),
    );
    expect(
      await screen.findByText(/^The 200 most recently detected of 300/),
    ).toBeInTheDocument();
    fireEvent.click(otherEntity);
    expect(
      await screen.findByText(/^The 100 most recently detected of 300/),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      [ENTITY, 100],
      [ENTITY, 200],
      ['component:default/other', 100],
    ]);
  });
});
