import Dialog from '@material-ui/core/Dialog';
import DialogTitle from '@material-ui/core/DialogTitle';
import { render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { useSaidWhenShown } from './useSaidWhenShown';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

/** A page with a status line, and a dialog over it (MUI's, which hides the page meanwhile). */
function Page(props: { news?: string; dialogOpen: boolean }) {
  const region = useRef<HTMLDivElement>(null);
  const key = useSaidWhenShown(region, props.news);
  return (
    <>
      <div role="status" ref={region}>
        {props.news && <p key={key}>{props.news}</p>}
      </div>
      <Dialog open={props.dialogOpen} transitionDuration={0}>
        <DialogTitle>Record an incident</DialogTitle>
      </Dialog>
    </>
  );
}

const NEWS = 'Updated 2026-12-07 14:05 UTC: SLO availability is now at-risk.';

describe('useSaidWhenShown', () => {
  it('leaves a line given its content in sight as it is', async () => {
    const { rerender } = render(<Page dialogOpen={false} />);
    rerender(<Page news={NEWS} dialogOpen={false} />);
    const said = screen.getByText(NEWS);
    expect(screen.getByRole('status')).toHaveTextContent(NEWS);
    rerender(<Page news={NEWS} dialogOpen />);
    rerender(<Page news={NEWS} dialogOpen={false} />);
    await waitFor(() => expect(screen.getByRole('status')).toBeInTheDocument());
    // The same node: nothing new to say.
    expect(screen.getByText(NEWS)).toBe(said);
  });

  it('puts content given while a dialog hid the page in anew once it has gone', async () => {
    const { rerender } = render(<Page dialogOpen />);
    // MUI hides the page: the line is not there for screen readers.
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    rerender(<Page news={NEWS} dialogOpen />);
    const unsaid = screen.getByText(NEWS);
    expect(unsaid.closest('[aria-hidden="true"]')).not.toBeNull();

    rerender(<Page news={NEWS} dialogOpen={false} />);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(NEWS),
    );
    // In anew: a new node in the status line, which screen readers say.
    await waitFor(() => expect(unsaid).not.toBeInTheDocument());
    expect(screen.getByText(NEWS)).not.toBe(unsaid);
    // Once: the page shown again puts nothing in anew.
    const said = screen.getByText(NEWS);
    rerender(<Page news={NEWS} dialogOpen={false} />);
    expect(screen.getByText(NEWS)).toBe(said);
  });
});
