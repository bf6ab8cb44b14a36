import { errorApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DownloadCsvButton } from './DownloadCsvButton';
import { downloadText } from '../downloadText';

jest.mock('../downloadText', () => ({ downloadText: jest.fn() }));

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

describe('DownloadCsvButton', () => {
  it('keeps focus while the CSV loads, refuses a second press, then saves the file', async () => {
    let finish = (_csv: string) => {};
    const load = jest.fn(
      () =>
        new Promise<string>(resolve => {
          finish = resolve;
        }),
    );
    await renderInTestApp(
      <DownloadCsvButton load={load} fileStem="ownership-scorecard" />,
    );
    const button = screen.getByRole('button', { name: 'Download CSV' });
    act(() => button.focus());

    await userEvent.keyboard('{Enter}');
    expect(load).toHaveBeenCalledTimes(1);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(load).toHaveBeenCalledTimes(1);

    await act(async () => finish('entity\ncomponent:default/a\n'));
    await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'));
    expect(button).toHaveFocus();
    const day = new Date().toISOString().slice(0, 10);
    expect(downloadText).toHaveBeenCalledWith(
      'entity\ncomponent:default/a\n',
      `ownership-scorecard-${day}.csv`,
      'text/csv',
    );
    // Said in a polite status line: the browser's download says nothing to a screen reader.
    expect(screen.getByRole('status')).toHaveTextContent(
      `Downloading ownership-scorecard-${day}.csv.`,
    );
  });

  it('says what could not be downloaded, in words, when the request fails', async () => {
    const posted: Error[] = [];
    await renderInTestApp(
      <TestApiProvider
        apis={[[errorApiRef, { post: (e: Error) => posted.push(e) } as any]]}
      >
        <DownloadCsvButton
          load={() => Promise.reject(new TypeError('Failed to fetch'))}
          fileStem="ownership-scorecard"
        />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].message).toBe(
      'Could not download the CSV: The stewardship backend could not be reached: Failed to fetch',
    );
    expect(screen.getByRole('status')).toHaveTextContent('');
  });
});
