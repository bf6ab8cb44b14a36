/*
 * The ownership scorecard and Backstage signals: an exemption or a confirmation anywhere (the
 * channel `stewardship:ownership`) is read in place, the same query again, the figures staying
 * on screen until the answer; a read that fails keeps them with a note saying so and as of when.
 */
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { OwnershipScorecard } from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipScorecardQuery } from '../../api';
import {
  BAD_GATEWAY_SAID,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { scorecard } from '../../__testUtils__/fixtures';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { StewardshipPage } from './StewardshipPage';

/** The channel the backend publishes on (OwnershipChangeSignaller), spelled out: a contract. */
const OWNERSHIP_SIGNAL_CHANNEL = 'stewardship:ownership';

/** The scorecard once the one entity missing an engineering owner was exempted. */
const exempted: OwnershipScorecard = {
  ...scorecard,
  generatedAt: '2024-05-03T06:05:00Z',
  summary: {
    ...scorecard.summary,
    roles: {
      ...scorecard.summary.roles,
      engineering: {
        ...scorecard.summary.roles.engineering,
        missing: 0,
        exempt: 1,
      },
    },
  },
};

jest.setTimeout(30_000);

describe('the ownership scorecard and Backstage signals', () => {
  it('reads the same query again in place on a signal, and keeps the figures through a failed read', async () => {
    const signals = fakeSignals();
    let current = scorecard;
    let down = false;
    const asked: OwnershipScorecardQuery[] = [];
    const api = mockStewardshipApi({
      getOwnershipScorecard: async (query?: OwnershipScorecardQuery) => {
        asked.push(query!);
        if (down) throw await proxyBadGateway();
        return current;
      },
    });
    await renderWithApi(
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        <StewardshipPage />
      </TestApiProvider>,
      api,
      { routeEntries: ['/?kind=component&page=2'] },
    );
    expect(
      await screen.findByText('1 missing (none declared)'),
    ).toBeInTheDocument();
    expect(signals.listening(OWNERSHIP_SIGNAL_CHANNEL)).toBe(1);
    expect(asked).toHaveLength(1);

    current = exempted;
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    await waitFor(() =>
      expect(screen.queryByText('1 missing (none declared)')).toBeNull(),
    );
    // The query the page shows, again; no progress bar in the figures' place meanwhile.
    expect(asked).toEqual([asked[0], asked[0]]);
    // `page` counts from 0: the third page of 20.
    expect(asked[0]).toMatchObject({ kind: 'component', offset: 40 });
    expect(screen.queryByRole('progressbar')).toBeNull();

    down = true;
    await new Promise(r => setTimeout(r, 1100));
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    const note = await screen.findByText(text =>
      text.startsWith(
        `Not up to date: could not read the scorecard again (${BAD_GATEWAY_SAID}). Shown as of `,
      ),
    );
    expect(note.textContent).toMatch(
      /read again after the next exemption or confirmation, or when you reload the page\.$/,
    );
    // The figures as they were, not an error panel.
    expect(screen.getByText('Coverage')).toBeInTheDocument();
    expect(screen.queryByText(/^Could not read/)).toBeNull();
  });
});
