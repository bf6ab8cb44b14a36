import { Entity, RELATION_HAS_PART } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { SLOS_BY_ENTITIES_MAX_REFS } from '@stewardship/backstage-plugin-stewardship-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import {
  BAD_GATEWAY_SAID,
  backendError,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { EntitySlo, EntitySlos } from '../../api';
import {
  allSloItems,
  atRiskSlo,
  atRiskEvaluation,
  entitySlos,
  exhaustedLatencySlo,
  healthySlo,
  healthyEvaluation,
  neverEvaluatedSlo,
  SLO_AT,
  SLO_STALENESS_SECONDS,
  STALE_AGE_SECONDS,
  staleEvaluation,
  staleSlo,
  timeslicesEvaluation,
  timeslicesSlo,
} from '../../__testUtils__/sloFixtures';
import { EntitySloCard, worstSlo } from './EntitySloCard';
import { fakeOnlyTheClock } from '../../__testUtils__/fakeClock';
import { RUNNING_CLOCK_TICK_MS } from '../useRunningClock';

const MINUS = '\u2212';

describe('EntitySloCard', () => {
  it('shows a progress bar while loading', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: () => new Promise(() => {}),
    });

    await renderWithApi(<EntitySloCard />, api, { entity: testEntity });

    expect(
      await screen.findByRole('progressbar', { name: 'Loading the SLOs' }),
    ).toBeInTheDocument();
  });

  it('shows the server error', async () => {
    const error = await backendError(404, 'No such entity');
    const api = mockStewardshipApi({
      getEntitySlos: () => Promise.reject(error),
    });

    await renderWithApi(<EntitySloCard />, api, { entity: testEntity });

    expect(
      await screen.findByText('Error: Could not read the SLOs: No such entity'),
    ).toBeInTheDocument();
  });

  it('says there is no SLO yet and links to the tab', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos([]),
    });

    await renderWithApi(<EntitySloCard />, api, { entity: testEntity });

    expect(
      await screen.findByText('No SLO yet. The SLOs tab shows how to add one.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View all SLOs/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/slos',
    );
  });

  it('counts the SLOs per status, worst first, and names the worst with its budget', async () => {
    const requested: Array<{ ref: string; at?: Date }> = [];
    const api = mockStewardshipApi({
      getEntitySlos: async (ref, options) => {
        requested.push({ ref: String(ref), at: options?.at });
        return entitySlos(allSloItems);
      },
    });

    await renderWithApi(<EntitySloCard />, api, { entity: testEntity });

    expect(
      await screen.findByText(`${allSloItems.length} SLOs`),
    ).toBeInTheDocument();
    expect(requested).toEqual([
      { ref: 'component:default/payments-api', at: undefined },
    ]);
    const rows = screen.getAllByRole('row').map(r => r.textContent);
    // Of the four healthy ones, one was last evaluated 3 h before the answer's moment: stale, as
    // the SLO never evaluated. The stale row counts both, as the tab labels them.
    expect(rows).toEqual([
      'exhausted1',
      'at-risk1',
      'no-data2',
      'healthy4 (1 stale)',
      'stale2',
      `Needs attention first${exhaustedLatencySlo.name}: ${MINUS}50 % left (overspent) of its error budget`,
    ]);
    // The status words are text a screen reader reads, not hidden inside the icons.
    for (const word of [
      'exhausted',
      'at-risk',
      'no-data',
      'healthy',
      'stale',
    ]) {
      expect(screen.getByText(word).closest('[aria-hidden="true"]')).toBeNull();
    }
  });
});

