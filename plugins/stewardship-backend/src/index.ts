export { stewardshipPlugin as default } from './plugin';
