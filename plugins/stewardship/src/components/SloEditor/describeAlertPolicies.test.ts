import { describePolicy, presetPoliciesText } from './describeAlertPolicies';

const rolling = (objectivePercent: string, rollingDuration: string) => ({
  objectivePercent,
  windowType: 'rolling' as const,
  rollingDuration,
  calendarUnit: 'month' as const,
  timeZone: 'Europe/Berlin',
});

const ALL =
  'Page when 2 % of the budget burns within 1h or 5 % within 6h; ticket when 10 % burns within 3d.';

describe('presetPoliciesText', () => {
  it('names every policy of the preset when the objective lets each fire', () => {
    // 99.9 % over 30 d: the highest burn rate is 1000, the preset needs 14.4, 6 and 1.
    expect(presetPoliciesText(rolling('99.9', '30d'))).toBe(ALL);
    // 80 % over 7 d: highest 5; 2 % within 1h needs 2 × 168 / 100 = 3.36.
    expect(presetPoliciesText(rolling('80', '7d'))).toBe(ALL);
  });

  it('says which policies the objective leaves out', () => {
    // 90 % over 30 d: highest 10; 2 % within 1h needs 14.4, 5 % within 6h 6, 10 % within 3d 1.
    expect(presetPoliciesText(rolling('90', '30d'))).toBe(
      'Page when 5 % of the budget burns within 6h; ticket when 10 % burns within 3d. The rest is left out at an objective of 90 %, as not even every event failing would burn that fast: page when 2 % of the budget burns within 1h.',
    );
    // 70 % over 7 d: highest 3.33…, just under the 3.36 the 1h page needs.
    expect(presetPoliciesText(rolling('70', '7d'))).toMatch(
      /^Page when 5 % of the budget burns within 6h; .* left out at an objective of 70 %.*: page when 2 % of the budget burns within 1h\.$/,
    );
    // 50 % over 30 d: highest 2, under 14.4 and 6.
    expect(presetPoliciesText(rolling('50', '30d'))).toBe(
      'Ticket when 10 % of the budget burns within 3d. The rest is left out at an objective of 50 %, as not even every event failing would burn that fast: page when 2 % of the budget burns within 1h or 5 % within 6h.',
    );
  });

  it('names all, with the rule, while the objective or window cannot be read', () => {
    const general = `${ALL} A policy that could never fire at the SLO's objective is left out.`;
    expect(presetPoliciesText(rolling('', '30d'))).toBe(general);
    expect(presetPoliciesText(rolling('99,9', '30d'))).toBe(general);
    expect(presetPoliciesText(rolling('90', 'a month'))).toBe(general);
    expect(
      presetPoliciesText({
        ...rolling('90', '30d'),
        windowType: 'calendar',
        timeZone: 'Not/AZone',
      }),
    ).toBe(general);
  });
});

describe('describePolicy', () => {
  it('says each form of policy in words', () => {
    expect(describePolicy({ preset: 'sre-workbook' })).toBe(
      'the SRE Workbook preset',
    );
    expect(
      describePolicy({
        name: 'fast-page',
        severity: 'page',
        budgetPercent: 2,
        within: '1h',
        shortWindow: '2m',
      }),
    ).toBe(
      'fast-page: page when 2 % of the budget burns within 1h, short window 2m',
    );
    expect(
      describePolicy({
        severity: 'ticket',
        burnRate: 1.5,
        longWindow: '1d',
        shortWindow: '2h',
      }),
    ).toBe('ticket when the burn rate exceeds 1.5 over 1d and over 2h');
  });
});
