import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { entityOwnershipRouteRef, entitySlosRouteRef } from '../routes';
import {
  OWNERSHIP_KINDS,
  SLO_KINDS,
  kindFilter,
  kindsConfigSchema,
} from './entityFilters';

// Each tab takes the catalog blueprint's own options (path, title, group, icon, filter) and one
// of ours, `kinds`, for the common case of showing a tab on other kinds than the defaults.

/** The Ownership tab: each role's owner and status, at `<entity page>/ownership`. */
export const entityOwnershipContent = EntityContentBlueprint.makeWithOverrides({
  name: 'ownership',
  configSchema: kindsConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      path: 'ownership',
      title: 'Ownership',
      routeRef: entityOwnershipRouteRef,
      filter: kindFilter(config.kinds ?? OWNERSHIP_KINDS),
      loader: () =>
        import('../components/EntityOwnershipContent').then(m => (
          <m.EntityOwnershipContent />
        )),
    });
  },
});

/**
 * The SLOs tab at `<entity page>/slos`, the path the SLO card links to (keep it there if you
 * override `path`, or the card's link breaks).
 */
export const entitySlosContent = EntityContentBlueprint.makeWithOverrides({
  name: 'slos',
  configSchema: kindsConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      path: 'slos',
      title: 'SLOs',
      routeRef: entitySlosRouteRef,
      filter: kindFilter(config.kinds ?? SLO_KINDS),
      loader: () =>
        import('../components/EntitySlosContent').then(m => (
          <m.EntitySlosContent />
        )),
    });
  },
});
