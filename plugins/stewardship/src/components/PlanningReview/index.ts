export { PlanningReviewContent } from './PlanningReviewContent';
