/**
 * The Stewardship frontend plugin for Backstage's new frontend system: the API client, the
 * `/stewardship` page with its nav item, the entity tabs and the overview cards as extensions.
 * Install it with `app.packages: all` (feature discovery) or pass it to `createApp({ features })`.
 *
 * @packageDocumentation
 */
export { stewardshipFrontendPlugin as default } from './alpha/plugin';
