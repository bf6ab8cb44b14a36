import { resolveAlertPolicies } from './alertPolicies';
import { AlertPolicySpec } from './types';

const DAY = 86400;
const thirtyDays = { objective: 0.999, periodSeconds: 30 * DAY };

describe('resolveAlertPolicies', () => {
  it('resolves no policies to the SRE Workbook thresholds, exactly, for 30 days', () => {
    expect(resolveAlertPolicies([], thirtyDays)).toEqual({
      policies: [
        {
          name: 'page-1h',
          severity: 'page',
          burnRate: 14.4,
          longWindow: '1h',
          shortWindow: '5m',
          budgetFraction: 0.02,
        },
        {
          name: 'page-6h',
          severity: 'page',
          burnRate: 6,
          longWindow: '6h',
          shortWindow: '30m',
          budgetFraction: 0.05,
        },
        {
          name: 'ticket-3d',
          severity: 'ticket',
          burnRate: 1,
          longWindow: '3d',
          shortWindow: '6h',
          budgetFraction: 0.1,
        },
      ],
      problems: [],
    });
  });

  it('scales the preset to a 7-day period', () => {
    const { policies, problems } = resolveAlertPolicies(
      [{ preset: 'sre-workbook' }],
      { objective: 0.999, periodSeconds: 7 * DAY },
    );
    expect(problems).toEqual([]);
    expect(policies.map(p => p.burnRate)).toEqual([
      3.36,
      1.4,
      expect.closeTo(7 / 30, 12),
    ]);
  });

  it('derives threshold and short window from budget terms', () => {
    const { policies, problems } = resolveAlertPolicies(
      [{ severity: 'page', budgetPercent: 25, within: '24h' }],
      thirtyDays,
    );
    expect(problems).toEqual([]);
    expect(policies).toEqual([
      {
        name: 'page-24h',
        severity: 'page',
        burnRate: 7.5,
        longWindow: '24h',
        shortWindow: '2h',
        budgetFraction: 0.25,
      },
    ]);
  });

  it('derives the short window to the nearest second, and takes the whole budget (100 %)', () => {
    // within 90s: 90 / 12 = 7.5 s, to the nearest second 8s; threshold 1 × 30 d / 90 s =
    // 2,592,000 / 9,000 = 288 (≤ the maximum 1 / 0.001 = 1000).
    // 100 % within 24h: 1 × 30 d / 1 d = 30; short window 24h / 12 = 2h.
    const { policies, problems } = resolveAlertPolicies(
      [
        { severity: 'page', budgetPercent: 1, within: '90s' },
        { severity: 'ticket', budgetPercent: 100, within: '24h' },
      ],
      thirtyDays,
    );
    expect(problems).toEqual([]);
    expect(policies).toEqual([
      {
        name: 'page-90s',
        severity: 'page',
        burnRate: 288,
        longWindow: '90s',
        shortWindow: '8s',
        budgetFraction: 0.01,
      },
      {
        name: 'ticket-24h',
        severity: 'ticket',
        burnRate: 30,
        longWindow: '24h',
        shortWindow: '2h',
        budgetFraction: 1,
      },
    ]);
  });

  it('keeps a given short window and name', () => {
    const { policies } = resolveAlertPolicies(
      [
        {
          name: 'slow-burn',
          severity: 'ticket',
          budgetPercent: 10,
          within: '3d',
          shortWindow: '2h',
        },
      ],
      thirtyDays,
    );
    expect(policies).toEqual([
      expect.objectContaining({ name: 'slow-burn', shortWindow: '2h' }),
    ]);
  });

  it('uses burn-rate terms as written, and deduplicates nothing', () => {
    const spec: AlertPolicySpec = {
      severity: 'page',
      burnRate: 20,
      longWindow: '90m',
      shortWindow: '10m',
    };
    const { policies, problems } = resolveAlertPolicies(
      [spec, spec, { preset: 'sre-workbook' }],
      thirtyDays,
    );
    expect(problems).toEqual([]);
    expect(policies.map(p => p.name)).toEqual([
      'page-90m',
      'page-90m',
      'page-1h',
      'page-6h',
      'ticket-3d',
    ]);
    expect(policies[0]).toEqual({
      name: 'page-90m',
      severity: 'page',
      burnRate: 20,
      longWindow: '90m',
      shortWindow: '10m',
    });
  });

  it('rejects a written burn rate no objective-limited error ratio can reach, and leaves such preset policies out', () => {
    // At 90 % the worst burn rate is 10 (every event failing).
    const { policies, problems } = resolveAlertPolicies(
      [
        { preset: 'sre-workbook' },
        {
          severity: 'page',
          burnRate: 14.4,
          longWindow: '1h',
          shortWindow: '5m',
        },
        { severity: 'page', burnRate: 10, longWindow: '1h', shortWindow: '5m' },
      ],
      { objective: 0.9, periodSeconds: 30 * DAY },
    );
    expect(problems).toEqual([
      {
        path: 'alertPolicies[1].burnRate',
        message: expect.stringContaining(
          '14.4 is above the maximum burn rate 10 for objective 0.9',
        ),
      },
    ]);
    // The preset's 14.4 could never fire and is left out; its 6 and 1 still fit, and 10 is the
    // maximum itself.
    expect(policies.map(p => p.burnRate)).toEqual([6, 1, 10]);
  });

  it('accepts the maximum burn rate despite float noise in 1 / (1 − objective)', () => {
    const { problems } = resolveAlertPolicies(
      [
        {
          severity: 'page',
          burnRate: 100,
          longWindow: '1h',
          shortWindow: '5m',
        },
      ],
      { objective: 0.99, periodSeconds: 30 * DAY },
    );
    expect(problems).toEqual([]);
  });

  it('reports every problem with its path', () => {
    const specs = [
      { severity: 'page', budgetPercent: 0, within: '1h' },
      { severity: 'page', budgetPercent: 101, within: 'an hour' },
      {
        severity: 'ticket',
        budgetPercent: 10,
        within: '1h',
        shortWindow: '1h',
      },
      { severity: 'page', burnRate: 2, longWindow: '5m', shortWindow: '1h' },
      { severity: 'page', burnRate: -1, longWindow: 'x', shortWindow: '5m' },
      { severity: 'sms', burnRate: 2, longWindow: '1h', shortWindow: '5m' },
      { severity: 'page' },
      { preset: 'nines' },
      { severity: 'page', budgetPercent: 0.1, within: '5s' },
    ] as unknown as AlertPolicySpec[];

    const { policies, problems } = resolveAlertPolicies(specs, thirtyDays);

    expect(policies).toEqual([]);
    expect(problems.map(p => p.path)).toEqual([
      'alertPolicies[0].budgetPercent',
      'alertPolicies[1].budgetPercent',
      'alertPolicies[1].within',
      'alertPolicies[2].shortWindow',
      'alertPolicies[3].shortWindow',
      'alertPolicies[4].burnRate',
      'alertPolicies[4].longWindow',
      'alertPolicies[5].severity',
      'alertPolicies[6]',
      'alertPolicies[7].preset',
      'alertPolicies[8].within',
    ]);
  });

  it('throws on an objective or period the caller should have validated', () => {
    expect(() =>
      resolveAlertPolicies([], { objective: 1, periodSeconds: DAY }),
    ).toThrow('Invalid objective 1');
    expect(() =>
      resolveAlertPolicies([], { objective: 0.99, periodSeconds: 0 }),
    ).toThrow('Invalid SLO period 0');
  });
});
