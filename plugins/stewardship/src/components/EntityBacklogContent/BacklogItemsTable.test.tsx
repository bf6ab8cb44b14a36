import { configApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  BacklogItem,
  computeBacklogFigures,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { BacklogItemsTable } from './BacklogItemsTable';

jest.setTimeout(30_000);

const NOW = new Date('2026-11-30T12:00:00.000Z');

function item(key: string, priority: string | undefined): BacklogItem {
  return {
    id: key,
    key,
    title: `Title of ${key}`,
    provider: 'jira',
    type: 'Story',
    labels: [],
    rank: 1,
    status: 'To Do',
    awaitingTriage: false,
    reliability: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    ...(priority !== undefined && { priority }),
  };
}

/** The table over `items`, with their figures as of NOW. */
const renderTable = (items: BacklogItem[]) =>
  renderWithApi(
    <BacklogItemsTable
      items={items}
      figures={computeBacklogFigures(items, { now: NOW, topN: 10 })}
    />,
    mockStewardshipApi(),
  );

/** The keys of the Item column, top to bottom. */
const keys = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(
      row =>
        (within(row).getAllByRole('cell')[1].textContent ?? '').split(':')[0],
    );

const sortByPriority = () =>
  fireEvent.click(screen.getAllByRole('button', { name: 'Priority' })[0]);

describe('BacklogItemsTable, priority', () => {
  it('sorts by urgency, unknown priorities after known ones, untriaged last, ties in rank order', async () => {
    // [key, priority] in ranked order. The urgency of each known priority, most urgent 0, is
    // written out here from Jira's and GitHub's schemes.
    const listed: Array<[string, string | undefined, number | undefined]> = [
      ['K1', 'Medium', 2],
      ['K2', undefined, undefined],
      ['K3', 'Lowest', 4],
      ['K4', 'Someday', undefined],
      ['K5', 'Low', 3],
      ['K6', 'Highest', 0],
      ['K7', 'high', 1],
      ['K8', 'P2', 2],
      ['K9', 'Later', undefined],
      ['K10', 'Blocker', 0],
      ['K11', undefined, undefined],
    ];
    const items = listed.map(([key, priority]) => item(key, priority));
    await renderTable(items);

    const position = (key: string) => listed.findIndex(([k]) => k === key);
    const known = listed
      .filter(([, p, u]) => p !== undefined && u !== undefined)
      .sort((a, b) => a[2]! - b[2]! || position(a[0]) - position(b[0]));
    const unknown = [['K9', 'Later'] as const, ['K4', 'Someday'] as const]; // by name
    const untriaged = ['K2', 'K11']; // in rank order

    sortByPriority();
    expect(keys()).toEqual([
      ...known.map(([k]) => k),
      ...unknown.map(([k]) => k),
      ...untriaged,
    ]);

    // Descending: least urgent first, still in rank order within a priority; untriaged last.
    sortByPriority();
    const knownDesc = [...known].sort(
      (a, b) => b[2]! - a[2]! || position(a[0]) - position(b[0]),
    );
    expect(keys()).toEqual([
      ...['K4', 'K9'], // unknown, by name descending
      ...knownDesc.map(([k]) => k),
      ...untriaged,
    ]);
  });

  it('writes the count in the title with thousands separators', async () => {
    const items = Array.from({ length: 1234 }, (_, i) => item(`K${i}`, 'Low'));
    await renderTable(items);
    expect(screen.getByText('Ranked (1,234)')).toBeInTheDocument();
    // The table is named by it, and by the next view's.
    expect(
      screen.getByRole('table', { name: 'Ranked (1,234)' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reliability work' }));
    expect(
      screen.getByRole('table', { name: 'Reliability work (0)' }),
    ).toBeInTheDocument();
  });
});

describe('BacklogItemsTable, links', () => {
  it('links an item only to an http(s) address, and still lists one with another link', async () => {
    const items = [
      { ...item('A-1', 'High'), link: 'https://jira.example.com/browse/A-1' },
      // core-components' Link throws on this one: the whole table would be an error.
      // eslint-disable-next-line no-script-url -- refusing it is the point
      { ...item('A-2', 'High'), link: 'javascript:alert(document.cookie)' },
      { ...item('A-3', 'High'), link: '//evil.example/phish' },
    ];
    await renderTable(items);
    expect(keys()).toEqual(['A-1, Opens in a new window', 'A-2', 'A-3']);
    const links = within(screen.getByRole('table'))
      .getAllByRole('link')
      .map(link => link.getAttribute('href'));
    expect(links).toEqual(['https://jira.example.com/browse/A-1']);
  });

  it('names a tracker item by its key, and an action item by its key and title (where it goes)', async () => {
    const items: BacklogItem[] = [
      {
        ...item('BILL-12', 'High'),
        link: 'https://jira.example.com/browse/BILL-12',
      },
      {
        ...item('SEV3 action', 'Medium'),
        id: 'action-item:1',
        provider: 'incident-action-items',
        type: 'action-item',
        title: 'Add a retry budget (incident: Checkout down)',
        link: 'https://tickets.example.com/BILL-88',
      },
    ];
    await renderTable(items);
    const table = within(screen.getByRole('table'));
    // The name as given, no space before the comma (the hidden span alone reads as its own word).
    expect(
      table.getByRole('link', { name: 'BILL-12, Opens in a new window' }),
    ).toHaveAttribute('aria-label', 'BILL-12, Opens in a new window');
    const action = table.getByRole('link', {
      name: 'SEV3 action: Add a retry budget (incident: Checkout down), Opens in a new window',
    });
    expect(action).toHaveAttribute(
      'href',
      'https://tickets.example.com/BILL-88',
    );
    // Its visible text is its name (WCAG 2.5.3, label in name), and the title is not said again
    // after the link; a tracker item's title follows its key's link.
    expect(action).toHaveTextContent(
      /^SEV3 action: Add a retry budget \(incident: Checkout down\)/,
    );
    expect(action.closest('td')).toHaveTextContent(
      /^SEV3 action: Add a retry budget \(incident: Checkout down\), Opens in a new window$/,
    );
    expect(
      table.getByRole('link', { name: 'BILL-12, Opens in a new window' })
        .parentElement,
    ).toHaveTextContent(/^BILL-12, Opens in a new window: Title of BILL-12/);
  });
});

describe('BacklogItemsTable, links inside the app', () => {
  it('opens a page of the app (a breached SLO’s tab) in place, a tracker’s issue in a new window', async () => {
    const slosTab = '/catalog/default/component/payments-api/slos';
    const items = [
      // What the backend builds from app.baseUrl, here under a base path.
      {
        ...item('availability', 'Highest'),
        link: `https://backstage.example/portal${slosTab}`,
      },
      // The page's own origin (jsdom's, as behind a proxy), and a path from the root.
      {
        ...item('latency', 'High'),
        link: `http://localhost/portal${slosTab}?x=1#y`,
      },
      { ...item('errors', 'High'), link: `/portal${slosTab}` },
      { ...item('A-1', 'High'), link: 'https://jira.example.com/browse/A-1' },
      // Another app on the same host name is not this one.
      {
        ...item('A-2', 'High'),
        link: `https://backstage.example/other${slosTab}`,
      },
    ];
    await renderWithApi(
      <TestApiProvider
        apis={[
          [
            configApiRef,
            mockApis.config({
              data: { app: { baseUrl: 'https://backstage.example/portal' } },
            }),
          ],
        ]}
      >
        <BacklogItemsTable
          items={items}
          figures={computeBacklogFigures(items, { now: NOW, topN: 10 })}
        />
      </TestApiProvider>,
      mockStewardshipApi(),
    );
    const link = (name: RegExp) =>
      within(screen.getByRole('table')).getByRole('link', { name });
    for (const [key, href] of [
      ['availability', slosTab],
      ['latency', `${slosTab}?x=1#y`],
      ['errors', slosTab],
    ]) {
      expect(link(new RegExp(`^${key}$`))).toHaveAttribute('href', href);
      expect(link(new RegExp(`^${key}$`))).not.toHaveAttribute('target');
    }
    for (const [key, href] of [
      ['A-1', 'https://jira.example.com/browse/A-1'],
      ['A-2', `https://backstage.example/other${slosTab}`],
    ]) {
      const tracker = link(new RegExp(`^${key}, Opens in a new window$`));
      expect(tracker).toHaveAttribute('href', href);
      expect(tracker).toHaveAttribute('target', '_blank');
    }
  });
});

describe('BacklogItemsTable, overall rank', () => {
  it('numbers the rows by their overall rank in every view, and says that is what the column is', async () => {
    const items = ['K1', 'K2', 'K3', 'K4', 'K5'].map((key, i) => ({
      ...item(key, 'Low'),
      reliability: i === 1 || i === 3,
    }));
    await renderWithApi(
      <BacklogItemsTable
        items={items}
        figures={computeBacklogFigures(items, { now: NOW, topN: 10 })}
        initialView="reliability-first"
      />,
      mockStewardshipApi(),
    );
    expect(
      screen.getAllByRole('columnheader').map(h => h.textContent),
    ).toContain('Overall rank');
    expect(
      screen.getByText(/^Overall rank: the item’s place in the Ranked list/),
    ).toBeInTheDocument();
    const ranks = () =>
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('cell')[0].textContent);
    // Reliability work (K2, K4) first, each keeping its place in the merged ranking.
    expect(keys()).toEqual(['K2', 'K4', 'K1', 'K3', 'K5']);
    expect(ranks()).toEqual(['2', '4', '1', '3', '5']);
    fireEvent.click(screen.getByRole('button', { name: 'Ranked' }));
    expect(ranks()).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('BacklogItemsTable, assignee', () => {
  it('sorts unassigned items last, whichever way the column sorts', async () => {
    const items = [
      { ...item('A-1', 'High') },
      { ...item('A-2', 'High'), assignee: 'user:default/zoe' },
      { ...item('A-3', 'High'), assignee: 'user:default/adam' },
    ];
    await renderTable(items);
    const sortByAssignee = () =>
      fireEvent.click(screen.getAllByRole('button', { name: 'Assignee' })[0]);
    sortByAssignee();
    expect(keys()).toEqual(['A-3', 'A-2', 'A-1']);
    sortByAssignee();
    expect(keys()).toEqual(['A-2', 'A-3', 'A-1']);
  });
});

describe('BacklogItemsTable, reliability work', () => {
  const items: BacklogItem[] = [
    { ...item('K1', 'Low'), reliability: false },
    {
      ...item('K2', 'Low'),
      reliability: true,
      reliabilityReason: 'built-in SLO item',
    },
    { ...item('K3', 'Low'), reliability: false },
    { ...item('K4', 'Low'), reliability: true, reliabilityReason: 'type Bug' },
    { ...item('K5', 'Low'), reliability: true, reliabilityReason: 'label slo' },
    // A provider's item marked without a reason (the backend gives one; a module may not).
    { ...item('K6', 'Low'), reliability: true },
  ];
  /** The last column's cells, top to bottom. */
  const answers = () =>
    within(screen.getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('cell').at(-1)?.textContent);

  it('answers yes with the reason, or no, in words', async () => {
    await renderTable(items);
    const headers = screen.getAllByRole('columnheader');
    expect(headers.at(-1)).toHaveTextContent(/^Reliability work\?$/);
    expect(answers()).toEqual([
      'No',
      'Yes: built-in SLO item',
      'No',
      'Yes: type Bug',
      'Yes: label slo',
      'Yes',
    ]);
  });

  it('sorts reliability work first, then last, each part in rank order', async () => {
    await renderTable(items);
    // Its header's button is not the "Reliability work" view's.
    const sortByReliability = () =>
      fireEvent.click(
        screen.getByRole('button', { name: 'Reliability work?' }),
      );
    expect(
      screen.getAllByRole('button', { name: 'Reliability work' }),
    ).toHaveLength(1);
    sortByReliability();
    expect(keys()).toEqual(['K2', 'K4', 'K5', 'K6', 'K1', 'K3']);
    sortByReliability();
    expect(keys()).toEqual(['K1', 'K3', 'K2', 'K4', 'K5', 'K6']);
  });

  it('gives the item the largest share of the width, the shares adding up to the whole', async () => {
    await renderTable(items);
    // material-table shares what no column claims equally among the others, in shares that
    // came to more than the whole: the item's title was squeezed to its minimum.
    const shares = screen
      .getAllByRole('columnheader')
      .map(header => header.style.width);
    expect(shares.every(share => /^\d+%$/.test(share))).toBe(true);
    const percents = shares.map(share => parseInt(share, 10));
    expect(percents.reduce((sum, p) => sum + p, 0)).toBe(100);
    expect(Math.max(...percents)).toBe(percents[1]);
    expect(percents[1]).toBeGreaterThanOrEqual(30);
  });
});
