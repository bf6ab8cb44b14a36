/*
 * The Ownership tab, its overview card and Backstage signals: an exemption granted or an owner
 * confirmed elsewhere (the channel `stewardship:ownership`) is read in place, the roles staying on
 * screen until the answer; a read that fails keeps them with a note saying so; another channel
 * reads nothing.
 */
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { EntityOwnership } from '@stewardship/backstage-plugin-stewardship-common';
import {
  BAD_GATEWAY_SAID,
  proxyBadGateway,
} from '../../__testUtils__/backendError';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import {
  businessOk,
  engineeringExempted,
  ownership,
  productInherited,
} from '../../__testUtils__/fixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { EntityOwnershipCard } from '../EntityOwnershipCard';
import { EntityOwnershipContent } from './EntityOwnershipContent';
import { OWNERSHIP_SILENCE_READ_MS } from '../../hooks/useOwnershipSignal';

/** The channel the backend publishes on (OwnershipChangeSignaller), spelled out: a contract. */
const OWNERSHIP_SIGNAL_CHANNEL = 'stewardship:ownership';

/** The same entity once someone exempted its engineering owner. */
const exempted: EntityOwnership = {
  ...ownership,
  compliant: true,
  roles: [businessOk, productInherited, engineeringExempted()],
};

/** Renders `element` with a signal API; reads answer `answer()`, or fail while `down()`. */
async function renderWithSignals(
  element: JSX.Element,
  answer: () => EntityOwnership,
  down: () => boolean = () => false,
) {
  const signals = fakeSignals();
  let reads = 0;
  const api = mockStewardshipApi({
    getEntityOwnership: async () => {
      reads += 1;
      if (down()) throw await proxyBadGateway();
      return answer();
    },
  });
  await renderWithApi(
    <TestApiProvider apis={[[signalApiRef, signals.api]]}>
      {element}
    </TestApiProvider>,
    api,
    { entity: testEntity },
  );
  return { signals, reads: () => reads };
}

