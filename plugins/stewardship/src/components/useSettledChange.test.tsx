import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { useSettledChange } from './useSettledChange';

/** A native select that passes on settled choices, and the choices it passed on. */
function Select(props: { onChange: (value: string) => void }) {
  const [value, setValue] = useState('a');
  const { shown, change, flush } = useSettledChange(value, next => {
    props.onChange(next);
    setValue(next);
  });
  return (
    <>
      <label htmlFor="s">Pick</label>
      <select
        id="s"
        value={shown}
        onChange={e => change(e.target.value)}
        onBlur={flush}
      >
        {['a', 'b', 'c', 'd'].map(v => (
          <option key={v}>{v}</option>
        ))}
      </select>
      <button onClick={() => setValue('a')}>Clear</button>
    </>
  );
}

describe('useSettledChange', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes on only the choice that stayed, once it has stayed 400 ms', () => {
    const onChange = jest.fn();
    render(<Select onChange={onChange} />);
    const select = screen.getByLabelText('Pick');
    // Arrow Down three times on a closed select: three change events, 100 ms apart.
    for (const value of ['b', 'c', 'd']) {
      fireEvent.change(select, { target: { value } });
      expect(select).toHaveValue(value); // shown at once
      act(() => jest.advanceTimersByTime(100));
    }
    expect(onChange).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(299));
    expect(onChange).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onChange.mock.calls).toEqual([['d']]);
  });

  it('passes the choice on at once when the select loses focus, and only once', () => {
    const onChange = jest.fn();
    render(<Select onChange={onChange} />);
    const select = screen.getByLabelText('Pick');
    fireEvent.change(select, { target: { value: 'c' } });
    fireEvent.blur(select);
    expect(onChange.mock.calls).toEqual([['c']]);
    act(() => jest.advanceTimersByTime(1000));
    fireEvent.blur(select);
    expect(onChange.mock.calls).toEqual([['c']]);
  });

  it('shows a value changed from outside', () => {
    const onChange = jest.fn();
    render(<Select onChange={onChange} />);
    const select = screen.getByLabelText('Pick');
    fireEvent.change(select, { target: { value: 'b' } });
    act(() => jest.advanceTimersByTime(400));
    expect(select).toHaveValue('b');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(select).toHaveValue('a');
    expect(onChange.mock.calls).toEqual([['b']]);
  });

  it('drops a waiting choice when the value changes from outside', () => {
    const onChange = jest.fn();
    render(<Select onChange={onChange} />);
    const select = screen.getByLabelText('Pick');
    fireEvent.change(select, { target: { value: 'b' } });
    act(() => jest.advanceTimersByTime(400));
    // c waits; meanwhile the value goes back to a from outside (b to a).
    fireEvent.change(select, { target: { value: 'c' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(select).toHaveValue('a');
    act(() => jest.advanceTimersByTime(1000));
    expect(onChange.mock.calls).toEqual([['b']]);
    expect(select).toHaveValue('a');
  });

  it('drops a choice that has not settled when the select goes', () => {
    const onChange = jest.fn();
    const { unmount } = render(<Select onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Pick'), {
      target: { value: 'b' },
    });
    unmount();
    act(() => jest.advanceTimersByTime(1000));
    expect(onChange).not.toHaveBeenCalled();
  });
});
