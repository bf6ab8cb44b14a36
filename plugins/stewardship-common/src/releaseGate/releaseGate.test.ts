import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ErrorBudgetPolicy,
  ReleaseGateInput,
  allowedWithoutData,
  applyOverride,
  decideReleaseGate,
  explanationWithLastKnown,
  lastKnownBreach,
  releaseGateNoteText,
} from './releaseGate';

const alert = (name: string, firing: boolean) => ({
  policy: {
    name,
    severity: 'page' as const,
    burnRate: 14.4,
    longWindow: '1h',
    shortWindow: '5m',
  },
  firing,
});

function slo(
  name: string,
  status: 'healthy' | 'at-risk' | 'exhausted' | 'no-data' | undefined,
  options: {
    remaining?: number;
    stale?: boolean;
    labels?: Record<string, string>;
    firing?: string[];
  } = {},
): ReleaseGateInput {
  return {
    slo: { id: `id-${name}`, name, labels: options.labels ?? {} },
    stale: options.stale ?? false,
    ...(status && {
      evaluation: {
        status,
        at: '2026-11-30T12:00:00.000Z',
        ...(status === 'no-data' && { reason: 'Prometheus answered 503' }),
        ...(options.remaining !== undefined && {
          errorBudget: {
            remaining: options.remaining,
            consumed: 1 - options.remaining,
            allowedBad: 100,
            bad: 100 * (1 - options.remaining),
          },
        }),
        alerts: [
          alert('page-1h', options.firing?.includes('page-1h') ?? false),
          alert('ticket-3d', options.firing?.includes('ticket-3d') ?? false),
        ],
      },
    }),
  };
}

const policy = DEFAULT_ERROR_BUDGET_POLICY;

