import { ConfigReader } from '@backstage/config';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@stewardship/backstage-plugin-stewardship-common';
import { component } from '../__testUtils__/entities';
import { policyForEntity, readReleaseGateSettings } from './errorBudgetPolicy';

describe('readReleaseGateSettings', () => {
  it('defaults to block on exhausted, warn on at risk and no data, 7-day overrides', () => {
    expect(readReleaseGateSettings(new ConfigReader({}))).toEqual({
      policy: {
        exhausted: 'block',
        atRisk: 'warn',
        noData: 'warn',
        noSlos: 'allow',
        sloLabels: {},
      },
      maxOverrideMs: 7 * 24 * 3600 * 1000,
    });
  });

  it('reads every key, and refuses a decision it does not know', () => {
    const config = (policy: object) =>
      new ConfigReader({ stewardship: { errorBudgetPolicy: policy } });
    expect(
      readReleaseGateSettings(
        config({
          exhausted: 'warn',
          noData: 'block',
          noSlos: 'warn',
          sloLabels: { tier: 'critical' },
          maxOverrideDays: 1.5,
        }),
      ),
    ).toEqual({
      policy: {
        exhausted: 'warn',
        atRisk: 'warn',
        noData: 'block',
        noSlos: 'warn',
        sloLabels: { tier: 'critical' },
      },
      maxOverrideMs: 1.5 * 86_400_000,
    });
    expect(() => readReleaseGateSettings(config({ atRisk: 'deny' }))).toThrow(
      'Invalid stewardship.errorBudgetPolicy.atRisk "deny": use allow, warn or block',
    );
    expect(() =>
      readReleaseGateSettings(config({ maxOverrideDays: 0 })),
    ).toThrow(/maxOverrideDays/);
  });

  it('reads sloLabels whose names are not config keys (dots, slashes), and refuses a value that is no label value', () => {
    const config = (sloLabels: unknown) =>
      new ConfigReader({
        stewardship: { errorBudgetPolicy: { sloLabels: sloLabels as any } },
      });
    expect(
      readReleaseGateSettings(
        config({ 'slo.acme.io/tier': 'critical', 'team-1': 'payments' }),
      ).policy.sloLabels,
    ).toEqual({ 'slo.acme.io/tier': 'critical', 'team-1': 'payments' });
    expect(() =>
      readReleaseGateSettings(config({ 'slo.acme.io/tier': '' })),
    ).toThrow(
      'Invalid stewardship.errorBudgetPolicy.sloLabels["slo.acme.io/tier"]: expected the label\'s value, a non-empty string, got ""',
    );
    expect(() => readReleaseGateSettings(config({ tier: 1 }))).toThrow(
      'Invalid stewardship.errorBudgetPolicy.sloLabels["tier"]: expected the label\'s value, a non-empty string, got 1',
    );
    expect(() => readReleaseGateSettings(config(['tier=critical']))).toThrow(
      'Invalid stewardship.errorBudgetPolicy.sloLabels: expected label names and values, e.g. { tier: critical }',
    );
  });
});

describe('policyForEntity', () => {
  it('applies valid annotations and explains the invalid ones', () => {
    const entity = component('a', {
      annotations: {
        'stewardship.io/release-gate-at-risk': ' block ',
        'stewardship.io/release-gate-no-slos': 'maybe',
        'stewardship.io/release-gate-slo-labels':
          'tier=critical, team = payments',
      },
    });
    expect(policyForEntity(DEFAULT_ERROR_BUDGET_POLICY, entity)).toEqual({
      policy: {
        ...DEFAULT_ERROR_BUDGET_POLICY,
        atRisk: 'block',
        sloLabels: { tier: 'critical', team: 'payments' },
      },
      problems: [
        'Annotation stewardship.io/release-gate-no-slos is "maybe"; use allow, warn or block. The configured noSlos (allow) applies.',
      ],
    });
    const badLabels = component('b', {
      annotations: { 'stewardship.io/release-gate-slo-labels': 'critical' },
    });
    expect(
      policyForEntity(DEFAULT_ERROR_BUDGET_POLICY, badLabels).problems,
    ).toEqual([
      'Annotation stewardship.io/release-gate-slo-labels is "critical"; write key=value pairs separated by commas, e.g. "tier=critical". The configured labels apply.',
    ]);
  });
});
