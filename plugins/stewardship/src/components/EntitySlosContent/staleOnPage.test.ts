import { act, renderHook } from '@testing-library/react';
import {
  healthyEvaluation,
  healthySlo,
  neverEvaluatedSlo,
  SLO_AT,
  staleEvaluation,
  staleSlo,
} from '../../__testUtils__/sloFixtures';
import { EntitySlo } from '../../api';
import { RUNNING_CLOCK_TICK_MS } from '../useRunningClock';
import { markStaleAt, useStaleOnPage } from './staleOnPage';

const fresh: EntitySlo = {
  slo: healthySlo,
  evaluation: healthyEvaluation,
  stale: false,
};
const old: EntitySlo = {
  slo: staleSlo,
  evaluation: staleEvaluation,
  stale: true,
};
const never: EntitySlo = { slo: neverEvaluatedSlo, stale: true };
const at = (ms: number) => new Date(SLO_AT.getTime() + ms);

describe('markStaleAt', () => {
  it('marks a snapshot older than the staleness stale, by the backend’s rule (older than, not as old as)', () => {
    // The fresh snapshot is as of SLO_AT; 600 s is its limit.
    expect(healthyEvaluation.at).toBe(SLO_AT.toISOString());
    const items = [fresh, old, never];
    expect(markStaleAt(items, at(600_000), 600)).toBe(items);
    expect(markStaleAt(items, at(600_001), 600)).toEqual([
      { ...fresh, stale: true },
      old,
      never,
    ]);
  });

  it('leaves the items as read without a staleness (an older backend)', () => {
    const items = [fresh];
    expect(markStaleAt(items, at(86_400_000), undefined)).toBe(items);
  });
});

describe('useStaleOnPage', () => {
  beforeEach(() => jest.useFakeTimers({ now: SLO_AT }));
  afterEach(() => jest.useRealTimers());

  const read = {
    items: [fresh, old],
    asOf: SLO_AT.toISOString(),
    stalenessSeconds: 600,
  };

  it('moves the moment on every minute and marks what grows stale', () => {
    const { result } = renderHook(() => useStaleOnPage(read, true));
    expect(result.current).toEqual({ items: read.items, asOf: read.asOf });

    act(() => jest.advanceTimersByTime(10 * RUNNING_CLOCK_TICK_MS));
    expect(result.current.asOf).toBe('2024-09-20T12:10:00.000Z');
    // Exactly 600 s old: not yet.
    expect(result.current.items.map(i => i.stale)).toEqual([false, true]);

    act(() => jest.advanceTimersByTime(RUNNING_CLOCK_TICK_MS));
    expect(result.current.asOf).toBe('2024-09-20T12:11:00.000Z');
    expect(result.current.items.map(i => i.stale)).toEqual([true, true]);
  });

  it('keeps a past moment as read, with no timer', () => {
    const { result } = renderHook(() => useStaleOnPage(read, false));
    expect(jest.getTimerCount()).toBe(0);
    act(() => jest.advanceTimersByTime(60 * RUNNING_CLOCK_TICK_MS));
    expect(result.current).toEqual({ items: read.items, asOf: read.asOf });
  });

  it('starts over from a new read', () => {
    const { result, rerender } = renderHook(
      (props: { asOf: string }) =>
        useStaleOnPage({ ...read, asOf: props.asOf }, true),
      { initialProps: { asOf: read.asOf } },
    );
    act(() => jest.advanceTimersByTime(20 * RUNNING_CLOCK_TICK_MS));
    expect(result.current.items[0].stale).toBe(true);
    // Read again at 12:20 with the same snapshots (say the source is down): still stale, and the
    // moment is the new read's, not the old read's plus the time since.
    rerender({ asOf: '2024-09-20T12:20:00.000Z' });
    expect(result.current.asOf).toBe('2024-09-20T12:20:00.000Z');
    expect(result.current.items[0].stale).toBe(true);
  });
});
