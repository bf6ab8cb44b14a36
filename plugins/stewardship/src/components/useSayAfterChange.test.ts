import { renderHook } from '@testing-library/react';
import { useSayAfterChange } from './useSayAfterChange';

type Props = { key: string; value?: { n: number }; localKey?: string };

const describeCount = (value: { n: number }) => `Showing ${value.n}.`;

function renderSay(initial: Props) {
  return renderHook(
    ({ key, value, localKey }: Props) =>
      useSayAfterChange(key, value, describeCount, localKey),
    { initialProps: initial },
  );
}

describe('useSayAfterChange', () => {
  it('says nothing on the first value, nor on a new value for the same key', () => {
    const { result, rerender } = renderSay({ key: 'a' });
    rerender({ key: 'a', value: { n: 1 } });
    expect(result.current.text).toBe('');
    rerender({ key: 'a', value: { n: 2 } });
    expect(result.current.text).toBe('');
  });

  it("says a changed key's value once the next value comes, not the one shown when it changed", () => {
    const old = { n: 1 };
    const { result, rerender } = renderSay({ key: 'a', value: old });
    rerender({ key: 'b', value: old });
    expect(result.current.text).toBe('');
    rerender({ key: 'b', value: { n: 2 } });
    expect(result.current.text).toBe('Showing 2.');
    // Once said, another value of the same key (a next page) says nothing new.
    rerender({ key: 'b', value: { n: 3 } });
    expect(result.current.text).toBe('Showing 2.');
  });

  it('says at once when only the filters applied in the browser change', () => {
    const value = { n: 1 };
    const { result, rerender } = renderSay({ key: 'a', value, localKey: '' });
    rerender({ key: 'a', value, localKey: 'stale' });
    expect(result.current.text).toBe('Showing 1.');
    // A new value for the same filters (another moment) says nothing new.
    rerender({ key: 'a', value: { n: 4 }, localKey: 'stale' });
    expect(result.current.text).toBe('Showing 1.');
  });

  it('waits for the next value when the browser filter changes while it loads', () => {
    const old = { n: 1 };
    const { result, rerender } = renderSay({ key: 'a', value: old });
    rerender({ key: 'b', value: old });
    rerender({ key: 'b', value: old, localKey: 'stale' });
    expect(result.current.text).toBe('');
    rerender({ key: 'b', value: { n: 2 }, localKey: 'stale' });
    expect(result.current.text).toBe('Showing 2.');
  });

  it('says a sentence that reads as the last one again, as a new one', () => {
    const first = { n: 1 };
    const empty = { n: 0 };
    const { result, rerender } = renderSay({ key: 'a', value: first });
    rerender({ key: 'b', value: first });
    rerender({ key: 'b', value: empty });
    expect(result.current).toEqual({ text: 'Showing 0.', n: 1 });
    // Other filters, still shown with the last answer: nothing new yet (the old words gone).
    rerender({ key: 'c', value: empty });
    expect(result.current).toEqual({ text: '', n: 1 });
    // Their answer reads as the last one did, and is said again.
    rerender({ key: 'c', value: { n: 0 } });
    expect(result.current).toEqual({ text: 'Showing 0.', n: 2 });
  });

  it('empties the status line when the filters change again, until their value comes', () => {
    const first = { n: 1 };
    const { result, rerender } = renderSay({ key: 'a', value: first });
    rerender({ key: 'b', value: first });
    rerender({ key: 'b', value: { n: 2 } });
    expect(result.current.text).toBe('Showing 2.');
    // Another change whose answer never comes (an error): nothing stale is left to read.
    rerender({ key: 'c', value: undefined });
    expect(result.current.text).toBe('');
  });
});
