import '@testing-library/jest-dom';

// jsdom has no ResizeObserver; the charts' width hook observes their container with one.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  Object.assign(globalThis, { ResizeObserver: NoopResizeObserver });
}