describe('EntitySloCard with stale evaluations', () => {
  const rows = () => screen.getAllByRole('row').map(r => r.textContent);

  it('says a stale evaluation is stale, in the tab’s words, not only its old status', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () =>
        entitySlos([
          { slo: staleSlo, evaluation: staleEvaluation, stale: true },
        ]),
    });

    await renderWithApi(<EntitySloCard />, api, { entity: testEntity });

    expect(await screen.findByText('1 SLO')).toBeInTheDocument();
    // 10 bad of the 0.1 % × 1,000,000 = 1,000 allowed: 99 % of the budget left, 3 h ago.
    expect(rows()).toEqual([
      'healthy1 (1 stale)',
      'stale1',
      `Needs attention first${
        staleSlo.name
      }: 99 % left of its error budget; stale: last evaluated ${
        STALE_AGE_SECONDS / 3600
      } hours ago`,
    ]);
  });

  it('counts an SLO stale once its evaluation grows too old on a page left open', async () => {
    // Fake timers that follow the real clock too, so reading and rendering go on as usual.
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const api = mockStewardshipApi({
        getEntitySlos: async () =>
          entitySlos([
            { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
          ]),
      });
      await renderWithApi(<EntitySloCard />, api, { entity: testEntity });
      expect(await screen.findByText('1 SLO')).toBeInTheDocument();
      expect(rows()[0]).toBe('healthy1');

      // Evaluated as of the read; stale once more than SLO_STALENESS_SECONDS (10 min) old.
      expect(SLO_STALENESS_SECONDS).toBe(600);
      act(() => jest.advanceTimersByTime(11 * RUNNING_CLOCK_TICK_MS));
      expect(rows()).toEqual([
        'healthy1 (1 stale)',
        'stale1',
        // 9,989 of 17,278 allowed bad requests used: 7,289 / 17,278 = 42.19 % left.
        `Needs attention first${healthySlo.name}: 42.2 % left of its error budget; stale: last evaluated 11 minutes ago`,
      ]);
      // Its age keeps growing, as the tab's does.
      act(() => jest.advanceTimersByTime(60 * RUNNING_CLOCK_TICK_MS));
      expect(rows()[2]).toMatch(/stale: last evaluated 1 hour 11 minutes ago$/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('says when the SLO needing attention was never evaluated', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () =>
        entitySlos([{ slo: neverEvaluatedSlo, stale: true }]),
    });

    await renderWithApi(<EntitySloCard />, api, { entity: testEntity });

    expect(await screen.findByText('1 SLO')).toBeInTheDocument();
    expect(rows()).toEqual([
      'stale1',
      `Needs attention first${neverEvaluatedSlo.name}: no budget figure (no data); stale: never evaluated as of 2024-09-20 12:00 UTC`,
    ]);
  });

  it('says nothing of staleness when every evaluation is current', async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () =>
        entitySlos([
          { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
        ]),
    });

    await renderWithApi(<EntitySloCard />, api, { entity: testEntity });

    expect(await screen.findByText('1 SLO')).toBeInTheDocument();
    expect(screen.queryByText(/stale/)).toBeNull();
  });
});

