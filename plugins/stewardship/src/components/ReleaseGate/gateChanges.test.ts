import {
  DEFAULT_ERROR_BUDGET_POLICY,
  ReleaseGate,
} from '@stewardship/backstage-plugin-stewardship-common';
import { describeGateChange } from './gateChanges';

const blocked: ReleaseGate = {
  entityRef: 'component:default/checkout',
  decision: 'block',
  policyDecision: 'block',
  countedSlos: 1,
  policy: DEFAULT_ERROR_BUDGET_POLICY,
  evaluatedAt: '2026-12-08T10:05:01.000Z',
  reasons: [],
};

const overridden: ReleaseGate = {
  ...blocked,
  decision: 'warn',
  evaluatedAt: '2026-12-08T10:00:00.000Z',
  override: {
    id: 'o1',
    entityRef: blocked.entityRef,
    justification: 'Rollback',
    createdBy: 'user:default/jane',
    createdAt: '2026-12-08T09:00:00.000Z',
    expiresAt: '2026-12-08T10:05:00.000Z',
  },
};

describe('describeGateChange', () => {
  it('says the new decision, the old one, and whose override ended', () => {
    expect(describeGateChange(overridden, blocked)).toBe(
      'The release gate now says block (was warn): the override by jane ended.',
    );
  });

  it('says no override ended when the second read is from before its end', () => {
    expect(
      describeGateChange(overridden, {
        ...blocked,
        decision: 'allow',
        policyDecision: 'allow',
        evaluatedAt: '2026-12-08T10:04:00.000Z',
      }),
    ).toBe('The release gate now says allow (was warn).');
  });

  it('is silent when the decision is the same', () => {
    expect(
      describeGateChange(blocked, {
        ...blocked,
        evaluatedAt: '2026-12-08T10:10:00.000Z',
      }),
    ).toBeUndefined();
  });
});
