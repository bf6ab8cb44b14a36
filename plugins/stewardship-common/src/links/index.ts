export { httpLink } from './httpLink';
