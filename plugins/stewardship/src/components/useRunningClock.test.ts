import { act, renderHook } from '@testing-library/react';
import { RUNNING_CLOCK_TICK_MS, useRunningClock } from './useRunningClock';

describe('useRunningClock', () => {
  const listedAt = new Date('2026-12-07T10:00:00.000Z');

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-07T10:00:05.000Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts at the moment given and moves on a tick at a time while running', () => {
    const { result } = renderHook(() => useRunningClock(listedAt, true));
    expect(result.current.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    act(() => jest.advanceTimersByTime(RUNNING_CLOCK_TICK_MS - 1));
    expect(result.current.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    act(() => jest.advanceTimersByTime(1));
    expect(result.current.toISOString()).toBe('2026-12-07T10:01:00.000Z');
    act(() => jest.advanceTimersByTime(2 * RUNNING_CLOCK_TICK_MS));
    expect(result.current.toISOString()).toBe('2026-12-07T10:03:00.000Z');
  });

  it('stays at the moment given while not running, and keeps no timer', () => {
    const { result } = renderHook(() => useRunningClock(listedAt, false));
    expect(jest.getTimerCount()).toBe(0);
    act(() => jest.advanceTimersByTime(5 * RUNNING_CLOCK_TICK_MS));
    expect(result.current.toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('starts over from a new moment (the list read again), and stops its timer when stopped', () => {
    const { result, rerender, unmount } = renderHook(
      (props: { from: Date; running: boolean }) =>
        useRunningClock(props.from, props.running),
      { initialProps: { from: listedAt, running: true } },
    );
    act(() => jest.advanceTimersByTime(3 * RUNNING_CLOCK_TICK_MS));
    expect(result.current.toISOString()).toBe('2026-12-07T10:03:00.000Z');

    const readAgain = new Date('2026-12-07T10:03:05.000Z');
    rerender({ from: readAgain, running: true });
    expect(result.current.toISOString()).toBe('2026-12-07T10:03:05.000Z');
    act(() => jest.advanceTimersByTime(RUNNING_CLOCK_TICK_MS));
    expect(result.current.toISOString()).toBe('2026-12-07T10:04:05.000Z');

    // Stopped (resolved): the moment given, and no timer left.
    rerender({ from: readAgain, running: false });
    expect(result.current.toISOString()).toBe('2026-12-07T10:03:05.000Z');
    expect(jest.getTimerCount()).toBe(0);
    unmount();
  });
});
