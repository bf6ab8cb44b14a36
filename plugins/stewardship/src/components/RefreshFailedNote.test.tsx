import Dialog from '@material-ui/core/Dialog';
import { render, screen, waitFor } from '@testing-library/react';
import {
  BAD_GATEWAY_SAID,
  proxyBadGateway,
} from '../__testUtils__/backendError';
import { RefreshFailedNote } from './RefreshFailedNote';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

/** A view kept current with its note, and a dialog over it (recording an incident, say). */
function View(props: { error?: Error; dialogOpen: boolean }) {
  return (
    <>
      <RefreshFailedNote
        error={props.error}
        reading="the incidents"
        shownAsOf="2026-12-07T14:00:00Z"
      />
      <Dialog open={props.dialogOpen} transitionDuration={0}>
        <p>Record an incident</p>
      </Dialog>
    </>
  );
}

describe('RefreshFailedNote', () => {
  it('says a quiet read failed, with the moment the figures shown are of', async () => {
    const { rerender } = render(<View dialogOpen={false} />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    rerender(<View error={await proxyBadGateway()} dialogOpen={false} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      `Not up to date: could not read the incidents again (${BAD_GATEWAY_SAID}). Shown as of 2026-12-07 14:00 UTC; read again after the next evaluation, or when you reload the page.`,
    );
  });

  it('says a read that failed while a dialog hid the page once the dialog has gone', async () => {
    const { rerender } = render(<View dialogOpen />);
    await screen.findByRole('dialog');
    const error = await proxyBadGateway();
    rerender(<View error={error} dialogOpen />);
    const unsaid = screen.getByText(/^Not up to date/);
    expect(unsaid.closest('[aria-hidden="true"]')).not.toBeNull();

    rerender(<View error={error} dialogOpen={false} />);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(/^Not up to date/),
    );
    // Its text put in anew in the same status line: said now.
    await waitFor(() => expect(unsaid).not.toBeInTheDocument());
    expect(screen.getByRole('status')).toContainElement(
      screen.getByText(/^Not up to date/),
    );
  });
});
