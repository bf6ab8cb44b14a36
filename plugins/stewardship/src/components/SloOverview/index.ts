export { SloOverviewContent } from './SloOverviewContent';
