import { renderInTestApp } from '@backstage/test-utils';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { AS_OF_SETTLE_MS, AsOfPicker } from './AsOfPicker';
import { halfTyped } from '../../__testUtils__/halfTyped';

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

  describe('a typed moment', () => {
    const settled = () =>
      new Promise(resolve => setTimeout(resolve, AS_OF_SETTLE_MS + 200));
    const local = (value: string) => new Date(value);

    async function renderPicker(at?: Date) {
      const onChange = jest.fn();
      await renderInTestApp(<AsOfPicker at={at} onChange={onChange} />);
      return {
        onChange,
        input: screen.getByLabelText('As of (your local time)'),
      };
    }

    it('is shown once typing pauses: each field typed completes a moment, only the last is read', async () => {
      const { onChange, input } = await renderPicker();
      // The hour typed, then the minutes: two complete moments in a row.
      fireEvent.change(input, { target: { value: '2024-09-30T23:00' } });
      fireEvent.change(input, { target: { value: '2024-09-30T23:59' } });
      expect(onChange).not.toHaveBeenCalled();
      await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
      expect(onChange).toHaveBeenCalledWith(local('2024-09-30T23:59'));
      await settled();
      expect(onChange).toHaveBeenCalledTimes(1);
    });

    it('is shown at once on Enter or when the input loses focus, and only once', async () => {
      const { onChange, input } = await renderPicker();
      fireEvent.change(input, { target: { value: '2024-09-30T23:59' } });
      fireEvent.keyDown(input, { key: 'Enter' });
      expect(onChange).toHaveBeenCalledWith(local('2024-09-30T23:59'));
      fireEvent.change(input, { target: { value: '2024-08-01T10:00' } });
      fireEvent.blur(input);
      expect(onChange).toHaveBeenLastCalledWith(local('2024-08-01T10:00'));
      await settled();
      expect(onChange).toHaveBeenCalledTimes(2);
    });

    it('half-typed (a part deleted) says so and keeps the moment shown, rather than jumping to now', async () => {
      const { onChange, input } = await renderPicker(
        new Date('2024-09-20T12:00:00Z'),
      );
      // jsdom implements no half-typed entries: the input's validity says it holds one, and its
      // value is '' as a browser reports it.
      let bad = true;
      halfTyped(input, () => bad);
      fireEvent.change(input, { target: { value: '' } });
      fireEvent.blur(input);
      await settled();
      expect(onChange).not.toHaveBeenCalled();
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(input).toHaveAccessibleDescription(
        'Enter a complete date and time (or clear the field)',
      );

      // Cleared after that (no change fires: the value stays ''): the current state, once left.
      bad = false;
      fireEvent.blur(input);
      expect(onChange.mock.calls).toEqual([[undefined]]);
      expect(input).toHaveAttribute('aria-invalid', 'false');
    });

    it('waiting when Now is pressed is dropped: the current state shows', async () => {
      // Showing a past moment; another one typed, then Now.
      const { onChange, input } = await renderPicker(
        new Date('2024-09-20T12:00:00Z'),
      );
      fireEvent.change(input, { target: { value: '2024-09-30T23:59' } });
      fireEvent.click(screen.getByRole('button', { name: 'Now' }));
      await settled();
      expect(onChange.mock.calls).toEqual([[undefined]]);
    });
  });
});
