import { render, renderHook, screen } from '@testing-library/react';
import { useStableId } from './useStableId';

function Labelled(props: { name: string }) {
  const id = useStableId('labelled-title');
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{props.name}</h2>
    </section>
  );
}

describe('useStableId', () => {
  it('keeps its id over re-renders', () => {
    const { result, rerender } = renderHook(() => useStableId('thing'));
    const first = result.current;
    expect(first).toMatch(/^thing-\d+$/);
    rerender();
    rerender();
    expect(result.current).toBe(first);
  });

  it('gives each instance its own id, whatever the prefix, so each names its own element', () => {
    const a = renderHook(() => useStableId('same')).result.current;
    const b = renderHook(() => useStableId('same')).result.current;
    const c = renderHook(() => useStableId('other')).result.current;
    expect(new Set([a, b, c]).size).toBe(3);

    render(
      <>
        <Labelled name="First" />
        <Labelled name="Second" />
      </>,
    );
    expect(screen.getByRole('region', { name: 'First' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Second' })).toBeInTheDocument();
  });
});