describe('decideReleaseGate', () => {
  it('allows when every counted SLO is healthy, and gives no reasons', () => {
    expect(
      decideReleaseGate([slo('a', 'healthy', { remaining: 0.8 })], policy),
    ).toEqual({ decision: 'allow', reasons: [], countedSlos: 1 });
  });

  it('blocks on any exhausted SLO, with every non-allow reason, strictest first', () => {
    const result = decideReleaseGate(
      [
        slo('checkout', 'at-risk', { remaining: 0.25, firing: ['page-1h'] }),
        slo('api', 'healthy', { remaining: 0.9 }),
        slo('search', 'exhausted', {
          remaining: -0.125,
          firing: ['page-1h', 'ticket-3d'],
        }),
      ],
      policy,
    );
    expect(result.decision).toBe('block');
    expect(result.countedSlos).toBe(3);
    expect(result.reasons).toEqual([
      {
        slo: { id: 'id-search', name: 'search' },
        status: 'exhausted',
        decision: 'block',
        budgetRemaining: -0.125,
        firingPolicies: ['page-1h', 'ticket-3d'],
        // −0.125 × 100 = −12.5, one decimal as the SLOs tab's row writes it, typographic minus.
        explanation: '"search" has spent its error budget (\u221212.5 % left).',
      },
      {
        slo: { id: 'id-checkout', name: 'checkout' },
        status: 'at-risk',
        decision: 'warn',
        budgetRemaining: 0.25,
        firingPolicies: ['page-1h'],
        explanation:
          '"checkout" burns its budget too fast: page-1h firing, 25 % left.',
      },
    ]);
  });

  it('treats no data, never evaluated and stale alike, as the policy says (fail open or closed)', () => {
    const inputs = [
      slo('down', 'no-data'),
      slo('new', undefined),
      slo('old', 'healthy', { remaining: 0.5, stale: true }),
    ];
    const open = decideReleaseGate(inputs, { ...policy, noData: 'allow' });
    expect(open).toEqual({ decision: 'allow', reasons: [], countedSlos: 3 });

    const closed = decideReleaseGate(inputs, { ...policy, noData: 'block' });
    expect(closed.decision).toBe('block');
    expect(
      closed.reasons.map(r => [r.slo.name, r.status, r.explanation]),
    ).toEqual([
      ['down', 'no-data', '"down" has no data: Prometheus answered 503'],
      ['new', 'no-data', '"new" has never been evaluated.'],
      [
        'old',
        'stale',
        // 2026-11-30T12:00:00.000Z written as every instant in the product: to the minute, UTC.
        '"old" was last evaluated as of 2026-11-30 12:00 UTC, too long ago to trust.',
      ],
    ]);
    expect(decideReleaseGate(inputs, policy).decision).toBe('warn');
  });

  // Budget left as the SLOs tab's row writes it (budgetLeftText: one decimal, U+2212 minus),
  // never 0 % or 100 % unless it is exactly.
  it.each([
    // −1.4299 × 100 = −142.99, to one decimal −143.0: "−143", as the row reads it.
    [
      'exhausted',
      -1.4299,
      '"s" has spent its error budget (\u2212143 % left).',
    ],
    // −0.00004 × 100 = −0.004: 0.0 to one decimal and 0.00 to two would read 0 %; three decimals.
    [
      'exhausted',
      -0.00004,
      '"s" has spent its error budget (\u22120.004 % left).',
    ],
    // Exactly spent: 0 % is honest.
    ['exhausted', 0, '"s" has spent its error budget (0 % left).'],
    // 0.99996 × 100 = 99.996: 100.0 and 100.00 would read 100 %; three decimals.
    [
      'at-risk',
      0.99996,
      '"s" burns its budget too fast: page-1h firing, 99.996 % left.',
    ],
    // 0.42186 × 100 = 42.186, to one decimal 42.2.
    [
      'at-risk',
      0.42186,
      '"s" burns its budget too fast: page-1h firing, 42.2 % left.',
    ],
  ] as const)('writes %s with %p left as %p', (status, remaining, expected) => {
    const [reason] = decideReleaseGate(
      [slo('s', status, { remaining, firing: ['page-1h'] })],
      policy,
    ).reasons;
    expect(reason.explanation).toBe(expected);
  });

  it('says an exhausted SLO without a budget figure has spent its budget, and invents none', () => {
    const [reason] = decideReleaseGate(
      [slo('s', 'exhausted', { firing: ['page-1h'] })],
      policy,
    ).reasons;
    expect(reason).toEqual({
      slo: { id: 'id-s', name: 's' },
      status: 'exhausted',
      decision: 'block',
      firingPolicies: ['page-1h'],
      explanation: '"s" has spent its error budget.',
    });
    expect(reason).not.toHaveProperty('budgetRemaining');
  });

  it('counts only the SLOs carrying the policy labels, and decides noSlos when none does', () => {
    const critical: ErrorBudgetPolicy = {
      ...policy,
      sloLabels: { tier: 'critical' },
    };
    const inputs = [
      slo('batch', 'exhausted', { remaining: -1, labels: { tier: 'low' } }),
      slo('api', 'at-risk', {
        remaining: 0.1,
        labels: { tier: 'critical', team: 'x' },
        firing: ['page-1h'],
      }),
    ];
    const result = decideReleaseGate(inputs, critical);
    expect([
      result.decision,
      result.countedSlos,
      result.reasons.map(r => r.slo.name),
    ]).toEqual(['warn', 1, ['api']]);

    expect(decideReleaseGate([inputs[0]], critical)).toEqual({
      decision: 'allow',
      reasons: [],
      countedSlos: 0,
    });
    expect(decideReleaseGate([], { ...policy, noSlos: 'warn' }).decision).toBe(
      'warn',
    );
  });

  it('maps each state through the configured decision', () => {
    const lenient: ErrorBudgetPolicy = {
      ...policy,
      exhausted: 'warn',
      atRisk: 'allow',
    };
    expect(
      decideReleaseGate([slo('a', 'exhausted', { remaining: 0 })], lenient)
        .decision,
    ).toBe('warn');
    expect(
      decideReleaseGate(
        [slo('a', 'at-risk', { remaining: 0.3, firing: ['page-1h'] })],
        lenient,
      ),
    ).toEqual({
      decision: 'allow',
      reasons: [],
      countedSlos: 1,
    });
  });
});

describe('applyOverride', () => {
  const override = {
    id: 'o',
    entityRef: 'component:default/a',
    justification: 'hotfix',
    createdBy: 'user:default/jane',
    createdAt: '2026-11-30T00:00:00Z',
    expiresAt: '2026-12-01T00:00:00Z',
  };
  it('turns block into warn and leaves the rest', () => {
    expect(applyOverride('block', override)).toBe('warn');
    expect(applyOverride('warn', override)).toBe('warn');
    expect(applyOverride('allow', override)).toBe('allow');
    expect(applyOverride('block', undefined)).toBe('block');
  });
});

