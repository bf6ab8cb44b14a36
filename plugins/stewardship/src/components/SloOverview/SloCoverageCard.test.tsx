import { screen, within } from '@testing-library/react';
import {
  SloOverview,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SloCoverageCard } from './SloCoverageCard';

jest.setTimeout(30_000);

const AT = '2026-11-30T12:00:00.000Z';

function slo(i: number, fields: Partial<SloOverviewItem>): SloOverviewItem {
  return {
    sloId: `s${i}`,
    name: `slo-${i}`,
    entityRef: `component:default/c${i}`,
    stale: false,
    brokenSli: false,
    objective: 0.999,
    metricSource: 'prometheus',
    ...fields,
  };
}

/** `n` with a comma every three digits, written out here: 1234 → `1,234`. */
function grouped(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

describe('SloCoverageCard with many entities and SLOs', () => {
  const BROKEN = 37;
  const STALE = 1500;
  const WITHOUT = 3000;
  const items: SloOverviewItem[] = [
    ...Array.from({ length: BROKEN }, (_, i) =>
      slo(i, {
        status: 'no-data',
        brokenSli: true,
        noDataReason: 'no-series',
        evaluatedAt: AT,
      }),
    ),
    ...Array.from({ length: STALE }, (_, i) =>
      slo(BROKEN + i, { stale: true }),
    ),
  ];
  const overview: SloOverview = {
    at: AT,
    stalenessSeconds: 600,
    catalogReadAt: AT,
    catalogAgeSeconds: 0,
    items,
    coverage: {
      entitiesInScope: items.length + WITHOUT,
      entitiesWithSlo: items.length,
      entitiesWithoutSlo: Array.from({ length: WITHOUT }, (_, i) => ({
        entityRef: `component:default/bare-${i}`,
        title: `Bare ${i}`,
      })),
      brokenSlis: BROKEN,
      staleEvaluations: STALE,
      slos: items.length,
    },
    facets: { owners: [], systems: [] },
  };

  it('names the first 20 of each list, counts the rest and says where they are', async () => {
    await renderWithApi(
      <SloCoverageCard overview={overview} all={items} />,
      mockStewardshipApi(),
      { routeEntries: ['/stewardship?view=slos&sloOwner=team-a'] },
    );
    const listed = (name: string) =>
      within(screen.getByRole('list', { name })).getAllByRole('listitem');

    const without = listed('Entities without an SLO');
    expect(without).toHaveLength(20);
    // Each list shows every item it names, none hidden in a scroll box of its own.
    for (const name of [
      'Entities without an SLO',
      'SLOs whose SLI is broken',
      'SLOs whose evaluation is stale',
    ]) {
      const style = getComputedStyle(screen.getByRole('list', { name }));
      expect(style.maxHeight).toBe('');
      expect(['', 'visible']).toContain(style.overflowY);
    }
    expect(without[0]).toHaveTextContent('Bare 0');
    expect(without[19]).toHaveTextContent('Bare 19');
    expect(
      screen.getByText(`…and ${grouped(WITHOUT - 20)} more.`, {
        exact: false,
      }),
    ).toHaveTextContent('GET /slos/overview');

    expect(listed('SLOs whose SLI is broken')).toHaveLength(20);
    const noData = screen.getByRole('link', {
      name: 'List the no-data SLOs in the table',
    });
    expect(noData.closest('p')).toHaveTextContent(`…and ${BROKEN - 20} more.`);
    const noDataUrl = new URL(noData.getAttribute('href')!, 'http://x');
    expect(noDataUrl.searchParams.get('sloStatus')).toBe('no-data');
    expect(noDataUrl.searchParams.get('sloOwner')).toBe('team-a');
    expect(noDataUrl.searchParams.get('view')).toBe('slos');

    expect(listed('SLOs whose evaluation is stale')).toHaveLength(20);
    const stale = screen.getByRole('link', {
      name: 'List every stale SLO in the table',
    });
    expect(stale.closest('p')).toHaveTextContent(
      `…and ${grouped(STALE - 20)} more.`,
    );
    expect(
      new URL(stale.getAttribute('href')!, 'http://x').searchParams.get(
        'sloStatus',
      ),
    ).toBe('stale');

    // Counts read with thousands separators.
    expect(
      screen.getByText(`${grouped(WITHOUT)} without any SLO`),
    ).toBeInTheDocument();
    expect(screen.getByText(grouped(STALE))).toBeInTheDocument();
    expect(
      screen.getByText(
        `${grouped(
          items.length + WITHOUT,
        )} components, APIs and systems in scope, ${grouped(
          items.length,
        )} SLOs`,
      ),
    ).toBeInTheDocument();
  });

  it('says nothing more when every item is listed', async () => {
    const few = items.slice(0, 20);
    await renderWithApi(
      <SloCoverageCard
        overview={{
          ...overview,
          items: few,
          coverage: {
            ...overview.coverage,
            entitiesWithoutSlo: overview.coverage.entitiesWithoutSlo.slice(
              0,
              20,
            ),
          },
        }}
        all={few}
      />,
      mockStewardshipApi(),
    );
    expect(
      within(
        screen.getByRole('list', { name: 'Entities without an SLO' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(20);
    expect(screen.queryByText(/more\./)).not.toBeInTheDocument();
  });
});

describe('SloCoverageCard during a metric source outage', () => {
  const down = (i: number, source: string, what: string) =>
    slo(i, {
      status: 'no-data',
      brokenSli: true,
      noDataReason: 'source-error',
      reason: `Metric source "${source}" failed: ${what}`,
      evaluatedAt: AT,
      metricSource: source,
    });
  const items: SloOverviewItem[] = [
    ...Array.from({ length: 8 }, (_, i) =>
      down(i, 'demo-prometheus', 'connect ECONNREFUSED 127.0.0.1:19090'),
    ),
    slo(8, {
      status: 'no-data',
      brokenSli: true,
      noDataReason: 'source-error',
      reason: 'Metric source "datadog" did not answer within 30000 ms',
      evaluatedAt: AT,
      metricSource: 'datadog',
    }),
    slo(9, {
      status: 'no-data',
      brokenSli: true,
      noDataReason: 'no-series',
      reason: 'payments_total matched no series',
      evaluatedAt: AT,
    }),
    // The same source refusing one SLO's query: that SLO's own answer, said with it.
    down(11, 'demo-prometheus', 'bad_data: parse error at char 5'),
    // The engine's sentence names no source: said with its SLO.
    slo(10, {
      status: 'no-data',
      brokenSli: true,
      noDataReason: 'source-error',
      reason:
        'the metric source returned impossible counts for the SLO window: good > total',
      evaluatedAt: AT,
    }),
  ];
  const overview: SloOverview = {
    at: AT,
    stalenessSeconds: 600,
    catalogReadAt: AT,
    catalogAgeSeconds: 0,
    items,
    coverage: {
      entitiesInScope: items.length,
      entitiesWithSlo: items.length,
      entitiesWithoutSlo: [],
      brokenSlis: items.length,
      staleEvaluations: 0,
      slos: items.length,
    },
    facets: { owners: [], systems: [] },
  };

  it('says each failing source once with its SLO count, and the other reasons per SLO', async () => {
    await renderWithApi(
      <SloCoverageCard overview={overview} all={items} />,
      mockStewardshipApi(),
    );
    const sources = within(
      screen.getByRole('list', { name: 'Metric sources that failed' }),
    ).getAllByRole('listitem');
    // One line for the eight SLOs the source failed the same way; a source that failed one SLO
    // (or each in its own way, as a query it refused) is said with that SLO.
    expect(sources.map(li => li.textContent)).toEqual([
      'Metric source “demo-prometheus” failed (8 SLOs): connect ECONNREFUSED 127.0.0.1:19090',
    ]);
    expect(screen.queryAllByText(/ECONNREFUSED/)).toHaveLength(1);

    const perSlo = within(
      screen.getByRole('list', { name: 'SLOs whose SLI is broken' }),
    ).getAllByRole('listitem');
    expect(perSlo.map(li => li.textContent)).toEqual([
      'c8 slo-8: Metric source "datadog" did not answer within 30000 ms',
      'c9 slo-9: A query matched no series: the SLI is broken (wrong selector, or the metric is gone): payments_total matched no series',
      'c11 slo-11: Metric source "demo-prometheus" failed: bad_data: parse error at char 5',
      'c10 slo-10: The metric source returned impossible counts for the SLO window: good > total',
    ]);
    // The figure still counts every broken SLI; the grouped ones are in the table.
    const section = screen.getByRole('region', { name: 'Broken SLIs' });
    expect(within(section).getByText('12')).toBeInTheDocument();
    expect(
      within(section).getByRole('link', {
        name: 'List the no-data SLOs in the table',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/more\./)).not.toBeInTheDocument();
  });
});

describe('SloCoverageCard: why an evaluation is stale', () => {
  // Three stale SLOs, one per reason, as GET /slos/overview says them (`staleReason`); a backend
  // older than the field sends none.
  const items: SloOverviewItem[] = [
    slo(1, { stale: true, staleReason: 'never-evaluated' }),
    // Evaluated a minute before AT, of the version before an edit.
    slo(2, {
      stale: true,
      staleReason: 'earlier-version',
      status: 'healthy',
      evaluatedAt: '2026-11-30T11:59:00.000Z',
    }),
    slo(3, {
      stale: true,
      staleReason: 'too-old',
      status: 'healthy',
      evaluatedAt: '2026-11-30T09:00:00.000Z',
    }),
    slo(4, {
      stale: true,
      status: 'healthy',
      evaluatedAt: '2026-11-30T11:59:00.000Z',
    }),
  ];
  const overview: SloOverview = {
    at: AT,
    stalenessSeconds: 600,
    catalogReadAt: AT,
    catalogAgeSeconds: 0,
    items,
    coverage: {
      entitiesInScope: items.length,
      entitiesWithSlo: items.length,
      entitiesWithoutSlo: [],
      brokenSlis: 0,
      staleEvaluations: items.length,
      slos: items.length,
    },
    facets: { owners: [], systems: [] },
  };

  it('names the three reasons, and says an SLO changed since its evaluation was', async () => {
    await renderWithApi(
      <SloCoverageCard overview={overview} all={items} />,
      mockStewardshipApi(),
    );
    const section = screen.getByRole('region', { name: 'Stale evaluations' });
    expect(
      within(section).getByText(
        'never evaluated, last evaluated more than 10 minutes before now, or evaluated before the SLO was last changed',
      ),
    ).toBeInTheDocument();
    const listed = within(
      screen.getByRole('list', { name: 'SLOs whose evaluation is stale' }),
    ).getAllByRole('listitem');
    expect(listed.map(li => li.textContent)).toEqual([
      'c1 slo-1: never evaluated',
      'c2 slo-2: evaluated as of 2026-11-30 11:59 UTC before its last change',
      'c3 slo-3: last evaluated as of 2026-11-30 09:00 UTC',
      // Without the reason, as before it was given.
      'c4 slo-4: last evaluated as of 2026-11-30 11:59 UTC',
    ]);
  });

  it('says the change counts up to the moment shown', async () => {
    await renderWithApi(
      <SloCoverageCard
        overview={overview}
        all={items}
        asOf={new Date('2026-11-01T00:00:00.000Z')}
      />,
      mockStewardshipApi(),
    );
    expect(
      screen.getByText(
        'never evaluated, last evaluated more than 10 minutes before 2026-11-01 00:00 UTC, or evaluated before the SLO was last changed (up to then)',
      ),
    ).toBeInTheDocument();
  });
});
