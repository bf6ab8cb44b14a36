import { renderInTestApp } from '@backstage/test-utils';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { AsOfPicker } from './AsOfPicker';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

function Harness(props: { initial?: Date }) {
  const [at, setAt] = useState(props.initial);
  return <AsOfPicker at={at} onChange={setAt} />;
}

describe('AsOfPicker', () => {
  it('hands focus to the input when Now is pressed, rather than losing it', async () => {
    await renderInTestApp(
      <Harness initial={new Date('2024-09-20T12:00:00Z')} />,
    );
    const now = screen.getByRole('button', { name: 'Now' });
    act(() => now.focus());
    await userEvent.keyboard('{Enter}');

    // Now is disabled once the current state shows: focus left on it would drop to the body.
    expect(now).toBeDisabled();
    const input = screen.getByLabelText('As of (your local time)');
    expect(input).toHaveFocus();
    expect(input).toHaveValue('');
    expect(input).toHaveAccessibleDescription('Showing the current state');
  });
});
