import { Progress } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { RequestErrorPanel } from './RequestErrorPanel';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

/** A read the test ends: each call waits until `succeed` or `fail` is called. */
function controlledReads() {
  const waiting: Array<{ resolve(v: string): void; reject(e: Error): void }> =
    [];
  return {
    read: () =>
      new Promise<string>((resolve, reject) =>
        waiting.push({ resolve, reject }),
      ),
    succeed: async (value: string) =>
      act(async () => waiting.shift()!.resolve(value)),
    fail: async (message: string) =>
      act(async () => waiting.shift()!.reject(new Error(message))),
  };
}

/**
 * A card as the plugin's cards read: `loadingFirst` shows a progress bar while it reads (the
 * panel leaves at once on Try again); otherwise the failure stays shown while it reads again,
 * as react-use keeps the error during a retry.
 */
function Card(props: { read: () => Promise<string>; loadingFirst: boolean }) {
  const { value, loading, error, retry } = useAsyncRetry(props.read, []);
  let body;
  if (props.loadingFirst && loading) {
    body = <Progress aria-label="Loading the things" />;
  } else if (error) {
    body = (
      <RequestErrorPanel error={error} reading="the things" onRetry={retry} />
    );
  } else if (loading) {
    body = <Progress aria-label="Loading the things" />;
  } else {
    body = <p>{value}</p>;
  }
  return (
    <section aria-label="Things">
      <h2>Things</h2>
      {body}
    </section>
  );
}

// The status line outlives a test's render (it is the page's, not a panel's).
beforeEach(() => screen.queryByTestId('stewardship-retry-status')?.remove());

const status = () => screen.getByTestId('stewardship-retry-status');
const tryAgain = () => screen.getByRole('button', { name: 'Try again' });

describe.each([
  ['a progress bar while reading', true],
  ['the failure shown while reading', false],
])('Try again on a card showing %s', (_, loadingFirst) => {
  it('keeps focus on the page and says that the read succeeded', async () => {
    const reads = controlledReads();
    await renderInTestApp(
      <Card read={reads.read} loadingFirst={loadingFirst} />,
    );
    await reads.fail('No answer');
    await userEvent.click(tryAgain());
    // Nothing is said while the read runs (Backstage's Progress shows no bar at first).
    await act(() => new Promise(resolve => setTimeout(resolve, 10)));
    expect(status()).toHaveTextContent('');
    expect(document.activeElement).not.toBe(document.body);

    await reads.succeed('Three things');
    expect(await screen.findByText('Three things')).toBeInTheDocument();
    await waitFor(() =>
      expect(status()).toHaveTextContent('Loaded the things.'),
    );
    expect(document.activeElement).not.toBe(document.body);
    expect(
      screen
        .getByRole('region', { name: 'Things' })
        .contains(document.activeElement),
    ).toBe(true);
  });

  it('says that it failed again, with focus on the new Try again', async () => {
    const reads = controlledReads();
    await renderInTestApp(
      <Card read={reads.read} loadingFirst={loadingFirst} />,
    );
    await reads.fail('No answer');
    await userEvent.click(tryAgain());

    await reads.fail('Still no answer');
    await waitFor(() =>
      expect(status()).toHaveTextContent(
        'Tried again. Could not read the things: Still no answer',
      ),
    );
    // Once React has mounted it (MUI's button cannot take focus in that commit).
    await waitFor(() => expect(tryAgain()).toHaveFocus());

    // And again: the same sentence is said once more, as a new node.
    const said = status().firstChild;
    await userEvent.click(tryAgain());
    await reads.fail('Still no answer');
    await waitFor(() => expect(status().firstChild).not.toBe(said));
    expect(status()).toHaveTextContent(
      'Tried again. Could not read the things: Still no answer',
    );
    await waitFor(() => expect(tryAgain()).toHaveFocus());
  });
});

it('says nothing about a card whose Try again was not pressed', async () => {
  const reads = controlledReads();
  await renderInTestApp(<Card read={reads.read} loadingFirst />);
  await reads.fail('No answer');
  expect(status()).toHaveTextContent('');
});
