import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { fakeSignals } from '../__testUtils__/fakeSignals';
import {
  SLOS_SIGNAL_SPREAD_MS,
  SLOS_SILENCE_READ_MS,
  useSloEvaluationSignal,
} from './useSloEvaluationSignal';
import { setPageVisibility } from '../__testUtils__/pageVisibility';

/** The channel the backend publishes on (SloEvaluationSignaller), spelled out: a contract. */
const CHANNEL = 'stewardship:slos';

// This page's wait is drawn once, at the first signal: 0.25 of the spread here.
const WAIT_MS = 0.25 * SLOS_SIGNAL_SPREAD_MS;

function render(onSignal?: () => void, withSignals = true) {
  const signals = fakeSignals();
  const wrapper = ({ children }: { children: ReactNode }) =>
    withSignals ? (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    ) : (
      <TestApiProvider apis={[]}>{children}</TestApiProvider>
    );
  const hook = renderHook(
    ({ callback }: { callback?: () => void }) =>
      useSloEvaluationSignal(callback),
    { wrapper, initialProps: { callback: onSignal } },
  );
  return { signals, hook };
}

describe('useSloEvaluationSignal', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(0.25);
  });
  afterEach(() => {
    setPageVisibility('visible');
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it("reads once per burst of signals, after this page's wait", () => {
    const onSignal = jest.fn();
    const { signals } = render(onSignal);

    act(() => signals.send(CHANNEL, { type: 'slos-evaluated' }));
    // Two more sources' runs while it waits: the one read shows them too.
    act(() => signals.send(CHANNEL, { type: 'slos-evaluated' }));
    act(() => jest.advanceTimersByTime(WAIT_MS - 1));
    act(() => signals.send(CHANNEL, { type: 'slos-evaluated' }));
    expect(onSignal).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onSignal).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(SLOS_SIGNAL_SPREAD_MS));
    expect(onSignal).toHaveBeenCalledTimes(1);

    // A later run is read again.
    act(() => signals.send(CHANNEL, { type: 'slos-evaluated' }));
    act(() => jest.advanceTimersByTime(WAIT_MS));
    expect(onSignal).toHaveBeenCalledTimes(2);
  });

  it('ignores the incidents channel', () => {
    const onSignal = jest.fn();
    const { signals } = render(onSignal);
    act(() => signals.send('stewardship:incidents'));
    act(() => jest.advanceTimersByTime(SLOS_SIGNAL_SPREAD_MS));
    expect(onSignal).not.toHaveBeenCalled();
  });

  it('reads in a background browser tab only once it is shown again', () => {
    const onSignal = jest.fn();
    const { signals } = render(onSignal);
    setPageVisibility('hidden');

    act(() => signals.send(CHANNEL));
    act(() => jest.advanceTimersByTime(SLOS_SIGNAL_SPREAD_MS));
    act(() => signals.send(CHANNEL));
    act(() => jest.advanceTimersByTime(SLOS_SIGNAL_SPREAD_MS));
    expect(onSignal).not.toHaveBeenCalled();

    act(() => setPageVisibility('visible'));
    expect(onSignal).toHaveBeenCalledTimes(1);
    // Shown again with nothing new: no read.
    act(() => setPageVisibility('hidden'));
    act(() => setPageVisibility('visible'));
    expect(onSignal).toHaveBeenCalledTimes(1);
  });

  it('a tab shown again before its wait is over reads at the end of the wait', () => {
    const onSignal = jest.fn();
    const { signals } = render(onSignal);
    act(() => signals.send(CHANNEL));
    act(() => setPageVisibility('hidden'));
    act(() => setPageVisibility('visible'));
    expect(onSignal).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(WAIT_MS));
    expect(onSignal).toHaveBeenCalledTimes(1);
  });

  it('stops listening when given no callback (a past moment) and when unmounted, a read due dropped', () => {
    const onSignal = jest.fn();
    const { signals, hook } = render(onSignal);
    expect(signals.listening(CHANNEL)).toBe(1);
    act(() => signals.send(CHANNEL));
    hook.rerender({ callback: undefined });
    expect(signals.listening(CHANNEL)).toBe(0);
    act(() => jest.advanceTimersByTime(SLOS_SIGNAL_SPREAD_MS));
    expect(onSignal).not.toHaveBeenCalled();

    hook.rerender({ callback: onSignal });
    expect(signals.listening(CHANNEL)).toBe(1);
    act(() => signals.send(CHANNEL));
    hook.unmount();
    expect(signals.listening(CHANNEL)).toBe(0);
    act(() => jest.advanceTimersByTime(SLOS_SIGNAL_SPREAD_MS));
    expect(onSignal).not.toHaveBeenCalled();
  });

  it('reads after ten minutes without a signal, as if it had heard one, and every ten minutes of silence after', () => {
    expect(SLOS_SILENCE_READ_MS).toBe(10 * 60_000);
    const onSignal = jest.fn();
    const { signals } = render(onSignal);
    act(() => jest.advanceTimersByTime(SLOS_SILENCE_READ_MS - 1));
    expect(onSignal).not.toHaveBeenCalled();
    // Silent for ten minutes: this page's wait, then the read.
    act(() => jest.advanceTimersByTime(1 + WAIT_MS));
    expect(onSignal).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(SLOS_SILENCE_READ_MS));
    expect(onSignal).toHaveBeenCalledTimes(2);

    // A signal starts the silence over: nine minutes after it, nothing more.
    act(() => signals.send(CHANNEL));
    act(() => jest.advanceTimersByTime(WAIT_MS));
    expect(onSignal).toHaveBeenCalledTimes(3);
    act(() => jest.advanceTimersByTime(9 * 60_000));
    expect(onSignal).toHaveBeenCalledTimes(3);
    act(() => jest.advanceTimersByTime(60_000 + WAIT_MS));
    expect(onSignal).toHaveBeenCalledTimes(4);
  });

  it('keeps no timer once it stops listening', () => {
    const { hook } = render(jest.fn());
    hook.unmount();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does nothing without the signals plugin in the app', () => {
    const onSignal = jest.fn();
    expect(() => render(onSignal, false)).not.toThrow();
    act(() => jest.advanceTimersByTime(3 * SLOS_SILENCE_READ_MS));
    expect(onSignal).not.toHaveBeenCalled();
  });
});
