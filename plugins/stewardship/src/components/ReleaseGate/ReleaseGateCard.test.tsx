import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import {
  ReleaseGate,
  decideReleaseGate,
} from '@stewardship/backstage-plugin-stewardship-common';
import { backendError } from '../../__testUtils__/backendError';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { ReleaseGateCard } from './ReleaseGateCard';
import { untilButtonMounted } from '../../__testUtils__/untilMounted';

// Dialog interactions are slow on a loaded 2-core machine.
jest.setTimeout(30_000);

const REF = 'component:default/checkout';
const policy = {
  exhausted: 'block' as const,
  atRisk: 'warn' as const,
  noData: 'warn' as const,
  noSlos: 'allow' as const,
  sloLabels: {},
};

const blocked: ReleaseGate = {
  entityRef: REF,
  decision: 'block',
  policyDecision: 'block',
  countedSlos: 2,
  policy,
  evaluatedAt: '2026-11-30T12:00:00.000Z',
  reasons: [
    {
      slo: { id: 's1', name: 'availability' },
      status: 'exhausted',
      decision: 'block',
      budgetRemaining: -0.25,
      firingPolicies: ['page-1h'],
      explanation:
        '"availability" has spent its error budget (\u221225 % left).',
    },
  ],
};

describe('ReleaseGateCard', () => {
  it('says the decision in words, with each reason and its figures', async () => {
    const calls: unknown[][] = [];
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async (...args: unknown[]) => {
          calls.push(args);
          return blocked;
        },
      }),
    );
    expect(
      await screen.findByText(
        /^Block: no releases until the error budget recovers/,
      ),
    ).toBeInTheDocument();
    expect(calls).toEqual([
      [REF, { at: undefined, signal: expect.any(AbortSignal) }],
    ]);
    expect(
      screen.getByText('2 SLOs counted under the error-budget policy.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'block: "availability" has spent its error budget (\u221225 % left).',
      ),
    ).toBeInTheDocument();
    // −0.25 × 100 = −25, to one decimal as in the reason: −25 %.
    expect(
      screen.getByText(
        'status exhausted · budget left −25 % · firing: page-1h',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Override the block…' }),
    ).toBeInTheDocument();
  });

  it.each([
    ['allows with SLOs counted', 2, undefined, 'Status ok'],
    // Nothing measured: no green tick for SLOs that are not there.
    ['allows with no SLO counted', 0, undefined, 'Status aborted'],
    // noData: allow with one of two counted SLOs measured: one figure says all is well.
    ['allows with 1 of 2 counted SLOs without data', 2, 1, 'Status ok'],
    // noData: allow with no counted SLO measured: nothing says all is well.
    ['allows with every counted SLO without data', 2, 2, 'Status aborted'],
  ])(
    'marks a gate that %s by its icon beside the words',
    async (_, countedSlos, countedWithoutData, icon) => {
      const { container } = await renderWithApi(
        <ReleaseGateCard entityRef={REF} />,
        mockStewardshipApi({
          getEntityReleaseGate: async () => ({
            ...blocked,
            decision: 'allow',
            policyDecision: 'allow',
            reasons: [],
            countedSlos,
            ...(countedWithoutData && { countedWithoutData }),
          }),
        }),
      );
      const decision = await screen.findByText(/^Allow: releases may go ahead/);
      expect(
        [...container.querySelectorAll('[aria-label^="Status"]')].map(el =>
          el.getAttribute('aria-label'),
        ),
      ).toEqual([icon]);
      expect(decision.parentElement).toContainElement(
        container.querySelector(`[aria-label="${icon}"]`) as HTMLElement,
      );
    },
  );

  it('lists a note (an SLO the policy allows without data, last known exhausted) apart from the reasons, and names it in the decision', async () => {
    const noted: ReleaseGate = {
      ...blocked,
      decision: 'allow',
      policyDecision: 'allow',
      countedSlos: 1,
      policy: { ...policy, noData: 'allow' },
      reasons: [],
      notes: [
        {
          slo: { id: 's1', name: 'availability' },
          status: 'no-data',
          explanation: '"availability" has no data: Prometheus answered 503',
          lastKnown: {
            status: 'exhausted',
            budgetRemaining: -1.413,
            at: '2026-11-30T10:05:42.000Z',
          },
        },
      ],
    };
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({ getEntityReleaseGate: async () => noted }),
    );
    expect(
      await screen.findByText(
        'Allow: releases may go ahead, as the policy allows SLOs without recent data; but “availability” was last known exhausted.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Reasons' })).toBeNull();
    const notes = screen.getByRole('list', { name: 'Notes' });
    // −1.413 → −141.3 % (typographic minus); 10:05:42 → 10:05 UTC.
    expect(
      within(notes).getByText(
        'note: "availability" has no data: Prometheus answered 503. Last known: exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC. The error-budget policy allows SLOs without data (noData: allow), so it does not hold releases back.',
      ),
    ).toBeInTheDocument();
    expect(
      within(notes).getByText('status no-data · last known exhausted'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Override the block…' }),
    ).toBeNull();
  });

  it("shows the gate's own reasons with the budget and the moment as the rest of the product writes them", async () => {
    const { reasons } = decideReleaseGate(
      [
        {
          slo: { id: 's1', name: 'availability', labels: {} },
          stale: false,
          evaluation: {
            status: 'exhausted',
            at: '2026-11-30T12:00:00.000Z',
            errorBudget: {
              remaining: -1.4299,
              consumed: 2.4299,
              allowedBad: 100,
              bad: 242.99,
            },
            alerts: [],
          },
        },
        {
          slo: { id: 's2', name: 'latency', labels: {} },
          stale: true,
          evaluation: {
            status: 'healthy',
            at: '2026-11-29T08:05:59.000Z',
            alerts: [],
          },
        },
      ],
      policy,
    );
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async () => ({ ...blocked, reasons }),
      }),
    );
    // −1.4299 × 100 = −142.99; to one decimal −143.0, read −143 with a typographic minus, in
    // the reason and beside it alike (the SLOs tab's row reads "−143 % left (overspent)").
    expect(
      await screen.findByText(
        'block: "availability" has spent its error budget (\u2212143 % left).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('status exhausted · budget left \u2212143 %'),
    ).toBeInTheDocument();
    // 2026-11-29T08:05:59.000Z to the minute, UTC (seconds cut, not rounded up).
    expect(
      screen.getByText(
        'warn: "latency" was last evaluated as of 2026-11-29 08:05 UTC, too long ago to trust.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('status stale')).toBeInTheDocument();
  });

  it('says beside a reason without data what its SLO was last known to be, in words', async () => {
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async (): Promise<ReleaseGate> => ({
          ...blocked,
          decision: 'warn',
          policyDecision: 'warn',
          countedSlos: 1,
          reasons: [
            {
              slo: { id: 's1', name: 'availability' },
              status: 'no-data',
              decision: 'warn',
              firingPolicies: [],
              explanation:
                '"availability" has no data: Metric source "prometheus" failed: connect ECONNREFUSED',
              lastKnown: {
                status: 'exhausted',
                budgetRemaining: -1.413,
                at: '2026-11-30T10:05:59.000Z',
              },
            },
          ],
        }),
      }),
    );
    // The policy's decision is unchanged (no data warns); the reason adds a full stop after the
    // source's answer, then −1.413 × 100 = −141.3 % with a typographic minus and the moment to the
    // minute in UTC. "exhausted" is a word, not a colour.
    expect(
      await screen.findByText(
        'warn: "availability" has no data: Metric source "prometheus" failed: connect ECONNREFUSED. ' +
          'Last known: exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('status no-data')).toBeInTheDocument();
    expect(
      screen.getByText(/^Warn: releases may go ahead/),
    ).toBeInTheDocument();
  });

  it('shows an override with who, until when and why, and offers no second one', async () => {
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async () => ({
          ...blocked,
          decision: 'warn',
          override: {
            id: 'o1',
            entityRef: REF,
            justification: 'CVE fix',
            createdBy: 'user:default/jane',
            createdAt: '2026-11-30T11:00:00.000Z',
            expiresAt: '2026-12-01T11:00:00.000Z',
          },
        }),
      }),
    );
    expect(
      await screen.findByText(/^Warn: releases may go ahead/),
    ).toBeInTheDocument();
    // 2026-12-01T11:00:00.000Z to the minute, UTC, whatever the viewer's zone.
    // Who, as the catalog names them (here without a catalog: the user's name), linked.
    const notice = screen.getByText(/^Overridden by/);
    expect(notice).toHaveTextContent(
      'Overridden by jane until 2026-12-01 11:00 UTC: “CVE fix”. The policy alone says block.',
    );
    expect(within(notice).getByRole('link', { name: 'jane' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(
      screen.queryByRole('button', { name: /Override/ }),
    ).not.toBeInTheDocument();
  });

  it('reads the gate again when its answer stops holding (the override ends), and shows the block', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const override = {
        id: 'o1',
        entityRef: REF,
        justification: 'CVE fix',
        createdBy: 'user:default/jane',
        createdAt: '2026-11-30T11:00:00.000Z',
        expiresAt: '2026-11-30T12:05:00.000Z',
      };
      const answers: ReleaseGate[] = [
        // As of 12:00, overridden until 12:05: the answer holds until then.
        {
          ...blocked,
          decision: 'warn',
          override,
          validUntil: override.expiresAt,
        },
        { ...blocked, evaluatedAt: '2026-11-30T12:05:01.000Z' },
      ];
      let reads = 0;
      await renderWithApi(
        <ReleaseGateCard entityRef={REF} />,
        mockStewardshipApi({
          getEntityReleaseGate: async () => answers[reads++],
        }),
      );
      expect(
        await screen.findByText(/^Warn: releases may go ahead/),
      ).toBeInTheDocument();
      // Just before the override ends (and the second of slack): nothing read.
      act(() => jest.advanceTimersByTime(5 * 60_000));
      expect(reads).toBe(1);
      act(() => jest.advanceTimersByTime(1000));
      expect(
        await screen.findByText(
          /^Block: no releases until the error budget recovers/,
        ),
      ).toBeInTheDocument();
      expect(reads).toBe(2);
      expect(screen.queryByText('Override in force')).not.toBeInTheDocument();
      // The decision changed by itself: a status line shows and says what happened, as of the
      // second answer's moment (set once the new decision has rendered).
      expect(
        await screen.findByText(
          'Updated 2026-11-30 12:05 UTC: The release gate now says block (was warn): the override by jane ended.',
        ),
      ).toBeInTheDocument();
      expect(
        screen
          .getByText(/^Updated 2026-11-30 12:05 UTC/)
          .closest('[role="status"]'),
      ).not.toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('asks for the moment it shows, and offers no override for a past moment', async () => {
    const at = new Date('2026-11-01T00:00:00.000Z');
    const calls: unknown[][] = [];
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} at={at} />,
      mockStewardshipApi({
        getEntityReleaseGate: async (...args: unknown[]) => {
          calls.push(args);
          return blocked;
        },
      }),
    );
    await screen.findByText(/^Block:/);
    expect(calls).toEqual([[REF, { at, signal: expect.any(AbortSignal) }]]);
    expect(
      screen.queryByRole('button', { name: /Override/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'Overrides are granted for now, not for a past moment: choose Now to override this block.',
      ),
    ).toBeInTheDocument();
  });

  it('offers no override to a viewer the policy denies', async () => {
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({ getEntityReleaseGate: async () => blocked }),
      {
        permissionApi: mockApis.permission({ authorize: AuthorizeResult.DENY }),
      },
    );
    expect(await screen.findByText(/^Block:/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Override/ })).toBeNull();
    // Said where the button would be: what it takes, and whom to ask.
    expect(
      screen.getByText(
        'Only people the permission policy allows to override the release gate can grant an override. Ask the owners of this entity or your Backstage admins.',
      ),
    ).toBeInTheDocument();
    // The permission's id is for admins (the README), not for the viewer.
    expect(
      screen.queryByText(/stewardship\.release-gate\.override/),
    ).toBeNull();
  });

  it('shows loading, then an error with Try again, which reads the gate again', async () => {
    let fail: (e: Error) => void = () => {};
    let answer: (gate: ReleaseGate) => void = () => {};
    let reads = 0;
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: () => {
          reads += 1;
          return reads === 1
            ? new Promise((_, reject) => (fail = reject))
            : new Promise(resolve => (answer = resolve));
        },
      }),
    );
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the release gate',
      }),
    ).toBeInTheDocument();
    fail(new Error('backend down'));
    expect(
      await screen.findByText(/Could not read the release gate: backend down/),
    ).toBeInTheDocument();
    const tryAgain = screen.getByRole('button', { name: 'Try again' });
    await untilButtonMounted(tryAgain);
    act(() => tryAgain.focus());
    await userEvent.keyboard('{Enter}');
    // While it reads, the panel and its button stay (busy), and so does focus.
    await waitFor(() => expect(tryAgain).toHaveAttribute('aria-busy', 'true'));
    expect(tryAgain).toHaveFocus();
    answer(blocked);
    const decision = await screen.findByText(
      /^Block: no releases until the error budget recovers/,
    );
    expect(reads).toBe(2);
    // Asked for, and focused: not news.
    expect(screen.queryByText(/^Updated /)).not.toBeInTheDocument();
    // The button went with the error: focus is on the decision, not lost to the page.
    await waitFor(() => expect(decision).toHaveFocus());
  });

  it('records an override with the justification and the expiry as an instant, then reloads', async () => {
    let gate: ReleaseGate = blocked;
    const created: unknown[][] = [];
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async () => gate,
        createReleaseGateOverride: async (...args: unknown[]) => {
          created.push(args);
          gate = { ...blocked, decision: 'warn' };
          return {} as any;
        },
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Override the block…' }),
    );
    // Empty justification: refused in the form, nothing sent.
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));
    expect(
      await screen.findByText('Say why the release may go ahead.'),
    ).toBeInTheDocument();
    expect(created).toEqual([]);

    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Security fix' },
    });
    // Far ahead: a moment already past is refused in the form (2030 would be, from that year on).
    fireEvent.change(screen.getByLabelText(/Expires/), {
      target: { value: '2099-01-02T03:04' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));
    await waitFor(() => expect(created).toHaveLength(1));
    // The local wall time the user picked, as an instant.
    expect(created[0]).toEqual([
      REF,
      {
        justification: 'Security fix',
        expiresAt: new Date(2099, 0, 2, 3, 4).toISOString(),
      },
    ]);
    expect(
      await screen.findByText(/^Warn: releases may go ahead/),
    ).toBeInTheDocument();
    // Made here, and said by the notice that takes focus: no news line besides.
    expect(screen.queryByText(/^Updated /)).not.toBeInTheDocument();
  });

  it('hands focus to the new override once granted (its button is gone by then)', async () => {
    let gate: ReleaseGate = blocked;
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async () => gate,
        createReleaseGateOverride: async () => {
          gate = {
            ...blocked,
            decision: 'warn',
            override: {
              id: 'o1',
              entityRef: REF,
              justification: 'Security fix',
              createdBy: 'user:default/jane',
              createdAt: '2026-11-30T11:00:00.000Z',
              expiresAt: '2030-01-02T03:04:00.000Z',
            },
          };
          return {} as any;
        },
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Override the block…' }),
    );
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Security fix' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));

    // Focus on a status named by its title, its text read in it; no alert (nothing urgent).
    const notice = await screen.findByRole('status', {
      name: 'Override in force',
    });
    await waitFor(() => expect(notice).toHaveFocus());
    // Described by its text: read with its name and role, not only "Override in force, status".
    expect(notice).toHaveAccessibleDescription(
      'Overridden by jane until 2030-01-02 03:04 UTC: “Security fix”. The policy alone says block.',
    );
    expect(notice).toHaveTextContent(
      'Override in forceOverridden by jane until 2030-01-02 03:04 UTC: “Security fix”. The policy alone says block.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Override the block…' }),
    ).not.toBeInTheDocument();
  });

  it('refuses an expiry that is not in the future before sending, and offers none in the picker', async () => {
    const created: unknown[] = [];
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async () => blocked,
        createReleaseGateOverride: async (...args: unknown[]) => {
          created.push(args);
          // What the backend answers.
          throw new Error(
            'Invalid request body "expiresAt": must be in the future',
          );
        },
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Override the block…' }),
    );
    const expires = screen.getByLabelText(/Expires/);
    // The earliest the picker offers is the next minute, in local time.
    const min = new Date(expires.getAttribute('min')!).getTime();
    expect(min).toBeGreaterThan(Date.now());
    expect(min).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(expires).not.toHaveAttribute('max');

    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Security fix' },
    });
    fireEvent.change(expires, { target: { value: '2025-06-01T12:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));
    // Said under the field it is about.
    await waitFor(() =>
      expect(expires).toHaveAccessibleDescription(
        'Expires must be in the future',
      ),
    );
    expect(screen.queryByText(/Invalid request body/)).toBeNull();
    expect(created).toEqual([]);
  });

  it("puts the server's 400 on the field it names", async () => {
    const error = await backendError(
      400,
      'Invalid request body "expiresAt": an override lasts at most 7 days (stewardship.errorBudgetPolicy.maxOverrideDays)',
    );
    await renderWithApi(
      <ReleaseGateCard entityRef={REF} />,
      mockStewardshipApi({
        getEntityReleaseGate: async () => blocked,
        createReleaseGateOverride: () => Promise.reject(error),
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Override the block…' }),
    );
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Security fix' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));
    expect(
      await screen.findByText(/an override lasts at most 7 days/, undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    const expires = screen.getByLabelText(/Expires/);
    await waitFor(() =>
      expect(expires).toHaveAccessibleDescription(
        /an override lasts at most 7 days/,
      ),
    );
    expect(expires).toHaveAttribute('aria-invalid', 'true');
  });
});
