import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import {
  allSloItems,
  entitySlos,
  exhaustedLatencySlo,
  healthySlo,
  healthyEvaluation,
  timeslicesEvaluation,
  timeslicesSlo,
} from '../../__testUtils__/sloFixtures';
import { EntitySloCard, worstSlo } from './EntitySloCard';

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
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'No such entity' },
          response: { statusCode: 404 },
        }),
        {
          status: 404,
          statusText: 'Not Found',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
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
    expect(rows).toEqual([
      'exhausted1',
      'at-risk1',
      'no-data2',
      'healthy4',
      'stale1',
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
