import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';
import { objectivesCounts, ownershipGapCounts } from './reviewFormat';
import { formatCount as count } from '../formatSlo';

/**
 * What the review shows, in one sentence for its status line, with the headline figures of its
 * summary in the summary's words: `Showing 5 entities: 1 of 2 met, 3 cannot have SLOs, 2
 * ownership gaps.` The objectives count the entities whose kind can have SLOs, as the summary
 * does (the others are said apart, when there are any); the gaps are counted as the scorecard
 * counts them (unconfirmed roles apart), as the summary's "Ownership gaps" does.
 */
export function describeReview(review: PlanningReview): string {
  if (review.rows.length === 0) return 'Showing no entities.';
  const { entities } = review.summary;
  const objectives = objectivesCounts(review);
  const apart = entities - objectives.entities;
  const { gaps } = ownershipGapCounts(review.rows);
  const figures = [
    `${count(objectives.met)} of ${count(objectives.entities)} met`,
    ...(apart > 0 ? [`${count(apart)} cannot have SLOs`] : []),
    `${count(gaps)} ownership ${gaps === 1 ? 'gap' : 'gaps'}`,
  ];
  return `Showing ${count(entities)} ${
    entities === 1 ? 'entity' : 'entities'
  }: ${figures.join(', ')}.`;
}