describe('EntitySloCard on a system', () => {
  const SYSTEM_REF = 'system:default/storefront';
  const systemWith = (componentNames: string[]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'storefront', namespace: 'default' },
    spec: { owner: 'group:default/web' },
    relations: [
      ...componentNames.map(name => ({
        type: RELATION_HAS_PART,
        targetRef: `component:default/${name}`,
      })),
      // Not a component: the tab leaves it out, and so does the card.
      { type: RELATION_HAS_PART, targetRef: 'api:default/storefront-api' },
      { type: 'ownedBy', targetRef: 'group:default/web' },
    ],
  });
  const healthy: EntitySlo = {
    slo: healthySlo,
    evaluation: healthyEvaluation,
    stale: false,
  };
  const atRisk: EntitySlo = {
    slo: atRiskSlo,
    evaluation: atRiskEvaluation,
    stale: false,
  };
  const slices: EntitySlo = {
    slo: timeslicesSlo,
    evaluation: timeslicesEvaluation,
    stale: false,
  };
  const exhausted = allSloItems.find(i => i.slo === exhaustedLatencySlo)!;

  /**
   * An API answering `POST /slos/by-entities` from `lists` (a ref not in it is hidden: null),
   * recording each request; `GET /entities/…/slos` is not mocked and would fail the card.
   */
  function batchApi(lists: Record<string, EntitySlo[]>) {
    const batches: string[][] = [];
    const api = mockStewardshipApi({
      getSlosByEntities: async refs => {
        batches.push(refs.map(String));
        return {
          at: SLO_AT.toISOString(),
          items: refs.map(ref =>
            lists[String(ref)]
              ? entitySlos(lists[String(ref)], String(ref))
              : null,
          ),
        };
      },
    });
    return { api, batches };
  }

  const rows = () => screen.getAllByRole('row').map(r => r.textContent);

  it('counts the SLOs of its components, says they are not its own, in one request', async () => {
    const { api, batches } = batchApi({
      [SYSTEM_REF]: [],
      'component:default/cart': [healthy, atRisk],
      'component:default/search': [slices],
      'component:default/quiet': [],
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['search', 'cart', 'quiet']),
    });

    expect(
      await screen.findByText('3 SLOs in its components (none of its own)'),
    ).toBeInTheDocument();
    // The system first, then its components (not the API), in one request.
    expect(batches).toEqual([
      [
        SYSTEM_REF,
        'component:default/cart',
        'component:default/quiet',
        'component:default/search',
      ],
    ]);
    // At risk: 2,000 bad of the 0.1 % × 10,000,000 = 10,000 allowed, so 80 % of the budget left.
    expect(rows()).toEqual([
      'at-risk1',
      'healthy2',
      `Needs attention first${atRiskSlo.name} in cart: 80 % left of its error budget`,
    ]);
    expect(screen.getByRole('link', { name: /View all SLOs/ })).toHaveAttribute(
      'href',
      '/catalog/default/system/storefront/slos',
    );
  });

  it('counts its own SLOs and its components’, and says how many are where', async () => {
    const { api } = batchApi({
      [SYSTEM_REF]: [exhausted],
      'component:default/cart': [healthy, atRisk],
      'component:default/search': [slices],
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['cart', 'search']),
    });

    expect(
      await screen.findByText('4 SLOs: 1 of its own, 3 in its components'),
    ).toBeInTheDocument();
    // The system's own SLO is named without a component.
    expect(rows()).toEqual([
      'exhausted1',
      'at-risk1',
      'healthy2',
      `Needs attention first${exhaustedLatencySlo.name}: ${MINUS}50 % left (overspent) of its error budget`,
    ]);
  });

  it('says a component’s stale SLO is stale, measured to the answers’ moment on the backend’s clock', async () => {
    // Only the clock is faked: the card reads as it does live. The browser's clock is 5 hours
    // ahead of the backend's (the answers are as of SLO_AT): the age must not count them.
    fakeOnlyTheClock(SLO_AT.getTime() + 5 * 3600_000);
    try {
      const { api } = batchApi({
        [SYSTEM_REF]: [],
        'component:default/cart': [
          { slo: staleSlo, evaluation: staleEvaluation, stale: true },
        ],
      });

      await renderWithApi(<EntitySloCard />, api, {
        entity: systemWith(['cart']),
      });

      expect(
        await screen.findByText('1 SLO in its components (none of its own)'),
      ).toBeInTheDocument();
      expect(rows()).toEqual([
        'healthy1 (1 stale)',
        'stale1',
        `Needs attention first${
          staleSlo.name
        } in cart: 99 % left of its error budget; stale: last evaluated ${
          STALE_AGE_SECONDS / 3600
        } hours ago`,
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('says when its components have none', async () => {
    const { api } = batchApi({
      [SYSTEM_REF]: [healthy],
      'component:default/cart': [],
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['cart']),
    });

    expect(
      await screen.findByText('1 SLO of its own (none in its components)'),
    ).toBeInTheDocument();
  });

  it('leaves out a component the user may not see, and does not count it', async () => {
    const { api, batches } = batchApi({
      [SYSTEM_REF]: [healthy],
      'component:default/cart': [atRisk],
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['cart', 'hidden']),
    });

    expect(
      await screen.findByText('2 SLOs: 1 of its own, 1 in its components'),
    ).toBeInTheDocument();
    expect(batches).toEqual([
      [SYSTEM_REF, 'component:default/cart', 'component:default/hidden'],
    ]);
    expect(rows()).toEqual([
      'at-risk1',
      'healthy1',
      `Needs attention first${atRiskSlo.name} in cart: 80 % left of its error budget`,
    ]);
  });

  it('with only hidden components, counts its own SLOs as any entity’s', async () => {
    const { api } = batchApi({ [SYSTEM_REF]: [healthy] });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['hidden']),
    });

    // Not "(none in its components)": the user does not learn of a component they may not see.
    expect(await screen.findByText('1 SLO')).toBeInTheDocument();
  });

  it('says there is no SLO, of its own or in its components', async () => {
    const { api } = batchApi({
      [SYSTEM_REF]: [],
      'component:default/cart': [],
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['cart']),
    });

    expect(
      await screen.findByText(
        'No SLO yet, of its own or in its components. The SLOs tab shows how to add one.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('0 SLOs')).toBeInTheDocument();
  });

  it('reads a large system in requests of at most the backend’s limit', async () => {
    const names = Array.from(
      { length: SLOS_BY_ENTITIES_MAX_REFS + 20 },
      (_, i) => `c${String(i).padStart(3, '0')}`,
    );
    const lists: Record<string, EntitySlo[]> = { [SYSTEM_REF]: [] };
    for (const name of names) lists[`component:default/${name}`] = [healthy];
    const { api, batches } = batchApi(lists);

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(names),
    });

    expect(
      await screen.findByText(
        `${names.length} SLOs in its components (none of its own)`,
      ),
    ).toBeInTheDocument();
    expect(batches.map(b => b.length)).toEqual([
      SLOS_BY_ENTITIES_MAX_REFS,
      names.length + 1 - SLOS_BY_ENTITIES_MAX_REFS,
    ]);
    expect(batches.flat()).toEqual([
      SYSTEM_REF,
      ...names.map(name => `component:default/${name}`),
    ]);
  });

  it('shows the server error', async () => {
    const api = mockStewardshipApi({
      getSlosByEntities: () => Promise.reject(new Error('backend down')),
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['cart']),
    });

    expect(
      await screen.findByText(/Could not read the SLOs: backend down/),
    ).toBeInTheDocument();
  });

  it('reads one entity at a time from a backend older than POST /slos/by-entities', async () => {
    const read: string[] = [];
    const api = mockStewardshipApi({
      // What an older backend answers for a route it does not have.
      getSlosByEntities: async () => {
        throw await ResponseError.fromResponse(
          new Response('', { status: 404, statusText: 'Not Found' }) as any,
        );
      },
      getEntitySlos: async ref => {
        read.push(String(ref));
        if (String(ref) === 'component:default/hidden') {
          throw await backendError(404, 'not found');
        }
        return entitySlos(
          String(ref) === 'component:default/cart' ? [healthy, atRisk] : [],
          String(ref),
        );
      },
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: systemWith(['cart', 'hidden']),
    });

    expect(
      await screen.findByText('2 SLOs in its components (none of its own)'),
    ).toBeInTheDocument();
    expect([...read].sort()).toEqual([
      'component:default/cart',
      'component:default/hidden',
      SYSTEM_REF,
    ]);
  });

  it('on another kind, reads only the entity’s own SLOs, as before', async () => {
    const requested: string[] = [];
    const componentWithParts: Entity = {
      ...testEntity,
      relations: [
        { type: RELATION_HAS_PART, targetRef: 'component:default/ledger' },
      ],
    };
    const own: EntitySlos = entitySlos([healthy]);
    const api = mockStewardshipApi({
      getEntitySlos: async ref => {
        requested.push(String(ref));
        return own;
      },
    });

    await renderWithApi(<EntitySloCard />, api, {
      entity: componentWithParts,
    });

    expect(await screen.findByText('1 SLO')).toBeInTheDocument();
    expect(requested).toEqual(['component:default/payments-api']);
    // 9,989 of 17,278 allowed bad requests used: 1 − 9989/17278 ≈ 42.2 % left.
    expect(rows()).toEqual([
      'healthy1',
      `Needs attention first${healthySlo.name}: 42.2 % left of its error budget`,
    ]);
  });
});

