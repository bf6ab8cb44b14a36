import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { OwnershipScorecard } from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipScorecardQuery } from '../../api';
import { backendError } from '../../__testUtils__/backendError';
import { captureDownloads } from '../../__testUtils__/captureDownloads';
import { scorecard } from '../../__testUtils__/fixtures';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { StewardshipPage } from './StewardshipPage';
import { fakeWindowWidth } from './fakeWindowWidth';

/**
 * A scorecard API whose page of failing entities is one entity named for the offset asked
 * (`entity-at-40`), of `totalCount` in all; `asked` records each read as `offset+limit`.
 */
function pagedScorecardApi(totalCount: number) {
  const asked: string[] = [];
  const api = mockStewardshipApi({
    getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => {
      asked.push(`${query?.offset}+${query?.limit}`);
      return {
        ...scorecard,
        failing: {
          items: [
            {
              ...scorecard.failing.items[0],
              entityRef: `component:default/entity-at-${query?.offset}`,
              name: `entity-at-${query?.offset}`,
              title: undefined,
            },
          ],
          totalCount,
          offset: query?.offset ?? 0,
          limit: query?.limit ?? 20,
        },
      };
    },
  });
  return { api, asked };
}

/** The page's URL query, as the router has it. */
function LocationProbe() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

const emptyScorecard: OwnershipScorecard = {
  ...scorecard,
  summary: {
    entities: 0,
    compliant: 0,
    roles: scorecard.summary.roles,
  },
  failing: { items: [], totalCount: 0, offset: 0, limit: 20 },
};

