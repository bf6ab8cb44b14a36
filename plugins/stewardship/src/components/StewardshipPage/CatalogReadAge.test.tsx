import { renderInTestApp } from '@backstage/test-utils';
import { act, screen } from '@testing-library/react';
import { CATALOG_READ_AGE_TICK_MS, CatalogReadAge } from './CatalogReadAge';

describe('CatalogReadAge', () => {
  afterEach(() => jest.useRealTimers());

  it("grows with the time the page stays open, from the backend's age; a new answer starts again", async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-07T17:00:00Z') });
    const readAt = '2026-12-07T16:59:20Z';
    const { rerender } = await renderInTestApp(
      <CatalogReadAge readAt={readAt} ageSeconds={40} />,
    );
    const caption = screen.getByText('Catalog read 40 seconds ago');
    expect(caption).toHaveAttribute(
      'title',
      'Catalog read at 2026-12-07 16:59 UTC',
    );

    // 40 s by the backend's clock, then 10 and 20 more on this page.
    act(() => jest.advanceTimersByTime(CATALOG_READ_AGE_TICK_MS));
    expect(caption).toHaveTextContent('Catalog read 50 seconds ago');
    act(() => jest.advanceTimersByTime(CATALOG_READ_AGE_TICK_MS));
    expect(caption).toHaveTextContent('Catalog read 1 minute ago');
    // A page left open for an hour says so.
    act(() => jest.advanceTimersByTime(60 * 60_000));
    expect(caption).toHaveTextContent('Catalog read 1 hour ago');

    // A new answer: its own age, nothing of the last one's time on the page.
    rerender(<CatalogReadAge readAt="2026-12-07T18:00:10Z" ageSeconds={5} />);
    expect(screen.getByText('Catalog read 5 seconds ago')).toBeInTheDocument();
    act(() => jest.advanceTimersByTime(CATALOG_READ_AGE_TICK_MS));
    expect(screen.getByText('Catalog read 15 seconds ago')).toBeInTheDocument();
  });
});
