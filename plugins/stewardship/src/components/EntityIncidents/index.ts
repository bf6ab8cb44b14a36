export { EntityIncidentsSection } from './EntityIncidentsSection';
