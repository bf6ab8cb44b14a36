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

// MUI's TextareaAutosize (every multiline TextField) measures a hidden copy of itself with
// getComputedStyle after every render, to set a height from the layout; jsdom lays nothing out
// (every height is 0), yet its style cascade made that measuring a third of the SLO editor's test
// time. Here it renders what it renders (the textarea and its hidden, aria-hidden copy, which
// holds the value or placeholder as the real one's measuring leaves it) without measuring; the
// e2e tests run the real one in Chromium, where there is a layout to measure.
jest.mock('@material-ui/core/TextareaAutosize', () => {
  const { createElement, forwardRef, Fragment } = jest.requireActual('react');
  const UnmeasuredTextarea = forwardRef(function Textarea(
    props: Record<string, any>,
    ref: unknown,
  ) {
    const {
      rows,
      rowsMax,
      rowsMin,
      maxRows,
      minRows = 1,
      style,
      className,
      ...other
    } = props;
    return createElement(
      Fragment,
      null,
      createElement('textarea', {
        ...other,
        className,
        ref,
        rows: rows || rowsMin || minRows,
        style,
      }),
      createElement('textarea', {
        'aria-hidden': true,
        className,
        readOnly: true,
        // As MUI's measuring sets it after every render (a property, not the text content):
        // `input.value || props.placeholder || 'x'`.
        ref: (shadow: HTMLTextAreaElement | null) => {
          if (shadow) shadow.value = other.value || other.placeholder || 'x';
        },
        tabIndex: -1,
        style: {
          visibility: 'hidden',
          position: 'absolute',
          overflow: 'hidden',
          height: 0,
          top: 0,
          left: 0,
          transform: 'translateZ(0)',
          ...style,
        },
      }),
    );
  });
  return { __esModule: true, default: UnmeasuredTextarea };
});