describe('StewardshipPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows a progress bar while loading', async () => {
    const api = mockStewardshipApi({
      getOwnershipScorecard: () => new Promise(() => {}),
    });

    await renderWithApi(<StewardshipPage />, api);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading the scorecard' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Ownership scorecard')).toBeInTheDocument();
  });

  it.each([
    ['/stewardship', 'Who owns what across the catalog'],
    [
      '/stewardship?view=slos',
      'How reliable every service is, against its objectives',
    ],
    [
      '/stewardship/review',
      'Reliability and ownership over a period, for planning',
    ],
  ])(
    'heads %s with the page title and its tab subtitle',
    async (at, subtitle) => {
      const pending = () => new Promise<never>(() => {});
      await renderWithApi(
        // The planning review's scope picker reads the catalog.
        <TestApiProvider apis={[[catalogApiRef, catalogApiMock()]]}>
          <StewardshipPage />
        </TestApiProvider>,
        mockStewardshipApi({
          getOwnershipScorecard: pending,
          getSloOverview: pending,
          getPlanningReview: pending,
        }),
        { routeEntries: [at] },
      );
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Stewardship' }),
      ).toBeInTheDocument();
      expect(screen.getByText(subtitle)).toBeInTheDocument();
      const others = [
        'Who owns what across the catalog',
        'How reliable every service is, against its objectives',
        'Reliability and ownership over a period, for planning',
      ].filter(text => text !== subtitle);
      for (const other of others) {
        expect(screen.queryByText(other)).not.toBeInTheDocument();
      }
    },
  );

  it("keeps each tab's filters, scope and period when another tab is visited", async () => {
    const scorecardQueries: OwnershipScorecardQuery[] = [];
    const reviewed: string[] = [];
    await renderWithApi(
      <TestApiProvider
        apis={[
          [
            catalogApiRef,
            catalogApiMock({
              entities: [
                {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'System',
                  metadata: {
                    name: 'payment-processing',
                    namespace: 'default',
                  },
                  spec: {},
                },
              ],
            }),
          ],
        ]}
      >
        <StewardshipPage />
      </TestApiProvider>,
      mockStewardshipApi({
        getOwnershipScorecard: async query => {
          scorecardQueries.push(query ?? {});
          return scorecard;
        },
        getPlanningReview: query => {
          reviewed.push(query.scope);
          return new Promise<never>(() => {});
        },
      }),
      { routeEntries: ['/stewardship?status=missing'] },
    );
    await waitFor(() => expect(scorecardQueries).toHaveLength(1));

    await userEvent.click(screen.getByRole('tab', { name: 'Planning review' }));
    const scope = 'system:default/payment-processing';
    await screen.findByRole('option', {
      name: `payment-processing (${scope})`,
    });
    await userEvent.selectOptions(screen.getByLabelText('Scope'), scope);
    await userEvent.selectOptions(
      screen.getByLabelText('Period'),
      'last-30-days',
    );
    await waitFor(() => expect(reviewed.at(-1)).toBe(scope));

    await userEvent.click(screen.getByRole('tab', { name: 'Ownership' }));
    await waitFor(() => expect(scorecardQueries).toHaveLength(2));
    expect(scorecardQueries[1].status).toBe('missing');
    expect(screen.getByLabelText('Status')).toHaveValue('missing');

    await userEvent.click(screen.getByRole('tab', { name: 'Planning review' }));
    await screen.findByRole('option', {
      name: `payment-processing (${scope})`,
    });
    expect(screen.getByLabelText('Scope')).toHaveValue(scope);
    expect(screen.getByLabelText('Period')).toHaveValue('last-30-days');
  });

  it('shows coverage per role, compliance, the trend and failing entities', async () => {
    const api = mockStewardshipApi({
      getOwnershipScorecard: async () => scorecard,
    });

    await renderWithApi(<StewardshipPage />, api);

    expect(await screen.findByText('23 entities in scope')).toBeInTheDocument();
    // How old the backend's catalog read is (the fixture's ageSeconds: 40).
    expect(screen.getByText('Catalog read 40 seconds ago')).toBeInTheDocument();

    // Compliance and one figure per role, with the non-ok counts.
    expect(
      screen.getByText('15/23 with every required role ok or exempt'),
    ).toBeInTheDocument();
    expect(screen.getByText('65%')).toBeInTheDocument();
    expect(screen.getByText('78%')).toBeInTheDocument();
    expect(screen.getByText('18/23 ok')).toBeInTheDocument();
    const problemsOf = (role: string) =>
      [
        ...screen
          .getByRole('heading', { name: role })
          .parentElement!.querySelectorAll('li'),
      ].map(li => li.textContent);
    expect(problemsOf('Business owner')).toEqual([
      '3 missing (none declared)',
      '1 unresolved (names no catalog entity)',
      '1 invalid (not a single user or group)',
    ]);
    expect(screen.getByText('86%')).toBeInTheDocument();
    expect(screen.getByText('20/23 ok')).toBeInTheDocument();
    expect(problemsOf('Product owner')).toEqual([
      '2 missing (none declared)',
      '1 orphaned (an empty group, or a user in no group)',
    ]);
    expect(screen.getByText('91%')).toBeInTheDocument();

    expect(
      screen.getByText('Latest: 65% compliant on 2024-05-02'),
    ).toBeInTheDocument();
    // On the chart's axis; the trend's table for screen readers lists the day too.
    expect(
      screen.getByText('2024-05-01', {
        selector: 'svg[data-chart="time-series"] text',
      }),
    ).toBeInTheDocument();
    expect(
      Array.from(document.querySelectorAll('[data-chart-legend] li')).map(
        li => li.textContent,
      ),
    ).toEqual([
      'Compliant',
      'Business owner',
      'Product owner',
      'Engineering owner',
    ]);
    // One line per series through both days: 50 % then 65 % compliant.
    const trend = document.querySelector('svg[data-chart="time-series"]')!;
    expect(trend.querySelectorAll('polyline')).toHaveLength(4);

    // The failing entity with its role, status, problem and fix.
    expect(screen.getByText('Failing entities (8)')).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'Legacy Billing' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-billing',
    );
    const row = link.closest('tr')!;
    expect(
      within(row).getByText('unresolved').closest('[aria-hidden="true"]'),
    ).toBeNull();
    expect(
      within(row).getByText('user:default/ghost names no catalog entity.'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText(
        'Fix: Point stewardship.io/business-owner at an existing user or group.',
      ),
    ).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /billing/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/billing',
    );
  });

  it('says when the catalog was read just now', async () => {
    const api = mockStewardshipApi({
      getOwnershipScorecard: async () => ({
        ...scorecard,
        evaluatedAt: scorecard.generatedAt,
        ageSeconds: 0,
      }),
    });

    await renderWithApi(<StewardshipPage />, api);

    expect(
      await screen.findByText('Catalog read just now'),
    ).toBeInTheDocument();
  });

  it('asks for more snapshots before drawing a trend', async () => {
    const api = mockStewardshipApi({
      getOwnershipScorecard: async () => ({
        ...scorecard,
        trend: scorecard.trend.slice(0, 1),
      }),
    });

    await renderWithApi(<StewardshipPage />, api);

    expect(
      await screen.findByText(
        'Trend appears after the first days of snapshots.',
      ),
    ).toBeInTheDocument();
  });

  it('shows an empty state when no entities are in scope', async () => {
    const api = mockStewardshipApi({
      getOwnershipScorecard: async () => emptyScorecard,
    });

    await renderWithApi(<StewardshipPage />, api);

    expect(await screen.findByText('No entities in scope')).toBeInTheDocument();
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
    expect(screen.getByText('Catalog read 40 seconds ago')).toBeInTheDocument();
    expect(
      screen.getByText(/check stewardship\.ownership\.appliesTo/),
    ).toBeInTheDocument();
    // The kinds of the default appliesTo (OwnershipPolicy.ts in the backend), no others.
    expect(
      screen.getByText(
        /Register components, APIs, systems or domains \(the kinds it covers by default\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the server error', async () => {
    const error = await backendError(400, 'Invalid status');
    const api = mockStewardshipApi({
      getOwnershipScorecard: () => Promise.reject(error),
    });

    await renderWithApi(<StewardshipPage />, api);

    expect(
      await screen.findByText(
        'Error: Could not read the scorecard: Invalid status',
      ),
    ).toBeInTheDocument();
  });

  it('filters by kind through the select and reads filters from the URL', async () => {
    // Answers like the backend would: nothing of kind api in this catalog.
    const api = mockStewardshipApi({
      getOwnershipScorecard: async (query?: OwnershipScorecardQuery) =>
        query?.kind === 'api' && query.status === 'missing'
          ? emptyScorecard
          : scorecard,
    });

    await renderWithApi(<StewardshipPage />, api, {
      routeEntries: ['/?status=missing'],
    });

    expect(await screen.findByText('23 entities in scope')).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('missing');

    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'api');

    expect(
      await screen.findByText('No entities match these filters'),
    ).toBeInTheDocument();
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
  });

  it("names a link's short refs in the filter chips by their kind, not as unknown", async () => {
    await renderWithApi(
      <StewardshipPage />,
      mockStewardshipApi({ getOwnershipScorecard: async () => scorecard }),
      { routeEntries: ['/?system=storefront&owner=commerce&domain=Payments'] },
    );
    expect(await screen.findByText('owner: commerce')).toBeInTheDocument();
    expect(screen.getByText('system: storefront')).toBeInTheDocument();
    expect(screen.getByText('domain: payments')).toBeInTheDocument();
    expect(screen.queryByText(/unknown:/)).not.toBeInTheDocument();
  });

  it('says a kind matching nothing may be one the ownership policy does not cover', async () => {
    await renderWithApi(
      <StewardshipPage />,
      mockStewardshipApi({ getOwnershipScorecard: async () => emptyScorecard }),
      { routeEntries: ['/?kind=resource'] },
    );
    expect(
      await screen.findByText('No entities match these filters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No resource entity matches. The scorecard counts only the kinds stewardship.ownership.appliesTo covers in app-config.yaml (component, api, system and domain by default): if resource is not among them, add it there to count these entities, or choose another kind.',
      ),
    ).toBeInTheDocument();
  });

  it.each([
    ['', ['', 'template', 'component']],
    // A link's kind the policy does not cover: shown as the filter in force, after them.
    ['?kind=resource', ['', 'template', 'component', 'resource']],
  ])(
    'offers the kinds the ownership policy covers, as the scorecard says (%s)',
    async (search, options) => {
      const api = mockStewardshipApi({
        getOwnershipScorecard: async () => ({
          ...scorecard,
          coveredKinds: ['template', 'component'],
        }),
      });
      await renderWithApi(<StewardshipPage />, api, {
        routeEntries: [`/${search}`],
      });
      await screen.findByText('23 entities in scope');
      const select = screen.getByLabelText('Kind') as HTMLSelectElement;
      await waitFor(() =>
        expect([...select.options].map(o => o.value)).toEqual(options),
      );
    },
  );

  it.each([
    ['', ['']],
    ['?kind=template', ['', 'template']],
  ])(
    'offers no kind but the one filtered by until the first scorecard says which are covered (%s)',
    async (search, whileLoading) => {
      let answer: (value: OwnershipScorecard) => void = () => {};
      const api = mockStewardshipApi({
        getOwnershipScorecard: () =>
          new Promise<OwnershipScorecard>(resolve => {
            answer = resolve;
          }),
      });
      await renderWithApi(<StewardshipPage />, api, {
        routeEntries: [`/${search}`],
      });
      const select = screen.getByLabelText('Kind') as HTMLSelectElement;
      // The scorecard is still on its way (its promise is unanswered).
      expect(
        screen.queryByText('23 entities in scope'),
      ).not.toBeInTheDocument();
      expect([...select.options].map(o => o.value)).toEqual(whileLoading);

      answer({ ...scorecard, coveredKinds: ['template', 'component'] });
      await screen.findByText('23 entities in scope');
      expect([...select.options].map(o => o.value)).toEqual([
        '',
        'template',
        'component',
      ]);
    },
  );

  it.each([
    // A kind appliesTo may cover that the picker does not list, as a group row's "Show only" sets it.
    ['template', 'template'],
    // A hand-written link: the picker's kind, in another case.
    ['Component', 'component'],
    ['Template', 'template'],
  ])(
    'shows ?kind=%s from the URL as the chosen kind, %s',
    async (inUrl, kind) => {
      const asked: Array<string | undefined> = [];
      const api = mockStewardshipApi({
        getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => {
          asked.push(query?.kind);
          return scorecard;
        },
      });

      await renderWithApi(<StewardshipPage />, api, {
        routeEntries: [`/?kind=${inUrl}`],
      });
      await screen.findByText('23 entities in scope');

      expect(asked).toEqual([kind]);
      const select = screen.getByLabelText('Kind') as HTMLSelectElement;
      expect(select).toHaveValue(kind);
      expect(select.selectedOptions[0].textContent).toBe(kind);
      // Each kind once: the picker's own, or it added after them.
      expect([...select.options].map(o => o.value)).toEqual(
        kind === 'template'
          ? ['', 'component', 'api', 'system', 'domain', 'resource', 'template']
          : ['', 'component', 'api', 'system', 'domain', 'resource'],
      );

      // And it can be cleared like any other.
      await userEvent.selectOptions(select, '');
      await waitFor(() => expect(asked.at(-1)).toBeUndefined());
      expect(select).toHaveValue('');
    },
  );

  it('says what a new filter shows once it is shown, and nothing on the first load or a new page', async () => {
    // 7 entities of kind api, 2 of them failing; 1 system, failing; the catalog as the fixture.
    const api = mockStewardshipApi({
      getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => {
        if (query?.kind === 'api' || query?.kind === 'system') {
          const one = query.kind === 'system';
          return {
            ...scorecard,
            summary: { ...scorecard.summary, entities: one ? 1 : 7 },
            failing: {
              ...scorecard.failing,
              totalCount: one ? 1 : 2,
              offset: query?.offset ?? 0,
            },
          };
        }
        return {
          ...scorecard,
          failing: {
            ...scorecard.failing,
            totalCount: 45,
            offset: query?.offset ?? 0,
            limit: query?.limit ?? 20,
          },
        };
      },
    });
    await renderWithApi(<StewardshipPage />, api);
    expect(await screen.findByText('23 entities in scope')).toBeInTheDocument();
    const status = () =>
      screen
        .getAllByRole('status')
        .map(s => s.textContent)
        .filter(Boolean);
    expect(status()).toEqual([]);

    // Another page of the same filters: the list's own paging says where it is.
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(status()).toEqual([]);

    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'api');
    await waitFor(() =>
      expect(status()).toEqual(['Showing 7 entities: 2 failing.']),
    );
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'system');
    await waitFor(() =>
      expect(status()).toEqual(['Showing 1 entity: 1 failing.']),
    );
  });

  it('shows a grouped table when grouping by owner', async () => {
    const api = mockStewardshipApi({
      getOwnershipScorecard: async (query?: OwnershipScorecardQuery) =>
        query?.groupBy === 'owner'
          ? {
              ...scorecard,
              groupBy: 'owner',
              groups: [
                {
                  key: 'group:default/payments',
                  entities: 4,
                  compliant: 3,
                  roles: {
                    business: {
                      ok: 4,
                      missing: 0,
                      unresolved: 0,
                      invalid: 0,
                      orphaned: 0,
                      exempt: 0,
                    },
                    product: {
                      ok: 3,
                      missing: 1,
                      unresolved: 0,
                      invalid: 0,
                      orphaned: 0,
                      exempt: 0,
                    },
                    engineering: {
                      ok: 2,
                      missing: 1,
                      unresolved: 1,
                      invalid: 0,
                      orphaned: 0,
                      exempt: 0,
                    },
                  },
                },
              ],
            }
          : scorecard,
    });

    await renderWithApi(<StewardshipPage />, api);
    await screen.findByText('23 entities in scope');
    expect(screen.queryByText('By owning group')).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Group by'), 'owner');

    expect(await screen.findByText('By owning group')).toBeInTheDocument();
    const row = screen
      .getByRole('button', {
        name: 'Show only group:default/payments',
      })
      .closest('tr')!;
    expect(within(row).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
    expect(
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'payments',
      '4',
      '75% (3/4)',
      '100% (4/4)',
      '75% (3/4)',
      '50% (2/4)',
    ]);

    // Filtering on the group shows it as the catalog writes it, not as a raw ref.
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Show only group:default/payments',
      }),
    );
    expect(await screen.findByText('owner: payments')).toBeInTheDocument();
    // The groups are drawn anew without the button pressed: focus goes to the filter's chip,
    // which says what the page now shows (and removes it), not to the page's top.
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'owner: payments' }),
      ).toHaveFocus(),
    );
    expect(document.activeElement).not.toBe(document.body);
    // And the status line says what the filter shows, once it is shown.
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('status')
          .map(s => s.textContent)
          .filter(Boolean),
      ).toEqual(['Showing 23 entities: 8 failing.']),
    );
    expect(
      screen.getByRole('button', { name: 'owner: payments' }),
    ).toHaveFocus();
  });

  it('moves focus to the Kind picker after "Show only" a kind', async () => {
    const api = mockStewardshipApi({
      getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => ({
        ...scorecard,
        groupBy: 'kind',
        groups: [
          {
            key: query?.kind ?? 'api',
            entities: 4,
            compliant: 3,
            roles: scorecard.summary.roles,
          },
        ],
      }),
    });
    await renderWithApi(<StewardshipPage />, api, {
      routeEntries: ['/?groupBy=kind'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show only api' }),
    );
    const kind = screen.getByLabelText('Kind');
    await waitFor(() => expect(kind).toHaveFocus());
    expect(kind).toHaveValue('api');
  });

  it('keeps focus among the filters when a chip is removed', async () => {
    await renderWithApi(
      <StewardshipPage />,
      mockStewardshipApi({ getOwnershipScorecard: async () => scorecard }),
      {
        routeEntries: [
          '/?owner=group:default/payments&system=system:default/checkout',
        ],
      },
    );
    const owner = await screen.findByRole('button', {
      name: 'owner: payments',
    });
    owner.focus();
    await userEvent.keyboard('{Delete}');
    // The chip after it.
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'system: checkout' }),
      ).toHaveFocus(),
    );
    expect(
      screen.queryByRole('button', { name: 'owner: payments' }),
    ).toBeNull();
    // The last one: the last picker.
    await userEvent.keyboard('{Backspace}');
    await waitFor(() =>
      expect(screen.getByLabelText('Group by')).toHaveFocus(),
    );
    expect(
      screen.queryByRole('button', { name: 'system: checkout' }),
    ).toBeNull();
  });

  it('pages the failing entities on the server, one request per page or page size', async () => {
    const { api, asked } = pagedScorecardApi(45);

    await renderWithApi(<StewardshipPage />, api);
    expect(await screen.findByText('entity-at-0')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(await screen.findByText('entity-at-20')).toBeInTheDocument();
    expect(asked).toEqual(['0+20', '20+20']);

    // A larger page from page 2: back to the first page, in one request.
    await userEvent.click(screen.getByRole('button', { name: /rows/i }));
    await userEvent.click(await screen.findByRole('option', { name: '50' }));
    expect(await screen.findByText('entity-at-0')).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(asked).toEqual(['0+20', '20+20', '0+50']);
  });

  it('keeps the page size in the URL with the page, so a bookmarked page holds the same entities', async () => {
    const { api, asked } = pagedScorecardApi(245);
    const search = () => screen.getByTestId('location-search').textContent;

    // Page 3 at 50 a page starts at entity 100 (at 20 a page it would start at 40).
    await renderWithApi(
      <>
        <StewardshipPage />
        <LocationProbe />
      </>,
      api,
      { routeEntries: ['/?kind=component&page=2&pageSize=50'] },
    );
    expect(await screen.findByText('entity-at-100')).toBeInTheDocument();
    expect(asked).toEqual(['100+50']);

    // The next page keeps the size; a new size goes to its first page, and a filter keeps it.
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('entity-at-150')).toBeInTheDocument();
    expect(search()).toBe('?kind=component&page=3&pageSize=50');
    await userEvent.click(screen.getByRole('button', { name: /rows/i }));
    await userEvent.click(await screen.findByRole('option', { name: '100' }));
    expect(await screen.findByText('entity-at-0')).toBeInTheDocument();
    expect(search()).toBe('?kind=component&pageSize=100');
    // Back to the default size: no parameter for it.
    await userEvent.click(screen.getByRole('button', { name: /rows/i }));
    await userEvent.click(await screen.findByRole('option', { name: '20' }));
    await waitFor(() => expect(search()).toBe('?kind=component'));
    expect(asked).toEqual(['100+50', '150+50', '0+100', '0+20']);
  });

  it('ignores a page size the table does not offer, as other unknown values', async () => {
    const asked: string[] = [];
    const api = mockStewardshipApi({
      getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => {
        asked.push(`${query?.offset}+${query?.limit}`);
        return scorecard;
      },
    });
    await renderWithApi(<StewardshipPage />, api, {
      routeEntries: ['/?page=1&pageSize=7'],
    });
    await waitFor(() => expect(asked).toEqual(['20+20']));
  });

  it('takes a bookmarked page past the end of the list to its last page', async () => {
    const asked: number[] = [];
    // 45 failing entities, 20 a page: the last page starts at 40.
    const api = mockStewardshipApi({
      getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => {
        const offset = query?.offset ?? 0;
        asked.push(offset);
        return {
          ...scorecard,
          failing: {
            items:
              offset < 45
                ? [
                    {
                      ...scorecard.failing.items[0],
                      title: `Failing at ${offset}`,
                    },
                  ]
                : [],
            totalCount: 45,
            offset,
            limit: query?.limit ?? 20,
          },
        };
      },
    });

    await renderWithApi(<StewardshipPage />, api, {
      routeEntries: ['/?page=5'],
    });

    expect(
      await screen.findByText(
        'This page is past the end of the list: its 45 failing entities are on pages 1 to 3.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Every entity in scope has all its required roles/),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Go to page 3' }));
    expect(
      await screen.findByRole('link', { name: 'Failing at 40' }),
    ).toBeInTheDocument();
    expect(asked).toEqual([100, 40]);
  });

  it('lists the failing entities as cards in a 400 px window, paged on the server', async () => {
    const restore = fakeWindowWidth(400);
    try {
      const asked: string[] = [];
      const api = mockStewardshipApi({
        getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => {
          asked.push(`${query?.offset}+${query?.limit}`);
          return {
            ...scorecard,
            failing: {
              ...scorecard.failing,
              items: [
                {
                  ...scorecard.failing.items[0],
                  title: `Legacy Billing at ${query?.offset}`,
                },
              ],
              totalCount: 45,
              offset: query?.offset ?? 0,
              limit: query?.limit ?? 20,
            },
          };
        },
      });

      await renderWithApi(<StewardshipPage />, api);
      const link = await screen.findByRole('link', {
        name: 'Legacy Billing at 0',
      });
      // No table of failing entities: the one table is the trend's, for screen readers.
      expect(screen.getAllByRole('table')).toEqual([
        screen.getByRole('table', { name: /^Trend of the whole catalog/ }),
      ]);
      const card = link.closest('li')!;
      expect(
        within(card).getByText('unresolved').closest('[aria-hidden="true"]'),
      ).toBeNull();
      expect(
        within(card).getByText(
          'Fix: Point stewardship.io/business-owner at an existing user or group.',
        ),
      ).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      expect(
        await screen.findByRole('link', { name: 'Legacy Billing at 20' }),
      ).toBeInTheDocument();
      expect(asked).toEqual(['0+20', '20+20']);
    } finally {
      restore();
    }
  });

  it('downloads the failing entities as CSV', async () => {
    const csv = 'entityRef,role,status\ncomponent:default/a,business,missing\n';
    const { saved, blobs } = captureDownloads();
    const api = mockStewardshipApi({
      getOwnershipScorecard: async () => scorecard,
      getOwnershipScorecardCsv: async filter =>
        filter?.kind === 'component' ? csv : 'wrong filter',
    });

    await renderWithApi(<StewardshipPage />, api, {
      routeEntries: ['/?kind=component'],
    });
    await screen.findByText('23 entities in scope');
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatch(
      /^ownership-failing-entities-\d{4}-\d{2}-\d{2}\.csv <- blob:csv$/,
    );
    expect(await blobs[0].text()).toBe(csv);
    expect(blobs[0].type).toBe('text/csv');
  });
});
