/*
 * The gate's reasons without data carry their SLO's last known state (read once, for those SLOs
 * only, never changing the decision), and its CI text says it in words and escapes control
 * characters. The SLO service and the store are fakes: the store's read is tested on every
 * database in DatabaseSloStore.lastKnown.test.ts, the whole route in releaseGateLastKnown.test.ts.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  EntitySlo,
  ReleaseGate,
  ReleaseGateLastKnown,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { component } from '../__testUtils__/entities';
import { ReleaseGateOverrideStore } from '../database/ReleaseGateOverrideStore';
import { EntityPermissions } from '../lib/EntityPermissions';
import { SloService } from '../slo/SloService';
import {
  ReleaseGateService,
  escapeControlCharacters,
  releaseGateText,
} from './ReleaseGateService';

const AT = new Date('2026-11-30T12:00:00Z');

function item(
  name: string,
  status: SloStatus | undefined,
  options: { stale?: boolean; remaining?: number; tier?: string } = {},
): EntitySlo {
  return {
    slo: {
      id: `id-${name}`,
      name,
      labels: { tier: options.tier ?? 'critical' },
    } as unknown as EntitySlo['slo'],
    stale: options.stale ?? false,
    ...(status && {
      evaluation: {
        status,
        at: '2026-11-30T11:59:00.000Z',
        ...(options.remaining !== undefined && {
          errorBudget: { remaining: options.remaining },
        }),
        alerts: [],
      } as unknown as EntitySlo['evaluation'],
    }),
  };
}

function service(
  statuses: EntitySlo[],
  known: Record<string, ReleaseGateLastKnown>,
  annotations: Record<string, string> = {},
) {
  const reads: Array<{ ids: string[]; at: string }> = [];
  const gate = new ReleaseGateService({
    catalog: {
      getEntityByRef: async () => component('billing', { annotations }),
    } as unknown as CatalogService,
    slos: { entityStatuses: async () => statuses } as unknown as SloService,
    snapshots: {
      lastKnownStates: async (ids, at) => {
        reads.push({ ids, at: at.toISOString() });
        return new Map(
          Object.entries(known).filter(([id]) => ids.includes(id)),
        );
      },
    },
    overrides: {
      activeOverride: async () => undefined,
    } as unknown as ReleaseGateOverrideStore,
    permissions: {} as EntityPermissions,
    settings: {
      policy: { ...DEFAULT_ERROR_BUDGET_POLICY, sloLabels: {} },
      maxOverrideMs: 86_400_000,
    },
    now: () => new Date('2026-12-01T00:00:00Z'),
  });
  const evaluate = () =>
    gate.evaluate('component:default/billing', AT, mockCredentials.user());
  return { evaluate, reads };
}

const EXHAUSTED: ReleaseGateLastKnown = {
  status: 'exhausted',
  budgetRemaining: -1.413,
  at: '2026-11-30T10:05:00.000Z',
};
const HEALTHY: ReleaseGateLastKnown = {
  status: 'healthy',
  budgetRemaining: 0.5,
  at: '2026-11-30T11:00:00.000Z',
};

describe('ReleaseGateService.evaluate', () => {
  it('gives each reason without data its last known state, read once for those SLOs only', async () => {
    const { evaluate, reads } = service(
      [
        item('billing', 'no-data'),
        item('api', 'exhausted', { remaining: -0.25 }),
        item('batch', 'healthy', { stale: true, remaining: 0.5 }),
        item('fresh', undefined, { stale: true }),
        item('dark', 'no-data'),
        item('quiet', 'healthy', { remaining: 0.9 }),
      ],
      {
        'id-billing': EXHAUSTED,
        'id-batch': HEALTHY,
        // Not asked about (exhausted with data): must not be attached.
        'id-api': HEALTHY,
      },
    );
    const gate = await evaluate();
    // The policy alone decides: api's exhausted budget blocks; billing's past does not.
    expect(gate.decision).toBe('block');
    expect(
      gate.reasons.map(r => [r.slo.name, r.status, r.decision, r.lastKnown]),
    ).toEqual([
      ['api', 'exhausted', 'block', undefined],
      ['batch', 'stale', 'warn', HEALTHY],
      ['billing', 'no-data', 'warn', EXHAUSTED],
      ['dark', 'no-data', 'warn', undefined],
      ['fresh', 'no-data', 'warn', undefined],
    ]);
    // One read, as of the gate's moment, of the four reasons without data (in the reasons' order).
    expect(reads).toEqual([
      {
        ids: ['id-batch', 'id-billing', 'id-dark', 'id-fresh'],
        at: '2026-11-30T12:00:00.000Z',
      },
    ]);
  });

  it('reads nothing when no reason lacks data, nor for SLOs the policy does not count', async () => {
    const withData = service(
      [
        item('api', 'exhausted', { remaining: -0.25 }),
        item('batch', 'healthy', { remaining: 0.5 }),
      ],
      { 'id-api': HEALTHY },
    );
    expect((await withData.evaluate()).reasons).toHaveLength(1);
    expect(withData.reads).toEqual([]);

    // "billing" is not counted (tier low); "quiet" is counted and has data.
    const notCounted = service(
      [
        item('billing', 'no-data', { tier: 'low' }),
        item('quiet', 'healthy', { remaining: 0.9 }),
      ],
      { 'id-billing': EXHAUSTED },
      {
        'stewardship.io/release-gate-slo-labels': 'tier=critical',
        'stewardship.io/release-gate-no-data': 'allow',
      },
    );
    const gate = await notCounted.evaluate();
    expect([gate.decision, gate.countedSlos, gate.reasons, gate.notes]).toEqual(
      ['allow', 1, [], undefined],
    );
    // The one counted SLO has data: none was allowed without it.
    expect(gate.countedWithoutData).toBeUndefined();
    expect(notCounted.reads).toEqual([]);
  });

  it('under noData: allow, still allows, and notes each SLO without data last known exhausted or at risk', async () => {
    const AT_RISK: ReleaseGateLastKnown = {
      status: 'at-risk',
      budgetRemaining: 0.2,
      at: '2026-11-30T11:30:00.000Z',
    };
    const { evaluate, reads } = service(
      [
        item('dark', 'no-data'),
        item('batch', 'healthy', { stale: true, remaining: 0.5 }),
        item('calm', 'no-data'),
        item('fresh', undefined, { stale: true }),
        item('low', 'no-data', { tier: 'low' }),
        item('quiet', 'healthy', { remaining: 0.9 }),
      ],
      {
        'id-dark': EXHAUSTED,
        'id-batch': AT_RISK,
        // Last known healthy: nothing to note.
        'id-calm': HEALTHY,
        // Not counted: never asked about.
        'id-low': EXHAUSTED,
      },
      {
        'stewardship.io/release-gate-slo-labels': 'tier=critical',
        'stewardship.io/release-gate-no-data': 'allow',
      },
    );
    const gate = await evaluate();
    // The policy decides: no reason, so the gate allows.
    expect([gate.decision, gate.policyDecision, gate.reasons]).toEqual([
      'allow',
      'allow',
      [],
    ]);
    // By name; "calm" (last known healthy) and "fresh" (never evaluated, none known) are left out.
    expect(gate.notes).toEqual([
      {
        slo: { id: 'id-batch', name: 'batch' },
        status: 'stale',
        explanation:
          '"batch" was last evaluated as of 2026-11-30 11:59 UTC, too long ago to trust.',
        lastKnown: AT_RISK,
      },
      {
        slo: { id: 'id-dark', name: 'dark' },
        status: 'no-data',
        explanation: '"dark" has no data.',
        lastKnown: EXHAUSTED,
      },
    ]);
    // Five counted (not "low"), four of them without data: dark, batch (stale), calm, fresh
    // (never evaluated); only "quiet" was measured.
    expect([gate.countedSlos, gate.countedWithoutData]).toEqual([5, 4]);
    // One read, of the four counted SLOs without data, by name.
    expect(reads).toEqual([
      {
        ids: ['id-batch', 'id-calm', 'id-dark', 'id-fresh'],
        at: '2026-11-30T12:00:00.000Z',
      },
    ]);
  });

  it('gives no notes when the policy does not allow SLOs without data (they are reasons)', async () => {
    const { evaluate } = service([item('dark', 'no-data')], {
      'id-dark': EXHAUSTED,
    });
    const gate = await evaluate();
    expect(gate.notes).toBeUndefined();
    // A reason, not allowed without data: not counted as such.
    expect(gate.countedWithoutData).toBeUndefined();
    expect(gate.reasons.map(r => [r.status, r.lastKnown])).toEqual([
      ['no-data', EXHAUSTED],
    ]);
  });
});

describe('releaseGateText', () => {
  const gate: ReleaseGate = {
    entityRef: 'component:default/legacy-billing',
    decision: 'warn',
    policyDecision: 'warn',
    countedSlos: 1,
    policy: DEFAULT_ERROR_BUDGET_POLICY,
    evaluatedAt: '2026-11-30T12:00:30.000Z',
    reasons: [
      {
        slo: { id: 'id-availability', name: 'availability' },
        status: 'no-data',
        decision: 'warn',
        firingPolicies: [],
        // As the store writes it: the source's answer last, without a full stop.
        explanation: '"availability" has no data: Prometheus answered 503',
        lastKnown: EXHAUSTED,
      },
    ],
  };

  it('writes a reason without data with its last known state on its line', () => {
    // −1.413 → −141.3 % (typographic minus); 10:05:00 → 10:05 UTC.
    expect(releaseGateText(gate)).toBe(
      'warn: component:default/legacy-billing (1 SLO counted, as of 2026-11-30 12:00 UTC)\n' +
        'warn availability: "availability" has no data: Prometheus answered 503. ' +
        'Last known: exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC.\n',
    );
    const { lastKnown: _, ...withoutLastKnown } = gate.reasons[0];
    expect(
      releaseGateText({ ...gate, reasons: [withoutLastKnown] }).split('\n')[1],
    ).toBe(
      'warn availability: "availability" has no data: Prometheus answered 503',
    );
  });

  it('writes a note after the reasons, saying the policy allows SLOs without data', () => {
    const noted: ReleaseGate = {
      ...gate,
      decision: 'allow',
      policyDecision: 'allow',
      policy: { ...DEFAULT_ERROR_BUDGET_POLICY, noData: 'allow' },
      reasons: [],
      notes: [
        {
          slo: { id: 'id-availability', name: 'availability' },
          status: 'no-data',
          explanation: '"availability" has no data: Prometheus answered 503',
          lastKnown: { ...EXHAUSTED, status: 'exhausted' },
        },
      ],
    };
    expect(
      releaseGateText({
        ...noted,
        countedSlos: 3,
        countedWithoutData: 2,
      }).split('\n')[0],
    ).toBe(
      'allow: component:default/legacy-billing (3 SLOs counted, 2 of them allowed without data, as of 2026-11-30 12:00 UTC)',
    );
    expect(releaseGateText({ ...noted, countedWithoutData: 1 })).toBe(
      'allow: component:default/legacy-billing (1 SLO counted, allowed without data, as of 2026-11-30 12:00 UTC)\n' +
        'note availability: "availability" has no data: Prometheus answered 503. ' +
        'Last known: exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC. ' +
        'The error-budget policy allows SLOs without data (noData: allow), so it does not hold releases back.\n',
    );
  });

  it('escapes control characters but tabs and line feeds, as a justification stored before the check could hold them', () => {
    const text = releaseGateText({
      ...gate,
      reasons: [],
      decision: 'warn',
      policyDecision: 'block',
      override: {
        id: 'o',
        entityRef: gate.entityRef,
        // ESC sequences (cursor up, erase line), a carriage return, NEL (C1), DEL, NUL, a tab.
        justification:
          'fix \u001b[1A\u001b[2Kallow: all clear\r\nok\u0085\u007f\u0000\tdone',
        createdBy: 'user:default/jane',
        createdAt: '2026-11-30T11:00:00.000Z',
        expiresAt: '2026-12-01T18:00:00.000Z',
      },
    });
    expect(text.split('\n').slice(1)).toEqual([
      'override: block → warn until 2026-12-01 18:00 UTC, by user:default/jane: ' +
        'fix \\u001b[1A\\u001b[2Kallow: all clear\\u000d',
      '  ok\\u0085\\u007f\\u0000\tdone',
      '',
    ]);
    // No control character but the line feeds and the tab is left.
    const controls =
      // eslint-disable-next-line no-control-regex -- looking for them is the point
      /[\u0000-\u001f\u007f-\u009f]/;
    expect(text.replace(/[\n\t]/g, '')).not.toMatch(controls);
  });

  it('escapes each control character as \\u and four lower-case hex digits', () => {
    expect(escapeControlCharacters('a\u0001b\u001fc\u009fd\u2212e\tf\ng')).toBe(
      'a\\u0001b\\u001fc\\u009fd\u2212e\tf\ng',
    );
  });

  it('escapes what reorders or splits a line too: bidirectional controls and line separators', () => {
    // "allow" written backwards behind a right-to-left override, an isolate, a line separator.
    expect(
      escapeControlCharacters(
        'ok \u202ewolla\u202c \u2066x\u2069\u2028y\u2029z',
      ),
    ).toBe('ok \\u202ewolla\\u202c \\u2066x\\u2069\\u2028y\\u2029z');
  });
});

describe('ReleaseGateService.createOverride', () => {
  function overrides() {
    const created: unknown[] = [];
    const gate = new ReleaseGateService({
      catalog: {
        getEntityByRef: async () => component('billing'),
      } as unknown as CatalogService,
      slos: {} as SloService,
      snapshots: { lastKnownStates: async () => new Map() },
      overrides: {
        createOverride: async (override: unknown) => {
          created.push(override);
          return override;
        },
      } as unknown as ReleaseGateOverrideStore,
      permissions: {
        authorize: async () => undefined,
      } as unknown as EntityPermissions,
      settings: {
        policy: { ...DEFAULT_ERROR_BUDGET_POLICY, sloLabels: {} },
        maxOverrideMs: 7 * 86_400_000,
      },
      now: () => new Date('2026-12-01T00:00:00Z'),
    });
    const create = (expiresAt: string) =>
      gate.createOverride(
        'component:default/billing',
        { justification: 'hotfix', expiresAt },
        mockCredentials.user(),
      );
    return { create, created };
  }

  it('says a leap second is no moment it can place, not that it is in the past', async () => {
    const { create, created } = overrides();
    await expect(create('2026-12-07T23:59:60Z')).rejects.toThrow(
      'Invalid request body "expiresAt": "2026-12-07T23:59:60Z" is not a moment this server can place (a leap second such as 23:59:60, or an offset beyond 24 hours)',
    );
    expect(created).toEqual([]);
  });

  it('stores an expiry in the future, within the maximum', async () => {
    const { create, created } = overrides();
    await create('2026-12-07T23:59:59+01:00');
    expect(created).toEqual([
      expect.objectContaining({ expiresAt: '2026-12-07T22:59:59.000Z' }),
    ]);
    await expect(create('2026-11-30T23:59:59Z')).rejects.toThrow(
      'Invalid request body "expiresAt": must be in the future',
    );
  });
});
