import { act, render, screen } from '@testing-library/react';
import { useTabStopWhileOverflowing } from './useTabStopWhileOverflowing';

function ScrollBox() {
  return (
    <div role="group" aria-label="Figures" {...useTabStopWhileOverflowing()}>
      <table />
    </div>
  );
}

/** A ResizeObserver the test fires by hand, remembering what it was asked to watch. */
class ManualResizeObserver {
  static instances: ManualResizeObserver[] = [];
  readonly observed: Element[] = [];
  disconnected = false;
  constructor(readonly callback: () => void) {
    ManualResizeObserver.instances.push(this);
  }
  observe(element: Element) {
    this.observed.push(element);
  }
  unobserve() {}
  disconnect() {
    this.disconnected = true;
  }
}

/** Gives the box the widths a browser would lay out. */
function layOut(box: HTMLElement, widths: { client: number; scroll: number }) {
  Object.defineProperty(box, 'clientWidth', {
    configurable: true,
    value: widths.client,
  });
  Object.defineProperty(box, 'scrollWidth', {
    configurable: true,
    value: widths.scroll,
  });
}

describe('useTabStopWhileOverflowing', () => {
  const original = globalThis.ResizeObserver;
  afterEach(() => {
    globalThis.ResizeObserver = original;
    ManualResizeObserver.instances = [];
  });

  it('is a tab stop where nothing can be measured (no layout, as in jsdom)', () => {
    render(<ScrollBox />);
    expect(screen.getByRole('group', { name: 'Figures' })).toHaveAttribute(
      'tabindex',
      '0',
    );
  });

  it('is a tab stop without a ResizeObserver', () => {
    // @ts-expect-error: a browser without ResizeObserver
    delete globalThis.ResizeObserver;
    render(<ScrollBox />);
    expect(screen.getByRole('group', { name: 'Figures' })).toHaveAttribute(
      'tabindex',
      '0',
    );
  });

  it('is a tab stop only while the content is wider than the box', () => {
    globalThis.ResizeObserver =
      ManualResizeObserver as unknown as typeof ResizeObserver;
    const { unmount } = render(<ScrollBox />);
    const box = screen.getByRole('group', { name: 'Figures' });
    const [observer] = ManualResizeObserver.instances;
    // The box and its table are watched: either may change width.
    expect(observer.observed).toEqual([box, box.querySelector('table')]);

    layOut(box, { client: 600, scroll: 600 });
    act(() => observer.callback());
    expect(box).not.toHaveAttribute('tabindex');

    layOut(box, { client: 320, scroll: 760 });
    act(() => observer.callback());
    expect(box).toHaveAttribute('tabindex', '0');

    // Focused when the window widens: a stop until focus leaves it.
    act(() => box.focus());
    layOut(box, { client: 800, scroll: 800 });
    act(() => observer.callback());
    expect(box).toHaveAttribute('tabindex', '0');
    expect(box).toHaveFocus();
    act(() => box.blur());
    expect(box).not.toHaveAttribute('tabindex');

    unmount();
    expect(observer.disconnected).toBe(true);
  });
});