describe('the Ownership tab and Backstage signals', () => {
  it('reads the roles again in place when the backend signals an ownership change', async () => {
    let current = ownership;
    const { signals, reads } = await renderWithSignals(
      <EntityOwnershipContent />,
      () => current,
    );
    await screen.findByText(
      '1 role needs attention: Engineering owner (missing).',
    );
    expect(signals.listening(OWNERSHIP_SIGNAL_CHANNEL)).toBe(1);

    // Another channel is none of its business.
    act(() => signals.send('stewardship:slos'));
    await new Promise(r => setTimeout(r, 50));
    expect(reads()).toBe(1);

    current = exempted;
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    // The banner, a status, says what it is now: the change is heard, not only seen.
    expect(
      (
        await screen.findByText(
          'All required ownership roles are in place or exempt (Engineering owner).',
        )
      ).closest('[role]'),
    ).toHaveAttribute('role', 'status');
    expect(reads()).toBe(2);
    // Read in place: no progress bar took the roles' place.
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('exempt')).toBeInTheDocument();
    // What changed, and who changed it, shown and said in a status line of its own (set once
    // the new roles have rendered: awaited, not read in the same breath as the banner).
    const news = await screen.findByText(
      /^Updated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: The engineering owner is now exempt \(was missing\), exempted by jane\.$/,
    );
    expect(news.closest('[role="status"]')).not.toBeNull();
  });

  it('reads the owners again after ten minutes without a signal, and says what changed in the catalog', async () => {
    // Fake timers that follow the real clock too, so reading and rendering go on as usual.
    jest.useFakeTimers({ advanceTimers: true });
    try {
      let current = ownership;
      const { reads } = await renderWithSignals(
        <EntityOwnershipContent />,
        () => current,
      );
      await screen.findByText(
        '1 role needs attention: Engineering owner (missing).',
      );
      // Someone adds the annotation in the catalog, which signals nothing.
      current = {
        ...ownership,
        compliant: true,
        roles: [
          businessOk,
          productInherited,
          { ...businessOk, role: 'engineering' },
        ],
      };
      act(() => jest.advanceTimersByTime(OWNERSHIP_SILENCE_READ_MS - 1000));
      expect(reads()).toBe(1);
      act(() => jest.advanceTimersByTime(1000));
      expect(
        await screen.findByText(
          /^Updated .* UTC: The engineering owner is now ok \(was missing\)\.$/,
        ),
      ).toBeInTheDocument();
      expect(reads()).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads the owners again when an exemption ends, with no signal, and says it expired', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      // As of 10:00 on the backend's clock, the exemption ending at 10:03: the answer holds
      // until then.
      const endsAt = '2026-12-07T10:03:00.000Z';
      const exemptUntil: EntityOwnership = {
        ...exempted,
        roles: [
          businessOk,
          productInherited,
          {
            ...engineeringExempted('user:default/jane'),
            exemption: {
              ...engineeringExempted('user:default/jane').exemption!,
              expiresAt: endsAt,
            },
          },
        ],
        evaluatedAt: '2026-12-07T10:00:00.000Z',
        validUntil: endsAt,
      };
      let current = exemptUntil;
      const { reads } = await renderWithSignals(
        <EntityOwnershipContent />,
        () => current,
      );
      await screen.findByText(
        'All required ownership roles are in place or exempt (Engineering owner).',
      );
      current = { ...ownership, evaluatedAt: '2026-12-07T10:03:01.000Z' };
      // Three minutes, and the second of slack, after the answer: not before.
      act(() => jest.advanceTimersByTime(3 * 60_000));
      expect(reads()).toBe(1);
      act(() => jest.advanceTimersByTime(1000));
      expect(
        await screen.findByText(
          /^Updated .* UTC: The engineering owner is now missing \(was exempt\): its exemption expired\.$/,
        ),
      ).toBeInTheDocument();
      expect(reads()).toBe(2);
      expect(
        screen.getByText(
          '1 role needs attention: Engineering owner (missing).',
        ),
      ).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says nothing new after a signal that changed nothing it names', async () => {
    const { signals, reads } = await renderWithSignals(
      <EntityOwnershipContent />,
      () => ({ ...ownership }),
    );
    await screen.findByText(
      '1 role needs attention: Engineering owner (missing).',
    );
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    await waitFor(() => expect(reads()).toBe(2));
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByText(/^Updated /)).toBeNull();
  });

  it('keeps the roles when the read after a signal fails, says so, and reads again at the next', async () => {
    let down = false;
    let current = ownership;
    const { signals } = await renderWithSignals(
      <EntityOwnershipContent />,
      () => current,
      () => down,
    );
    await screen.findByText(
      '1 role needs attention: Engineering owner (missing).',
    );

    down = true;
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    const note = await screen.findByText(
      `Not up to date: could not read the owners again (${BAD_GATEWAY_SAID}). Shown as last read; read again after the next exemption or confirmation, or when you reload the page.`,
    );
    expect(note.closest('[role]')).toHaveAttribute('role', 'status');
    // The tab as it was: its roles, no error panel in their place.
    expect(
      screen.getByText('1 role needs attention: Engineering owner (missing).'),
    ).toBeInTheDocument();
    expect(screen.getByText('Engineering owner')).toBeInTheDocument();
    expect(screen.queryByText(/^Could not read/)).toBeNull();

    down = false;
    current = exempted;
    // The next signal, after the burst window of the first.
    await new Promise(r => setTimeout(r, 1100));
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    await screen.findByText(
      'All required ownership roles are in place or exempt (Engineering owner).',
    );
    expect(screen.queryByText(/^Not up to date/)).toBeNull();
  });

  it('reads the overview card again in place, and keeps it through a failed read', async () => {
    let down = false;
    let current = ownership;
    const { signals, reads } = await renderWithSignals(
      <EntityOwnershipCard />,
      () => current,
      () => down,
    );
    expect(
      await screen.findByText('1 role needs attention'),
    ).toBeInTheDocument();

    current = exempted;
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    expect(
      await screen.findByText('All required roles in place'),
    ).toBeInTheDocument();
    expect(reads()).toBe(2);
    expect(screen.queryByRole('progressbar')).toBeNull();

    down = true;
    await new Promise(r => setTimeout(r, 1100));
    act(() => signals.send(OWNERSHIP_SIGNAL_CHANNEL));
    expect(
      await screen.findByText(
        /^Not up to date: could not read the owners again/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('All required roles in place')).toBeInTheDocument();
    expect(screen.getByText('exempt')).toBeInTheDocument();
  });
});