describe('worstSlo', () => {
  it('prefers the worse status, then the smaller budget left', () => {
    const healthy = {
      slo: healthySlo,
      evaluation: healthyEvaluation,
      stale: false,
    };
    const slices = {
      slo: timeslicesSlo,
      evaluation: timeslicesEvaluation,
      stale: false,
    };
    // Both healthy; budget left by the fixtures' definitions: the availability SLO has used
    // 9,989 of 17,278 allowed bad requests (1 − 9989/17278 ≈ 42.2 % left), the timeslices SLO
    // 6 of 20.16 allowed bad slices (1 − 6/(0.01 × 2016) ≈ 70.2 % left): availability is worse.
    expect(healthy.evaluation.errorBudget!.remaining).toBeCloseTo(
      1 - 9989 / 17278,
      6,
    );
    expect(slices.evaluation.errorBudget!.remaining).toBeCloseTo(
      1 - 6 / (0.01 * 2016),
      6,
    );
    expect(worstSlo([healthy, slices])).toBe(healthy);
    expect(worstSlo([slices, healthy])).toBe(healthy);
    expect(worstSlo(allSloItems)?.slo.name).toBe(exhaustedLatencySlo.name);
    expect(worstSlo([])).toBeUndefined();
  });
});

/** The card's SLO as first read, healthy. */
const healthyRead = () =>
  entitySlos([
    { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
  ]);
/** The same SLO after a later evaluation: at risk. */
const atRiskRead = () =>
  entitySlos([
    {
      slo: healthySlo,
      evaluation: {
        ...atRiskEvaluation,
        sloId: healthySlo.id,
        sloVersion: healthySlo.version,
      },
      stale: false,
    },
  ]);

describe('EntitySloCard after new evaluations (signals)', () => {
  beforeEach(() => {
    // This page reads at once after a signal (its wait is drawn from Math.random).
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts the statuses again, in place, when the backend stored new ones', async () => {
    const signals = fakeSignals();
    let resolveNext!: (value: EntitySlos) => void;
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(healthyRead())
      .mockReturnValueOnce(
        new Promise<EntitySlos>(resolve => {
          resolveNext = resolve;
        }),
      );
    await renderWithApi(
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        <EntitySloCard />
      </TestApiProvider>,
      mockStewardshipApi({ getEntitySlos }),
      { entity: testEntity },
    );
    expect(await screen.findByText('healthy')).toBeInTheDocument();

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    await waitFor(() => expect(getEntitySlos).toHaveBeenCalledTimes(2));
    // Kept while it reads: no progress bar in place of the counts.
    expect(
      screen.queryByRole('progressbar', { name: 'Loading the SLOs' }),
    ).toBeNull();
    expect(screen.getByText('healthy')).toBeInTheDocument();

    await act(async () => resolveNext(atRiskRead()));
    expect(await screen.findByText('at-risk')).toBeInTheDocument();
    expect(screen.queryByText('healthy')).toBeNull();
  });

  it('keeps the counts when reading them again fails, says so, and moves on at the next run', async () => {
    const signals = fakeSignals();
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(healthyRead())
      .mockImplementationOnce(async () => {
        throw await proxyBadGateway();
      })
      .mockResolvedValueOnce(atRiskRead());
    await renderWithApi(
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        <EntitySloCard />
      </TestApiProvider>,
      mockStewardshipApi({ getEntitySlos }),
      { entity: testEntity },
    );
    expect(await screen.findByText('healthy')).toBeInTheDocument();

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    const note = await screen.findByText(
      `Not up to date: could not read the SLOs again (${BAD_GATEWAY_SAID}). Shown as of 2024-09-20 12:00 UTC; read again after the next evaluation, or when you reload the page.`,
    );
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(screen.getByText('healthy')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Try again/ })).toBeNull();

    act(() => signals.send('stewardship:slos', { type: 'slos-evaluated' }));
    expect(await screen.findByText('at-risk')).toBeInTheDocument();
    expect(screen.queryByText(/^Not up to date/)).toBeNull();
  });
});
