import { renderInTestApp } from '@backstage/test-utils';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { PlainCodeSnippet } from './PlainCodeSnippet';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const TEXT =
  'metadata:\n  annotations:\n    stewardship.io/owner: group:default/x';
const LABEL = 'Copy the annotation for the owner';

describe('PlainCodeSnippet with a copy label', () => {
  let copied: string[];
  let prompt: jest.SpyInstance;

  /**
   * Stands in for the browser's copy command (jsdom has none), answering `works` and recording
   * what was selected when it worked. When it refuses, copy-to-clipboard asks the user to copy the
   * text in a prompt, which is no copy of its own.
   */
  function copyCommand(works: boolean) {
    Object.defineProperty(document, 'execCommand', {
      value: jest.fn(() => {
        if (works) copied.push(document.getSelection()?.toString() ?? '');
        return works;
      }),
      configurable: true,
    });
  }

  beforeEach(() => {
    copied = [];
    prompt = jest.spyOn(window, 'prompt').mockReturnValue(null);
  });

  afterEach(() => {
    delete (document as { execCommand?: unknown }).execCommand;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  async function renderSnippet() {
    await renderInTestApp(<PlainCodeSnippet text={TEXT} copyLabel={LABEL} />);
    return {
      button: screen.getByRole('button', { name: LABEL }),
      status: screen.getByRole('status'),
    };
  }

  it('says Copied, and says it again, as a new node, on a second copy at once', async () => {
    copyCommand(true);
    const { button, status } = await renderSnippet();
    expect(status).toBeEmptyDOMElement();

    fireEvent.click(button);
    expect(copied).toEqual([TEXT]);
    expect(status).toHaveTextContent(/^Copied$/);
    const first = within(status).getByText('Copied');

    // Within the 3 s "Copied" shows: the same words left in place would not be announced.
    fireEvent.click(button);
    expect(copied).toEqual([TEXT, TEXT]);
    expect(status).toHaveTextContent(/^Copied$/);
    const second = within(status).getByText('Copied');
    expect(second).not.toBe(first);
    expect(first).not.toBeInTheDocument();
    expect(prompt).not.toHaveBeenCalled();
  });

  it('says it could not copy when the copy fell back to the browser prompt, and says it again', async () => {
    copyCommand(false);
    const { button, status } = await renderSnippet();

    fireEvent.click(button);
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(copied).toEqual([]);
    expect(status).toHaveTextContent(
      /^Could not copy: select the text and copy it$/,
    );
    const first = within(status).getByText(
      'Could not copy: select the text and copy it',
    );

    fireEvent.click(button);
    expect(prompt).toHaveBeenCalledTimes(2);
    expect(
      within(status).getByText('Could not copy: select the text and copy it'),
    ).not.toBe(first);
  });

  it('says Copied for 3 s, and that it could not copy until the next copy', async () => {
    copyCommand(true);
    const { button, status } = await renderSnippet();
    jest.useFakeTimers();

    fireEvent.click(button);
    act(() => jest.advanceTimersByTime(2_999));
    expect(status).toHaveTextContent(/^Copied$/);
    act(() => jest.advanceTimersByTime(1));
    expect(status).toBeEmptyDOMElement();

    // A second copy 2 s into the first one's 3 s: 3 s from the second.
    fireEvent.click(button);
    act(() => jest.advanceTimersByTime(2_000));
    fireEvent.click(button);
    act(() => jest.advanceTimersByTime(2_999));
    expect(status).toHaveTextContent(/^Copied$/);
    act(() => jest.advanceTimersByTime(1));
    expect(status).toBeEmptyDOMElement();

    copyCommand(false);
    fireEvent.click(button);
    act(() => jest.advanceTimersByTime(60_000));
    expect(status).toHaveTextContent(
      /^Could not copy: select the text and copy it$/,
    );

    // A copy that works after one that did not says so, and goes in 3 s.
    copyCommand(true);
    fireEvent.click(button);
    expect(status).toHaveTextContent(/^Copied$/);
    act(() => jest.advanceTimersByTime(3_000));
    expect(status).toBeEmptyDOMElement();
  });
});
