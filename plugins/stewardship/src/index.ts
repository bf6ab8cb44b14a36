export { stewardshipPlugin, StewardshipPage } from './plugin';
