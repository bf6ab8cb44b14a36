import { Entity, RELATION_HAS_PART } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { backendError } from '../../__testUtils__/backendError';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import {
  SLO_AT,
  SOURCE_ERROR_MESSAGE,
  STALE_AGE_SECONDS,
  allSloItems,
  atRiskSlo,
  calendarSlo,
  entitySlos,
  exhaustedLatencySlo,
  healthyCounts,
  healthySlo,
  healthyEvaluation,
  sourceDownSlo,
  timeslicesSlo,
  unknownSourceSlo,
} from '../../__testUtils__/sloFixtures';
import { EntitySlosContent } from './EntitySlosContent';

// The details panel is another component with its own tests; here it only shows what it was given.
jest.mock('../SloDetails', () => ({
  SloDetails: (props: { slo: { name: string }; at?: Date }) => (
    <div data-testid="slo-details">
      details of {props.slo.name} as of{' '}
      {props.at ? props.at.toISOString() : 'now'}
    </div>
  ),
}));

function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location-search">{location.search}</div>;
}

const MINUS = '\u2212';

const healthySource = {
  status: 'ok' as const,
  checkedAt: '2024-09-20T12:00:00.000Z',
};

/** The row of the SLO named `name`. */
function row(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

/** A status word that screen readers read: visible text outside any aria-hidden subtree. */
function expectReadable(element: HTMLElement) {
  expect(element).toBeVisible();
  expect(element.closest('[aria-hidden="true"]')).toBeNull();
}

describe('EntitySlosContent', () => {
  it('shows a progress bar while loading', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: () => new Promise(() => {}),
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });

    expect(
      await screen.findByRole('progressbar', { name: 'Loading the SLOs' }),
    ).toBeInTheDocument();
  });

  it('shows the error the backend returned', async () => {
    const error = await backendError(400, 'at must not be in the future');
    const api = mockStewardshipApi({
      getEntitySlos: () => Promise.reject(error),
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });

    expect(
      await screen.findByText(
        'Error: Could not read the SLOs: at must not be in the future',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/at must not be in the future/).length,
    ).toBeGreaterThan(0);
  });

  it('tells the incident dialog the SLOs are unknown when they could not be read, not that there are none', async () => {
    const error = await backendError(500, 'SQLITE_BUSY: database is locked');
    const api = mockStewardshipApi({
      getEntitySlos: () => Promise.reject(error),
      listEntityIncidents: async () => ({ items: [], totalCount: 0 }),
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });

    const incidents = await screen.findByRole('region', { name: 'Incidents' });
    fireEvent.click(
      await within(incidents).findByRole('button', { name: 'Record incident' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Record incident',
    });
    const affected = within(dialog).getByRole('group', {
      name: 'Affected SLOs',
    });
    expect(affected).toHaveTextContent(/SLOs could not be read/);
    expect(affected).not.toHaveTextContent(/has no SLOs/);
  });

  it('explains how to add an SLO when there is none, with commands for this backend and its metric source', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos([]),
      listMetricSources: async () => [
        { name: 'prod-prometheus', type: 'prometheus', health: healthySource },
        { name: 'datadog-eu', type: 'datadog', health: healthySource },
      ],
    });

    await renderWithApi(<EntitySlosContent />, api, {
      entity: testEntity,
      discoveryApi: mockApis.discovery({
        baseUrl: 'https://backstage.example.com',
      }),
    });

    expect(
      await screen.findByText('No SLOs for this entity yet'),
    ).toBeInTheDocument();
    // Backstage's "no Information" picture, not "data", whose text says "no Build".
    expect(
      screen.getByRole('img', { name: 'no Information' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'no Build' })).toBeNull();
    await screen.findByText(/may name any configured source/);
    const text = document.body.textContent ?? '';
    expect(text).toContain('"entityRef": "component:default/payments-api"');
    // The first configured source, not a name this backend may not have.
    expect(text).toContain('"metricSource": "prod-prometheus"');
    expect(text).toContain(
      `"labels": {}\n}' \\\n  https://backstage.example.com/api/stewardship/slos`,
    );
    expect(text).toContain(
      "'https://backstage.example.com/api/stewardship/slos/import?entityRef=component%3Adefault%2Fpayments-api&metricSource=prod-prometheus&dryRun=true'",
    );
    expect(text).not.toContain('localhost:7007');
    expect(screen.getByText(/may name any configured source/).textContent).toBe(
      'metricSource may name any configured source: prod-prometheus, datadog-eu.',
    );
    expect(
      screen.getByText(
        /README of @stewardship\/backstage-plugin-stewardship-backend, section “SLOs”/,
      ),
    ).toBeInTheDocument();
    // Each copy button says which command it copies (not two buttons both named "Copy text").
    expect(screen.queryByRole('button', { name: 'Copy text' })).toBeNull();
    expect(
      screen.getByRole('button', {
        name: 'Copy the command that creates an SLO',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Copy the command that imports SLOs',
      }),
    ).toBeInTheDocument();
  });

  it('says how to configure a metric source when the backend has none, and names a placeholder', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos([]),
      listMetricSources: async () => [],
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });

    expect(
      await screen.findByText(/No metric source is configured yet/),
    ).toBeInTheDocument();
    const text = document.body.textContent ?? '';
    expect(text).toContain('"metricSource": "<metric-source>"');
    expect(text).toContain('metricSource=%3Cmetric-source%3E&dryRun=true');
    expect(text).toContain('  metricSources:');
  });

  it('keeps the commands, with a placeholder source, when the sources cannot be read', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos([]),
      listMetricSources: () => Promise.reject(new Error('503')),
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });

    await screen.findByText('No SLOs for this entity yet');
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        '"metricSource": "<metric-source>"',
      ),
    );
    const text = document.body.textContent ?? '';
    // The backend the discovery API names.
    expect(text).toContain('http://example.com/api/stewardship/slos');
    expect(text).not.toContain('No metric source is configured');
    expect(text).not.toContain('may name any configured source');
  });

  it('shows every SLO with its status in words and the backend figures', async () => {
    const requests: Array<{ ref: string; at?: Date }> = [];
    const api = mockStewardshipApi({
      getEntitySlos: async (ref, options) => {
        requests.push({ ref: String(ref), at: options?.at });
        return entitySlos(allSloItems);
      },
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    await screen.findByRole('region', { name: healthySlo.name });

    expect(requests).toEqual([
      { ref: 'component:default/payments-api', at: undefined },
    ]);
    for (const item of allSloItems) {
      expect(row(item.slo.name)).toBeInTheDocument();
    }

    // Status words a screen reader reads, one per SLO (plus the stale marker of a stale one).
    const words = (word: string) =>
      screen.getAllByText(word, { selector: 'span' });
    words('healthy').forEach(expectReadable);
    expect(words('healthy')).toHaveLength(4);
    expect(words('at-risk')).toHaveLength(1);
    expect(words('exhausted')).toHaveLength(1);
    expect(words('no-data')).toHaveLength(2);
    expect(words('stale')).toHaveLength(2);
    [
      ...words('at-risk'),
      ...words('exhausted'),
      ...words('no-data'),
      ...words('stale'),
    ].forEach(expectReadable);

    // Healthy: the issue's own example, 9,989 of 17,278 allowed bad requests.
    const healthy = within(row(healthySlo.name));
    expect(healthy.getByText('healthy')).toBeInTheDocument();
    const sliPercent = (
      (healthyCounts.good / healthyCounts.total) *
      100
    ).toFixed(3);
    expect(
      healthy.getByText(`${sliPercent} % (objective 99.9 %)`),
    ).toBeInTheDocument();
    const left = ((1 - 9989 / 17278) * 100).toFixed(1);
    expect(
      healthy.getByText(
        `${left} % left · 9,989 of 17,278 allowed bad requests used`,
      ),
    ).toBeInTheDocument();
    // Every window burns 0.05 % against a 0.1 % budget, a burn rate of 0.5: below 1, the oldest
    // events of the rolling window leave as bad as the new ones come, so it never runs out.
    expect(
      healthy.getByText('does not run out at the current burn'),
    ).toBeInTheDocument();
    expect(
      healthy.getByText('none fires (3 policies quiet)'),
    ).toBeInTheDocument();
    expect(healthy.getByText(healthyEvaluation.reason!)).toBeInTheDocument();

    // At risk: the two page policies fire (burn 20 > 14.4 and > 6), the ticket does not.
    const atRisk = within(row(atRiskSlo.name));
    const firing = atRisk.getByRole('list', {
      name: 'Firing alert policies',
    });
    expect(
      within(firing)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'page-1h (page) fires: burn rate over 1h 20× and over 5m 20×, threshold 14.4×',
      'page-6h (page) fires: burn rate over 6h 20× and over 30m 20×, threshold 6×',
    ]);
    expect(
      atRisk.getByText(
        'Burning the error budget too fast: page-1h, page-6h fire.',
      ),
    ).toBeInTheDocument();

    // Exhausted latency SLO: 15,000 slow of 1 % × 1,000,000 allowed, overspent by half.
    const exhausted = within(row(exhaustedLatencySlo.name));
    expect(
      exhausted.getByText(
        `${MINUS}50 % left (overspent) · 15,000 of 10,000 allowed requests slower than 300 ms used`,
      ),
    ).toBeInTheDocument();
    expect(exhausted.getByText('already spent')).toBeInTheDocument();
    expect(exhausted.getByText('98.5 % (objective 99 %)')).toBeInTheDocument();

    // Timeslices: slices, not requests; 1 % of 2016 slices allowed; no burn now.
    const slices = within(row(timeslicesSlo.name));
    expect(
      slices.getByText(
        `${((1 - 6 / (0.01 * 2016)) * 100).toFixed(
          1,
        )} % left · 6 of 20.2 allowed bad slices used`,
      ),
    ).toBeInTheDocument();
    expect(
      slices.getByText('does not run out at the current burn'),
    ).toBeInTheDocument();

    // Calendar quarter: the window in its time zone and how much of it has passed.
    const calendar = within(row(calendarSlo.name));
    expect(
      calendar.getByText(
        // Q3 in Berlin is 1 July 00:00 CEST (30 June 22:00 UTC) to 1 October 00:00 CEST: 92 days;
        // by 20 September 12:00 UTC 81 days 14 hours have passed: 81.583 / 92 = 88.7 %.
        'calendar quarter (Europe/Berlin): 2024-06-30 22:00 UTC – 2024-09-20 12:00 UTC, 88.7 % elapsed',
      ),
    ).toBeInTheDocument();

    // Source down: the reason and since when.
    const down = within(row(sourceDownSlo.name));
    expect(
      down.getByText(`The metric source failed: ${SOURCE_ERROR_MESSAGE}`),
    ).toBeInTheDocument();
    expect(
      down.getByText(
        /Metric source “prometheus” failed at the latest evaluation \(2024-09-20 12:00 UTC\)/,
      ),
    ).toBeInTheDocument();
    expect(down.queryByText(/allowed bad requests/)).toBeNull();

    // Unknown source: the configuration to add.
    const unknown = within(row(unknownSourceSlo.name));
    expect(
      unknown.getByText(
        /reads from the metric source “thanos-eu”, which is not configured/,
      ),
    ).toBeInTheDocument();
    expect(row(unknownSourceSlo.name).textContent).toMatch(
      /stewardship:\s+metricSources:\s+thanos-eu:\s+type: prometheus/,
    );

    // Stale: how old the last evaluation is, relative to the moment shown.
    expect(STALE_AGE_SECONDS).toBe(3 * 3600);
    expect(
      within(row('webhooks-availability')).getByText(
        'stale: last evaluated 3 hours ago',
      ),
    ).toBeInTheDocument();
    expect(
      within(row('new-slo')).getByText(
        'stale: never evaluated as of 2024-09-20 12:00 UTC',
      ),
    ).toBeInTheDocument();
  }, 20_000);

  it('puts a heading above the SLOs’ names, one level above theirs', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos(allSloItems.slice(0, 2)),
    });
    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    const own = await screen.findByRole('region', { name: 'Own SLOs' });
    expect(
      within(own)
        .getAllByRole('heading')
        .map(h => [h.tagName, h.textContent]),
    ).toEqual([
      ['H2', 'SLOs'],
      ['H3', healthySlo.name],
      ['H3', atRiskSlo.name],
    ]);
    // On a component's own tab its SLOs' names are enough.
    expect(
      within(row(healthySlo.name)).getByRole('button', {
        name: `Edit ${healthySlo.name}`,
      }),
    ).toBeInTheDocument();
  });

  it('opens the details of one SLO with the moment shown', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos(allSloItems),
    });

    await renderWithApi(<EntitySlosContent />, api, {
      entity: testEntity,
      routeEntries: [`/?at=${SLO_AT.toISOString()}`],
    });
    await screen.findByRole('region', { name: healthySlo.name });
    expect(screen.queryByTestId('slo-details')).toBeNull();

    const button = within(row(healthySlo.name)).getByRole('button', {
      name: `Show details of ${healthySlo.name}`,
    });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(button);

    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('slo-details')).toHaveTextContent(
      `details of ${healthySlo.name} as of ${SLO_AT.toISOString()}`,
    );
    fireEvent.click(
      screen.getByRole('button', {
        name: `Hide details of ${healthySlo.name}`,
      }),
    );
    expect(screen.queryByTestId('slo-details')).toBeNull();
  });

  describe('as of', () => {
    it('reads ?at= from the URL, and the picker and Now change it and the request', async () => {
      const requested: Array<string | undefined> = [];
      const api = mockStewardshipApi({
        getEntitySlos: async (_ref, options) => {
          requested.push(options?.at?.toISOString());
          return entitySlos(allSloItems);
        },
      });
      const start = '2024-09-20T12:00:00.000Z';

      await renderWithApi(
        <>
          <EntitySlosContent />
          <LocationProbe />
        </>,
        api,
        { entity: testEntity, routeEntries: [`/?tab=x&at=${start}`] },
      );
      await screen.findByRole('region', { name: healthySlo.name });
      expect(requested).toEqual([start]);
      expect(
        screen.getByText('Showing the state as of 2024-09-20 12:00 UTC'),
      ).toBeInTheDocument();

      // The input is in the browser's time zone; the URL carries the same instant in UTC.
      const input = screen.getByLabelText('As of (your local time)');
      fireEvent.change(input, { target: { value: '2024-09-30T23:59' } });
      const endOfQ3 = new Date('2024-09-30T23:59').toISOString();

      await waitFor(() => expect(requested).toEqual([start, endOfQ3]));
      const search = new URLSearchParams(
        screen.getByTestId('location-search').textContent!,
      );
      expect(search.get('at')).toBe(endOfQ3);
      expect(search.get('tab')).toBe('x');

      fireEvent.click(screen.getByRole('button', { name: 'Now' }));

      await waitFor(() =>
        expect(requested).toEqual([start, endOfQ3, undefined]),
      );
      expect(screen.getByTestId('location-search').textContent).toBe('?tab=x');
      expect(input).toHaveValue('');
      expect(screen.getByText('Showing the current state')).toBeInTheDocument();
    }, 20_000);

    it('says which moment it shows once the list of a new moment is in, and nothing on the first load', async () => {
      // Each read waits until the test answers it.
      const reads: Array<() => void> = [];
      const api = mockStewardshipApi({
        getEntitySlos: () =>
          new Promise(resolve =>
            reads.push(() => resolve(entitySlos(allSloItems))),
          ),
      });
      const start = '2024-09-20T12:00:00.000Z';
      await renderWithApi(<EntitySlosContent />, api, {
        entity: testEntity,
        routeEntries: [`/?at=${start}`],
      });
      // The tab's status line, right under its header (which holds the As of field).
      const status = () =>
        screen
          .getByLabelText('As of (your local time)')
          .closest('div[tabindex="-1"]')!.nextElementSibling as HTMLElement;
      await waitFor(() => expect(reads).toHaveLength(1));
      await act(async () => reads[0]());
      await screen.findByRole('region', { name: healthySlo.name });
      // Every effect of that read run: nothing to say about the moment the page opened at.
      await act(async () => {});
      expect(status()).toHaveAttribute('role', 'status');
      expect(status()).toHaveTextContent(/^$/);

      fireEvent.click(screen.getByRole('button', { name: 'Now' }));
      await waitFor(() => expect(reads).toHaveLength(2));
      // Not while the list of the new moment loads.
      expect(
        screen.queryByRole('region', { name: healthySlo.name }),
      ).toBeNull();
      expect(status()).toHaveTextContent(/^$/);
      await act(async () => reads[1]());
      await waitFor(() =>
        expect(status()).toHaveTextContent(
          /^Showing the SLOs as they are now\.$/,
        ),
      );

      const input = screen.getByLabelText('As of (your local time)');
      fireEvent.change(input, { target: { value: '2024-09-30T23:59' } });
      fireEvent.blur(input);
      await waitFor(() => expect(reads).toHaveLength(3));
      expect(status()).toHaveTextContent(/^$/);
      await act(async () => reads[2]());
      // The moment as the As of field says it, in UTC (the tests' time zone is St. John's).
      await waitFor(() =>
        expect(status()).toHaveTextContent(
          /^Showing the SLOs as of 2024-10-01 02:29 UTC\.$/,
        ),
      );
    }, 20_000);

    it('refuses a future moment without touching the URL or asking the backend', async () => {
      const requested: Array<string | undefined> = [];
      const api = mockStewardshipApi({
        getEntitySlos: async (_ref, options) => {
          requested.push(options?.at?.toISOString());
          return entitySlos(allSloItems);
        },
      });

      await renderWithApi(
        <>
          <EntitySlosContent />
          <LocationProbe />
        </>,
        api,
        { entity: testEntity },
      );
      await screen.findByRole('region', { name: healthySlo.name });

      fireEvent.change(screen.getByLabelText('As of (your local time)'), {
        target: { value: '2999-01-01T00:00' },
      });

      expect(
        screen.getByText(/That moment is in the future/),
      ).toBeInTheDocument();
      expect(screen.getByLabelText('As of (your local time)')).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      expect(screen.getByTestId('location-search').textContent).toBe('');
      expect(requested).toEqual([undefined]);
    });

    it('ignores a shared link whose at is in the future, says so, and Now clears it', async () => {
      const requested: Array<string | undefined> = [];
      const api = mockStewardshipApi({
        getEntitySlos: async (_ref, options) => {
          requested.push(options?.at?.toISOString());
          return entitySlos([]);
        },
      });

      await renderWithApi(
        <>
          <EntitySlosContent />
          <LocationProbe />
        </>,
        api,
        {
          entity: testEntity,
          routeEntries: ['/?at=2999-01-01T00:00:00Z'],
        },
      );

      expect(
        await screen.findByText(
          'The link asks for the state as of 2999-01-01T00:00:00Z, which is in the future; showing now instead.',
        ),
      ).toBeInTheDocument();
      expect(requested).toEqual([undefined]);

      // Now clears the refused moment from the URL.
      fireEvent.click(screen.getByRole('button', { name: 'Now' }));
      await waitFor(() =>
        expect(screen.getByTestId('location-search').textContent).toBe(''),
      );
      expect(
        screen.queryByText(/The link asks for the state/),
      ).not.toBeInTheDocument();
    });
  });

  it('ignores a shared link whose at is not a date, and says so', async () => {
    const requested: Array<string | undefined> = [];
    const api = mockStewardshipApi({
      getEntitySlos: async (_ref, options) => {
        requested.push(options?.at?.toISOString());
        return entitySlos([]);
      },
    });

    await renderWithApi(<EntitySlosContent />, api, {
      entity: testEntity,
      routeEntries: ['/?at=end-of-q3'],
    });

    expect(
      await screen.findByText(
        'The link asks for the state as of “end-of-q3”, which is not a date and time; showing now instead.',
      ),
    ).toBeInTheDocument();
    expect(requested).toEqual([undefined]);
  });

  describe('on a system', () => {
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'group:default/payments' },
      relations: [
        { type: RELATION_HAS_PART, targetRef: 'component:default/ledger' },
        { type: RELATION_HAS_PART, targetRef: 'component:default/checkout' },
        { type: RELATION_HAS_PART, targetRef: 'component:default/broken' },
        { type: RELATION_HAS_PART, targetRef: 'component:default/quiet' },
        { type: RELATION_HAS_PART, targetRef: 'api:default/payments-api' },
        { type: 'ownedBy', targetRef: 'group:default/payments' },
      ],
    };

    /** What the backend has for each component: a list, or null (not in the catalog). */
    const componentList = (ref: string) => {
      switch (ref) {
        case 'component:default/ledger':
          return entitySlos(allSloItems.slice(0, 2), ref);
        case 'component:default/checkout':
          return entitySlos(allSloItems.slice(2, 3), ref);
        case 'component:default/quiet':
          return entitySlos([], ref);
        default:
          return null;
      }
    };

    /** The part of the tab under "SLOs of its components". */
    const componentsPart = () =>
      screen.getByRole('heading', { name: 'SLOs of its components' })
        .parentElement!;

    it('groups the SLOs of its components by component, read in one request', async () => {
      const requested: Array<{ ref: string; at?: string }> = [];
      const batches: Array<{ refs: string[]; at?: string }> = [];
      const api = mockStewardshipApi({
        getEntitySlos: async (ref, options) => {
          requested.push({ ref: String(ref), at: options?.at?.toISOString() });
          return entitySlos([], String(ref));
        },
        getSlosByEntities: async (refs, options) => {
          batches.push({
            refs: refs.map(String),
            at: options?.at?.toISOString(),
          });
          return {
            at: SLO_AT.toISOString(),
            items: refs.map(ref => componentList(String(ref))),
          };
        },
      });

      await renderWithApi(<EntitySlosContent />, api, {
        entity: system,
        routeEntries: [`/?at=${SLO_AT.toISOString()}`],
      });

      const ledger = await screen.findByRole('region', {
        name: 'SLOs of ledger',
      });
      const at = SLO_AT.toISOString();
      expect(requested).toEqual([{ ref: 'system:default/payments', at }]);
      // Its components only (not the API), in one request.
      expect(batches).toEqual([
        {
          refs: [
            'component:default/broken',
            'component:default/checkout',
            'component:default/ledger',
            'component:default/quiet',
          ],
          at,
        },
      ]);

      // The SLOs' names one level below their component's name.
      expect(
        within(ledger)
          .getAllByRole('heading')
          .map(h => [h.tagName, h.textContent]),
      ).toEqual([
        ['H3', 'ledger'],
        ['H4', healthySlo.name],
        ['H4', atRiskSlo.name],
      ]);
      expect(
        within(ledger).getByRole('link', { name: 'ledger' }),
      ).toHaveAttribute('href', '/catalog/default/component/ledger');
      const checkout = screen.getByRole('region', {
        name: 'SLOs of checkout',
      });
      expect(
        within(checkout).getByRole('region', {
          name: `${exhaustedLatencySlo.name} of checkout`,
        }),
      ).toBeInTheDocument();
      expect(within(checkout).getByText('exhausted')).toBeInTheDocument();

      // A component the backend cannot show says why, as an answer (nothing to try again); the
      // others still show.
      const broken = screen.getByRole('region', {
        name: 'SLOs of broken',
      });
      expect(
        within(broken).getByText(
          'component:default/broken is not in the catalog, or you may not see it.',
        ),
      ).toBeInTheDocument();
      expect(broken).toHaveTextContent(
        /^brokencomponent:default\/broken is not in the catalog, or you may not see it\.$/,
      );
      expect(within(broken).queryAllByRole('button')).toEqual([]);
      expect(
        screen.getByText('1 component of this system has no SLO.'),
      ).toBeInTheDocument();
      expect(screen.queryByText('SLOs of this system')).toBeNull();
    });

    it('shows the components of a failed request in one panel, whose Try again reads them again together', async () => {
      const batches: string[][] = [];
      let fail = true;
      const api = mockStewardshipApi({
        getEntitySlos: async ref => entitySlos([], String(ref)),
        getSlosByEntities: async refs => {
          batches.push(refs.map(String));
          if (fail) throw new Error('backend unavailable');
          return {
            at: SLO_AT.toISOString(),
            items: refs.map(ref => componentList(String(ref))),
          };
        },
      });
      const all = [
        'component:default/broken',
        'component:default/checkout',
        'component:default/ledger',
        'component:default/quiet',
      ];

      await renderWithApi(<EntitySlosContent />, api, { entity: system });

      const failed = await screen.findByRole('region', {
        name: 'SLOs of 4 components: broken, checkout and 2 more',
      });
      expect(
        within(failed).getByText(
          'Error: Could not read the SLOs of 4 components: backend unavailable',
        ),
      ).toBeInTheDocument();
      expect(
        within(failed)
          .getAllByRole('link')
          .map(link => link.textContent),
      ).toEqual(['broken', 'checkout', 'ledger', 'quiet']);
      // One panel, one Try again: no section of its own for any of them.
      expect(
        within(componentsPart()).getAllByRole('button', { name: 'Try again' }),
      ).toHaveLength(1);
      expect(
        screen.queryAllByRole('region', {
          name: /^SLOs of (broken|checkout|ledger|quiet)$/,
        }),
      ).toEqual([]);

      fail = false;
      fireEvent.click(
        within(failed).getByRole('button', { name: 'Try again' }),
      );
      const checkout = await screen.findByRole('region', {
        name: 'SLOs of checkout',
      });
      expect(
        within(checkout).getByRole('region', {
          name: `${exhaustedLatencySlo.name} of checkout`,
        }),
      ).toBeInTheDocument();
      expect(batches).toEqual([all, all]);
      expect(
        screen.queryByRole('region', { name: /^SLOs of 4 components/ }),
      ).toBeNull();
      expect(
        within(componentsPart()).queryByRole('button', { name: 'Try again' }),
      ).toBeNull();
    });

    it('reads an older backend one component at a time; a component that fails alone keeps its own panel', async () => {
      const batches: string[][] = [];
      const singles: string[] = [];
      let checkoutFails = true;
      const api = mockStewardshipApi({
        // An older backend has no POST /slos/by-entities.
        getSlosByEntities: async refs => {
          batches.push(refs.map(String));
          throw await ResponseError.fromResponse(
            new Response('', { status: 404, statusText: 'Not Found' }),
          );
        },
        getEntitySlos: async ref => {
          singles.push(String(ref));
          if (ref === 'system:default/payments') {
            return entitySlos([], String(ref));
          }
          if (ref === 'component:default/checkout' && checkoutFails) {
            throw new Error('connection reset');
          }
          const list = componentList(String(ref));
          if (list) return list;
          throw await backendError(404, `No entity ${ref} in the catalog`);
        },
      });

      await renderWithApi(<EntitySlosContent />, api, { entity: system });

      const ledger = await screen.findByRole('region', {
        name: 'SLOs of ledger',
      });
      expect(
        within(ledger).getByRole('region', {
          name: `${healthySlo.name} of ledger`,
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('region', {
          name: 'SLOs of broken',
        }),
      ).toHaveTextContent(
        'component:default/broken is not in the catalog, or you may not see it.',
      );
      const checkout = screen.getByRole('region', {
        name: 'SLOs of checkout',
      });
      expect(
        within(checkout).getByText(
          'Error: Could not read the SLOs of component:default/checkout: connection reset',
        ),
      ).toBeInTheDocument();
      expect(
        within(componentsPart()).getAllByRole('button', { name: 'Try again' }),
      ).toHaveLength(1);
      expect([...singles].sort()).toEqual([
        'component:default/broken',
        'component:default/checkout',
        'component:default/ledger',
        'component:default/quiet',
        'system:default/payments',
      ]);

      checkoutFails = false;
      fireEvent.click(
        within(checkout).getByRole('button', { name: 'Try again' }),
      );
      expect(
        await within(checkout).findByRole('region', {
          name: `${exhaustedLatencySlo.name} of checkout`,
        }),
      ).toBeInTheDocument();
      expect(batches.slice(1)).toEqual([['component:default/checkout']]);
      expect(singles.slice(5)).toEqual(['component:default/checkout']);
    });

    it('says which component it may not see rather than the empty state', async () => {
      const api = mockStewardshipApi({
        getEntitySlos: async ref => entitySlos([], String(ref)),
        getSlosByEntities: async refs => ({
          at: SLO_AT.toISOString(),
          items: refs.map(ref =>
            ref === 'component:default/broken'
              ? null
              : entitySlos([], String(ref)),
          ),
        }),
      });

      await renderWithApi(<EntitySlosContent />, api, { entity: system });

      expect(
        await screen.findByText(
          'component:default/broken is not in the catalog, or you may not see it.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText('3 components of this system have no SLO.'),
      ).toBeInTheDocument();
      expect(screen.queryByText('No SLOs for this entity yet')).toBeNull();
    });

    it('shows the empty state only when neither the system nor its components have an SLO', async () => {
      const api = mockStewardshipApi({
        getEntitySlos: async ref => entitySlos([], String(ref)),
        getSlosByEntities: async refs => ({
          at: SLO_AT.toISOString(),
          items: refs.map(ref => entitySlos([], String(ref))),
        }),
      });

      await renderWithApi(<EntitySlosContent />, api, { entity: system });

      expect(
        await screen.findByText('No SLOs for this entity yet'),
      ).toBeInTheDocument();
    });
  });
});
