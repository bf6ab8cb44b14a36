/**
 * Fakes only the clock (`Date`), at `now`: React, the test library and the fake APIs still need
 * real timers, so a test can render and wait as it does live while `new Date()` reads `now`.
 * Undo with `jest.useRealTimers()`.
 */
export function fakeOnlyTheClock(now: Date | number) {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'hrtime',
      'performance',
    ],
  });
}