describe('explanationWithLastKnown', () => {
  const said = (
    lastKnown: Parameters<typeof explanationWithLastKnown>[0]['lastKnown'],
    explanation = '"s" has no data: Prometheus answered 503',
  ) => explanationWithLastKnown({ explanation, lastKnown });

  it('writes the status in words, the budget as the reasons do and the moment to the minute in UTC', () => {
    // −1.413 × 100 = −141.3: one decimal, a typographic minus (U+2212), a space before %. The
    // source's answer ends without a full stop: one is added before the next sentence.
    expect(
      said({
        status: 'exhausted',
        budgetRemaining: -1.413,
        at: '2026-11-30T11:58:41.512Z',
      }),
    ).toBe(
      '"s" has no data: Prometheus answered 503. Last known: exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 11:58 UTC.',
    );
    // 0.42186 → 42.186 % → 42.2 % (one decimal, as the reasons write it, not three); "at-risk"
    // reads "at risk"; an explanation's own full stop is kept.
    expect(
      said(
        {
          status: 'at-risk',
          budgetRemaining: 0.42186,
          at: '2026-01-02T03:04:05Z',
        },
        '"s" was last evaluated as of 2026-01-02 03:04 UTC, too long ago to trust.',
      ),
    ).toBe(
      '"s" was last evaluated as of 2026-01-02 03:04 UTC, too long ago to trust. Last known: at risk (42.2 % of the budget left) as of 2026-01-02 03:04 UTC.',
    );
    // Without a budget figure none is made up.
    expect(said({ status: 'healthy', at: '2026-01-02T03:04:05Z' })).toBe(
      '"s" has no data: Prometheus answered 503. Last known: healthy as of 2026-01-02 03:04 UTC.',
    );
  });

  it('leaves an explanation without a last known state as it is', () => {
    expect(said(undefined)).toBe('"s" has no data: Prometheus answered 503');
  });
});

describe('allowedWithoutData', () => {
  const inputs = [
    slo('down', 'no-data', { labels: { tier: 'critical' } }),
    slo('new', undefined),
    slo('old', 'healthy', { remaining: 0.5, stale: true }),
    slo('burning', 'at-risk', { remaining: 0.2, firing: ['page-1h'] }),
    slo('fine', 'healthy', { remaining: 0.9 }),
    slo('aside', 'no-data', { labels: { tier: 'low' } }),
  ];

  it('lists the counted SLOs without data the policy allows, by name, as allow reasons', () => {
    const lenient = {
      ...policy,
      noData: 'allow' as const,
      sloLabels: {},
    };
    expect(
      allowedWithoutData(inputs, lenient).map(r => [
        r.slo.name,
        r.status,
        r.decision,
        r.explanation,
      ]),
    ).toEqual([
      [
        'aside',
        'no-data',
        'allow',
        '"aside" has no data: Prometheus answered 503',
      ],
      [
        'down',
        'no-data',
        'allow',
        '"down" has no data: Prometheus answered 503',
      ],
      ['new', 'no-data', 'allow', '"new" has never been evaluated.'],
      [
        'old',
        'stale',
        'allow',
        '"old" was last evaluated as of 2026-11-30 12:00 UTC, too long ago to trust.',
      ],
    ]);
    // Only SLOs the policy counts: "down" alone carries tier: critical.
    expect(
      allowedWithoutData(inputs, {
        ...lenient,
        sloLabels: { tier: 'critical' },
      }).map(r => r.slo.name),
    ).toEqual(['down']);
  });

  it('is empty when the policy warns or blocks without data (those SLOs are reasons)', () => {
    expect(allowedWithoutData(inputs, policy)).toEqual([]);
    expect(allowedWithoutData(inputs, { ...policy, noData: 'block' })).toEqual(
      [],
    );
  });
});

describe('lastKnownBreach', () => {
  it('keeps only an exhausted or at-risk state', () => {
    const at = '2026-11-30T10:05:00.000Z';
    expect(lastKnownBreach({ status: 'exhausted', at })).toEqual({
      status: 'exhausted',
      at,
    });
    expect(lastKnownBreach({ status: 'at-risk', at })).toEqual({
      status: 'at-risk',
      at,
    });
    expect(lastKnownBreach({ status: 'healthy', at })).toBeUndefined();
    expect(lastKnownBreach(undefined)).toBeUndefined();
  });
});

describe('releaseGateNoteText', () => {
  it('says what the SLO was last known to be, and that the policy allows it', () => {
    // 0.2 → 20.0 % → "20 %" (one decimal, trailing zero dropped as the reasons write it).
    expect(
      releaseGateNoteText({
        explanation: '"s" has no data.',
        lastKnown: {
          status: 'at-risk',
          budgetRemaining: 0.2,
          at: '2026-11-30T10:05:59.000Z',
        },
      }),
    ).toBe(
      '"s" has no data. Last known: at risk (20 % of the budget left) as of 2026-11-30 10:05 UTC. The error-budget policy allows SLOs without data (noData: allow), so it does not hold releases back.',
    );
  });
});
