import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom has no ResizeObserver; the charts' width hook observes their container with one.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  Object.assign(globalThis, { ResizeObserver: NoopResizeObserver });
}

// findBy*/waitFor give up after 1 s by default. The test command runs these suites on two cores
// beside the backend's, where one role query over a whole tab can take most of that second in
// jsdom; 3 s keeps a slow machine from failing a test whose page is right, and stays under
// Jest's 5 s per test so a real failure still names the query that found nothing.
configure({ asyncUtilTimeout: 3000 });

// A whole test, though, is many such steps: on two busy cores (the CI's unit step runs every
// package's suites at once) a page test of a dozen queries took 5–8 s and failed on Jest's 5 s
// limit with its page right. 30 s per test, as the slowest suites already set for themselves;
// each query still gives up after 3 s, so a real failure still names its query.
jest.setTimeout(30_000);
