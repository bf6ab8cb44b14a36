import { renderInTestApp } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { BusyButton } from './BusyButton';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

/** A button whose action waits for the test to finish it. */
function Harness(props: { action: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <form onSubmit={e => e.preventDefault()}>
      <BusyButton
        variant="outlined"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          await props.action();
          setBusy(false);
        }}
      >
        Confirm
      </BusyButton>
    </form>
  );
}

describe('BusyButton', () => {
  it('keeps focus while its action runs, refusing presses until it is done', async () => {
    let finish = () => {};
    const action = jest.fn(
      () =>
        new Promise<void>(resolve => {
          finish = resolve;
        }),
    );
    await renderInTestApp(<Harness action={action} />);
    const button = screen.getByRole('button', { name: 'Confirm' });
    act(() => button.focus());

    await userEvent.keyboard('{Enter}');
    expect(action).toHaveBeenCalledTimes(1);
    // Busy: unavailable to assistive technology, but focus stays (`disabled` would drop it).
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).not.toBeDisabled();
    expect(button).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    await userEvent.click(button);
    expect(action).toHaveBeenCalledTimes(1);

    await act(async () => finish());
    await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'));
    expect(button).not.toHaveAttribute('aria-busy');
    expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(action).toHaveBeenCalledTimes(2);
  });
});
