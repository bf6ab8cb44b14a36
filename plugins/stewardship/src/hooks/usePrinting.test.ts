import { act, fireEvent, renderHook } from '@testing-library/react';
import { usePrinting } from './usePrinting';

/** A `print` media query whose matching a test switches, as print emulation does. */
class FakePrintMedia extends EventTarget {
  constructor(public matches: boolean) {
    super();
  }
  readonly media = 'print';
  switchTo(matches: boolean) {
    this.matches = matches;
    this.dispatchEvent(Object.assign(new Event('change'), { matches }));
  }
}

describe('usePrinting', () => {
  afterEach(() => {
    // jsdom has none; a test that installs one takes it away again.
    delete (window as Partial<Window>).matchMedia;
  });

  const fakeMedia = (matches: boolean) => {
    const media = new FakePrintMedia(matches);
    window.matchMedia = jest.fn((query: string) => {
      expect(query).toBe('print');
      return media as unknown as MediaQueryList;
    });
    return media;
  };

  it("is true from the browser's beforeprint to its afterprint", () => {
    const { result } = renderHook(() => usePrinting());
    expect(result.current).toBe(false);
    fireEvent(window, new Event('beforeprint'));
    expect(result.current).toBe(true);
    fireEvent(window, new Event('afterprint'));
    expect(result.current).toBe(false);
  });

  it('renders at once, before the browser lays the printout out', () => {
    const { result } = renderHook(() => usePrinting());
    // Outside act(), as in the browser: React would otherwise only schedule the render.
    const environment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const actEnvironment = environment.IS_REACT_ACT_ENVIRONMENT;
    environment.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      window.dispatchEvent(new Event('beforeprint'));
      expect(result.current).toBe(true);
      window.dispatchEvent(new Event('afterprint'));
      expect(result.current).toBe(false);
    } finally {
      environment.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
    }
  });

  it('follows the print media query, as when print is emulated', () => {
    const media = fakeMedia(false);
    const { result } = renderHook(() => usePrinting());
    expect(result.current).toBe(false);
    act(() => media.switchTo(true));
    expect(result.current).toBe(true);
    act(() => media.switchTo(false));
    expect(result.current).toBe(false);
  });

  it('is true from the start on a page already printing', () => {
    fakeMedia(true);
    const { result } = renderHook(() => usePrinting());
    expect(result.current).toBe(true);
  });

  it('stops listening when the component goes', () => {
    const media = fakeMedia(false);
    const added = [
      jest.spyOn(window, 'addEventListener'),
      jest.spyOn(media, 'addEventListener'),
    ];
    const removed = [
      jest.spyOn(window, 'removeEventListener'),
      jest.spyOn(media, 'removeEventListener'),
    ];
    const { unmount } = renderHook(() => usePrinting());
    const listeners = (spies: jest.SpyInstance[]) =>
      spies.flatMap(spy =>
        spy.mock.calls
          .filter(([type]) =>
            ['beforeprint', 'afterprint', 'change'].includes(type),
          )
          .map(([type, listener]) => [type, listener]),
      );
    expect(listeners(added)).toHaveLength(3);
    unmount();
    expect(listeners(removed)).toHaveLength(3);
    expect(listeners(removed)).toEqual(
      expect.arrayContaining(listeners(added)),
    );
    [...added, ...removed].forEach(spy => spy.mockRestore());
  });
});
