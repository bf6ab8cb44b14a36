import { renderHook } from '@testing-library/react';
import { DUE_READ_SLACK_MS, useReadAgainWhenDue } from './useReadAgainWhenDue';
import { setPageVisibility } from '../__testUtils__/pageVisibility';

describe('useReadAgainWhenDue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    setPageVisibility('visible');
  });

  const answeredAt = '2026-12-08T10:00:00.000Z';
  // 4 minutes 30 seconds after the answer's moment.
  const validUntil = '2026-12-08T10:04:30.000Z';
  const due = 270_000 + DUE_READ_SLACK_MS;

  it("reads once, the answer's own wait after it came, whatever the browser's clock says", () => {
    // A browser clock a day ahead of the backend's: the wait is measured between the answer's
    // two moments, not to the browser's now.
    jest.setSystemTime(new Date('2026-12-09T10:00:00.000Z'));
    const read = jest.fn();
    renderHook(() => useReadAgainWhenDue(validUntil, answeredAt, read));
    jest.advanceTimersByTime(due - 1);
    expect(read).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(read).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(60 * 60_000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('starts over with a new answer, and drops the wait when unmounted', () => {
    const read = jest.fn();
    const { rerender, unmount } = renderHook(
      (props: { until: string; at: string }) =>
        useReadAgainWhenDue(props.until, props.at, read),
      { initialProps: { until: validUntil, at: answeredAt } },
    );
    jest.advanceTimersByTime(due - 10_000);
    // A signal's read answered meanwhile: its own moment and validity.
    rerender({
      until: '2026-12-08T10:09:20.000Z',
      at: '2026-12-08T10:04:20.000Z',
    });
    jest.advanceTimersByTime(10_000);
    expect(read).not.toHaveBeenCalled();
    jest.advanceTimersByTime(300_000 + DUE_READ_SLACK_MS - 10_000);
    expect(read).toHaveBeenCalledTimes(1);
    rerender({
      until: '2026-12-08T10:14:20.000Z',
      at: '2026-12-08T10:09:21.000Z',
    });
    unmount();
    jest.advanceTimersByTime(60 * 60_000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads nothing without a validity, a reader, or a wait a timer can keep', () => {
    const read = jest.fn();
    renderHook(() => useReadAgainWhenDue(undefined, answeredAt, read));
    renderHook(() => useReadAgainWhenDue(validUntil, answeredAt, undefined));
    renderHook(() => useReadAgainWhenDue('not a moment', answeredAt, read));
    // Thirty days on: past setTimeout's longest wait, which would fire at once.
    renderHook(() =>
      useReadAgainWhenDue('2027-01-07T10:00:00.000Z', answeredAt, read),
    );
    jest.advanceTimersByTime(due);
    expect(read).not.toHaveBeenCalled();
  });

  it('in a background tab, reads when the tab is shown again', () => {
    const read = jest.fn();
    renderHook(() => useReadAgainWhenDue(validUntil, answeredAt, read));
    setPageVisibility('hidden');
    jest.advanceTimersByTime(due);
    expect(read).not.toHaveBeenCalled();
    setPageVisibility('visible');
    expect(read).toHaveBeenCalledTimes(1);
  });
});
