import { reappliedText, reapplyChanges } from './reapplyChanges';
import { toFormState } from './sloForm';

describe('reapplyChanges', () => {
  const opened = {
    ...toFormState(),
    name: 'availability',
    description: 'As opened',
    objectivePercent: '99.9',
    labels: 'tier: critical',
  };

  it('puts what the user changed on the version saved meanwhile, and says which fields', () => {
    const typed = { ...opened, description: 'Mine', objectivePercent: '99.5' };
    const fresh = {
      ...opened,
      objectivePercent: '99.95',
      labels: 'tier: critical\nchangedBy: tabB',
    };
    const changes = reapplyChanges(opened, typed, fresh);
    expect(changes.state).toEqual({
      ...opened,
      description: 'Mine',
      objectivePercent: '99.5',
      labels: 'tier: critical\nchangedBy: tabB',
    });
    expect(changes.kept).toEqual(['Description', 'Objective (%)']);
    expect(changes.overridden).toEqual(['Objective (%)']);
    expect(reappliedText(changes)).toBe(
      'Loaded the version saved meanwhile and kept your changes to Description, Objective (%). The other change to Objective (%) gave way to yours. Check the form, then save.',
    );
  });

  it('carries the alert policies over as one field: mode, rows and preset together', () => {
    const typed = {
      ...opened,
      alertMode: 'budget' as const,
      presetToo: true,
    };
    const fresh = { ...opened, presetToo: false, name: 'renamed' };
    const changes = reapplyChanges(opened, typed, fresh);
    expect(changes.state.alertMode).toBe('budget');
    expect(changes.state.presetToo).toBe(true);
    expect(changes.state.name).toBe('renamed');
    expect(changes.kept).toEqual(['Alert policies']);
  });

  it('takes the other version whole when nothing was changed', () => {
    const fresh = { ...opened, description: 'Theirs' };
    const changes = reapplyChanges(opened, opened, fresh);
    expect(changes.state).toEqual(fresh);
    expect(changes.kept).toEqual([]);
    expect(reappliedText(changes)).toBe(
      'Loaded the version saved meanwhile. Check it, then save again if you still want to change it.',
    );
  });
});
