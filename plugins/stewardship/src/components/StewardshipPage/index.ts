export { StewardshipPage } from './StewardshipPage';
