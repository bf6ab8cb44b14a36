import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';
import { describeReview } from './describeReview';
import { GROUP_REVIEW, REVIEW } from './reviewFixture';

describe('describeReview', () => {
  it('says the entities, how many of those that can have SLOs met them, and the gaps', () => {
    // REVIEW: ledger met, payments-api missed; payments-api's product and engineering roles are
    // gaps, ledger's unconfirmed role is not (the summary's 3 counts it).
    expect(describeReview(REVIEW)).toBe(
      'Showing 2 entities: 1 of 2 met, 2 ownership gaps.',
    );
    // GROUP_REVIEW: a component (met) and a system (no SLOs) can have SLOs; a domain, a
    // resource and a group cannot.
    expect(describeReview(GROUP_REVIEW)).toBe(
      'Showing 5 entities: 1 of 2 met, 3 cannot have SLOs, 0 ownership gaps.',
    );
  });

  it('says one entity and one gap in the singular', () => {
    const [, paymentsApi] = REVIEW.rows;
    const one: PlanningReview = {
      ...REVIEW,
      summary: { ...REVIEW.summary, entities: 1, met: 0, missed: 1 },
      rows: [
        {
          ...paymentsApi,
          ownershipGaps: [{ role: 'product', status: 'missing' }],
        },
      ],
    };
    expect(describeReview(one)).toBe(
      'Showing 1 entity: 0 of 1 met, 1 ownership gap.',
    );
  });

  it('writes large counts with thousands separators', () => {
    const large: PlanningReview = {
      ...GROUP_REVIEW,
      summary: {
        ...GROUP_REVIEW.summary,
        entities: 12_345,
        met: 4_321,
        notApplicable: 1_000,
      },
      rows: Array.from({ length: 1_500 }, () => REVIEW.rows[1]),
    };
    expect(describeReview(large)).toBe(
      'Showing 12,345 entities: 4,321 of 11,345 met, 1,000 cannot have SLOs, 3,000 ownership gaps.',
    );
  });

  it('counts every entity among the objectives when an older backend has no notApplicable', () => {
    const older: Partial<PlanningReview['summary']> = {
      ...GROUP_REVIEW.summary,
    };
    delete older.notApplicable;
    expect(
      describeReview({
        ...GROUP_REVIEW,
        summary: older as PlanningReview['summary'],
      }),
    ).toBe('Showing 5 entities: 1 of 5 met, 0 ownership gaps.');
  });

  it('says when the scope holds nothing', () => {
    expect(
      describeReview({
        ...REVIEW,
        summary: { ...REVIEW.summary, entities: 0 },
        rows: [],
      }),
    ).toBe('Showing no entities.');
  });
});
