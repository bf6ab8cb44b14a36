import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ReleaseGateInput,
} from '@stewardship/backstage-plugin-stewardship-common';
import { gateValidUntil } from './gateValidUntil';

const TEN_MINUTES = 10 * 60_000;
const policy = { ...DEFAULT_ERROR_BUDGET_POLICY, sloLabels: {} };

function input(
  name: string,
  evaluatedAt: string | undefined,
  options: { stale?: boolean; tier?: string } = {},
): ReleaseGateInput {
  return {
    slo: {
      id: `id-${name}`,
      name,
      labels: { tier: options.tier ?? 'critical' },
    },
    stale: options.stale ?? evaluatedAt === undefined,
    ...(evaluatedAt && {
      evaluation: {
        status: 'healthy',
        at: evaluatedAt,
        alerts: [],
      } as unknown as ReleaseGateInput['evaluation'],
    }),
  };
}

describe('gateValidUntil', () => {
  it('is the earliest moment a current evaluation grows older than the staleness', () => {
    expect(
      gateValidUntil(
        [
          input('api', '2026-12-08T10:04:00.000Z'),
          input('batch', '2026-12-08T10:01:30.000Z'),
          input('web', '2026-12-08T10:03:00.000Z'),
        ],
        policy,
        TEN_MINUTES,
        undefined,
      ),
      // 10:01:30 + 10 minutes, and one millisecond: older than, not as old as.
    ).toBe('2026-12-08T10:11:30.001Z');
  });

  it('leaves out SLOs already stale, never evaluated or not counted by the policy', () => {
    expect(
      gateValidUntil(
        [
          input('api', '2026-12-08T10:04:00.000Z'),
          input('old', '2026-12-08T08:00:00.000Z', { stale: true }),
          input('fresh', undefined),
          input('batch', '2026-12-08T10:00:00.000Z', { tier: 'low' }),
        ],
        { ...policy, sloLabels: { tier: 'critical' } },
        TEN_MINUTES,
        undefined,
      ),
    ).toBe('2026-12-08T10:14:00.001Z');
  });

  it('is the end of the override in force when that comes first', () => {
    const inputs = [input('api', '2026-12-08T10:04:00.000Z')];
    expect(
      gateValidUntil(inputs, policy, TEN_MINUTES, {
        expiresAt: '2026-12-08T10:06:00.000Z',
      }),
    ).toBe('2026-12-08T10:06:00.000Z');
    expect(
      gateValidUntil(inputs, policy, TEN_MINUTES, {
        expiresAt: '2026-12-09T00:00:00.000Z',
      }),
    ).toBe('2026-12-08T10:14:00.001Z');
  });

  it('is undefined when time alone changes nothing', () => {
    expect(
      gateValidUntil(
        [
          input('old', '2026-12-08T08:00:00.000Z', { stale: true }),
          input('fresh', undefined),
        ],
        policy,
        TEN_MINUTES,
        undefined,
      ),
    ).toBeUndefined();
    expect(gateValidUntil([], policy, TEN_MINUTES, undefined)).toBeUndefined();
  });
});
