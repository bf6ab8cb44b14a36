import { act, screen, within } from '@testing-library/react';
import {
  entitySlos,
  healthyEvaluation,
  healthySlo,
  neverEvaluatedSlo,
  SLO_AT,
  SLO_STALENESS_SECONDS,
  STALE_AGE_SECONDS,
  staleEvaluation,
  staleSlo,
} from '../../__testUtils__/sloFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { RUNNING_CLOCK_TICK_MS } from '../useRunningClock';
import { SloList } from './SloList';

jest.setTimeout(30_000);

/** Read at SLO_AT: one SLO evaluated then, one 3 h before, one never. */
const read = entitySlos([
  { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
  { slo: staleSlo, evaluation: staleEvaluation, stale: true },
  { slo: neverEvaluatedSlo, stale: true },
]);

const row = (name: string) => within(screen.getByRole('region', { name }));

describe('SloList on a page left open', () => {
  // Fake timers that follow the real clock too, so rendering goes on as usual.
  beforeEach(() => jest.useFakeTimers({ advanceTimers: true }));
  afterEach(() => jest.useRealTimers());

  it('counts stale ages on, and marks an SLO stale once its evaluation grows too old', async () => {
    expect(STALE_AGE_SECONDS).toBe(3 * 3600);
    expect(SLO_STALENESS_SECONDS).toBe(600);
    await renderWithApi(<SloList slos={read} />, mockStewardshipApi(), {
      entity: testEntity,
    });
    const fresh = row(healthySlo.name);
    expect(fresh.queryByText('stale')).toBeNull();
    expect(
      row(staleSlo.name).getByText('stale: last evaluated 3 hours ago'),
    ).toBeInTheDocument();
    expect(
      row(neverEvaluatedSlo.name).getByText(
        'stale: never evaluated as of 2024-09-20 12:00 UTC',
      ),
    ).toBeInTheDocument();

    // Ten minutes on: the fresh evaluation is exactly as old as allowed, not older.
    act(() => jest.advanceTimersByTime(10 * RUNNING_CLOCK_TICK_MS));
    expect(fresh.queryByText('stale')).toBeNull();
    expect(
      row(staleSlo.name).getByText(
        'stale: last evaluated 3 hours 10 minutes ago',
      ),
    ).toBeInTheDocument();
    expect(
      row(neverEvaluatedSlo.name).getByText(
        'stale: never evaluated as of 2024-09-20 12:10 UTC',
      ),
    ).toBeInTheDocument();

    // A minute more and it is stale, said in words beside its status, with its age.
    act(() => jest.advanceTimersByTime(RUNNING_CLOCK_TICK_MS));
    expect(fresh.getByText('healthy')).toBeInTheDocument();
    expect(fresh.getByText('stale')).toBeInTheDocument();
    expect(
      fresh.getByText('stale: last evaluated 11 minutes ago'),
    ).toBeInTheDocument();
  });

  it('shows a past moment as it was read, however long the page stays open', async () => {
    await renderWithApi(
      <SloList slos={read} at={SLO_AT} />,
      mockStewardshipApi(),
      { entity: testEntity },
    );
    act(() => jest.advanceTimersByTime(60 * RUNNING_CLOCK_TICK_MS));
    expect(row(healthySlo.name).queryByText('stale')).toBeNull();
    expect(
      row(staleSlo.name).getByText('stale: last evaluated 3 hours ago'),
    ).toBeInTheDocument();
  });
});
