import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  entityBacklogRouteRef,
  entityOwnershipRouteRef,
  entitySlosRouteRef,
} from '../routes';
import {
  BACKLOG_KINDS,
  OWNERSHIP_KINDS,
  backlogFilter,
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
        import(
          /* webpackChunkName: "stewardship-ownership" */ '../components/EntityOwnershipContent'
        ).then(m => <m.EntityOwnershipContent />),
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
        import(
          /* webpackChunkName: "stewardship" */ '../components/EntitySlosContent'
        ).then(m => <m.EntitySlosContent />),
    });
  },
});

/**
 * The Backlog tab at `<entity page>/backlog`, the path the backlog card links to: on the kinds
 * with built-in items (or the configured `kinds`), and on any entity that names a tracker.
 */
export const entityBacklogContent = EntityContentBlueprint.makeWithOverrides({
  name: 'backlog',
  configSchema: kindsConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      path: 'backlog',
      title: 'Backlog',
      routeRef: entityBacklogRouteRef,
      filter: backlogFilter(config.kinds ?? BACKLOG_KINDS),
      loader: () =>
        import(
          /* webpackChunkName: "stewardship" */ '../components/EntityBacklogContent'
        ).then(m => <m.EntityBacklogContent />),
    });
  },
});
