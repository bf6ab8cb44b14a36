import { render, screen } from '@testing-library/react';
import { ChangeAnnouncement } from './ChangeAnnouncement';

describe('ChangeAnnouncement', () => {
  it('shows each sentence said as a new node, even when it reads as the last', () => {
    const { rerender } = render(
      <ChangeAnnouncement said={{ text: 'Showing no SLOs.', n: 1 }} />,
    );
    const first = screen.getByText('Showing no SLOs.');
    expect(screen.getByRole('status')).toContainElement(first);

    rerender(<ChangeAnnouncement said={{ text: 'Showing no SLOs.', n: 2 }} />);
    const second = screen.getByText('Showing no SLOs.');
    // A screen reader hears what is added to the status: the same words, a new node.
    expect(second).not.toBe(first);
    expect(first).not.toBeInTheDocument();
  });

  it('is on the page, empty, before anything is said', () => {
    render(<ChangeAnnouncement said={{ text: '', n: 0 }} />);
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();
    // Read whole and politely, whatever a screen reader makes of the role alone.
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveAttribute('aria-atomic', 'true');
  });
});
