import { formChanged } from './formChanged';
import { BudgetPolicyRow, toFormState } from './sloForm';

describe('formChanged', () => {
  const opened = toFormState();

  it('counts a copy with the same values, policy rows written in another key order, as no change', () => {
    const [row] = opened.budgetPolicies;
    const same = {
      ...opened,
      scheduleDays: [...opened.scheduleDays],
      budgetPolicies: [
        {
          name: row.name,
          shortWindow: row.shortWindow,
          within: row.within,
          budgetPercent: row.budgetPercent,
          severity: row.severity,
        },
      ],
    };
    expect(formChanged(same, opened)).toBe(false);
  });

  it('sees a changed text, a changed row, an added row, a removed day and a missing field', () => {
    const [row] = opened.budgetPolicies;
    const cases = {
      text: { ...opened, name: 'availability' },
      row: { ...opened, budgetPolicies: [{ ...row, within: '1h' }] },
      added: { ...opened, budgetPolicies: [row, row] },
      day: { ...opened, scheduleDays: opened.scheduleDays.slice(0, -1) },
      // Not a state the form makes; the comparison holds for any shape all the same.
      missing: {
        ...opened,
        budgetPolicies: [
          { severity: row.severity, budgetPercent: row.budgetPercent },
        ] as BudgetPolicyRow[],
      },
    };
    expect(
      Object.entries(cases).map(([name, state]) => [
        name,
        formChanged(state, opened),
      ]),
    ).toEqual([
      ['text', true],
      ['row', true],
      ['added', true],
      ['day', true],
      ['missing', true],
    ]);
  });
});
