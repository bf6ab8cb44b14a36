import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { JSX } from 'react';
import { StewardshipClient, stewardshipApiRef } from './api';
import {
  entityOwnershipRouteRef,
  entitySlosRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The Stewardship frontend plugin.
 *
 * @public
 */
export const stewardshipPlugin = createPlugin({
  id: 'stewardship',
  apis: [
    createApiFactory({
      api: stewardshipApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new StewardshipClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityOwnership: entityOwnershipRouteRef,
    entitySlos: entitySlosRouteRef,
  },
});

/**
 * The ownership scorecard page, usually mounted at `/stewardship`.
 *
 * @public
 */
export const StewardshipPage: () => JSX.Element = stewardshipPlugin.provide(
  createRoutableExtension({
    name: 'StewardshipPage',
    component: () =>
      import('./components/StewardshipPage').then(m => m.StewardshipPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Ownership tab for entity pages.
 *
 * @public
 */
export const EntityOwnershipContent: () => JSX.Element | null =
  stewardshipPlugin.provide(
    createRoutableExtension({
      name: 'EntityOwnershipContent',
      component: () =>
        import('./components/EntityOwnershipContent').then(
          m => m.EntityOwnershipContent,
        ),
      mountPoint: entityOwnershipRouteRef,
    }),
  );

/**
 * A compact ownership summary card for the entity overview.
 *
 * @public
 */
export const EntityOwnershipCard: () => JSX.Element = stewardshipPlugin.provide(
  createComponentExtension({
    name: 'EntityOwnershipCard',
    component: {
      lazy: () =>
        import('./components/EntityOwnershipCard').then(
          m => m.EntityOwnershipCard,
        ),
    },
  }),
);

/**
 * The SLOs tab for entity pages (Component, API, System; see `isSlosAvailable`): each SLO's
 * status and reason, SLI against the objective, error budget as a percentage and in events, time
 * to exhaustion and firing alert policies, with details per SLO. On a System, its components'
 * SLOs too, grouped by component. `?at=` in the page URL shows the state at a past moment.
 * Mount it at path `/slos`, which `EntitySloCard` links to.
 *
 * @public
 */
export const EntitySlosContent: () => JSX.Element = stewardshipPlugin.provide(
  createRoutableExtension({
    name: 'EntitySlosContent',
    component: () =>
      import('./components/EntitySlosContent').then(m => m.EntitySlosContent),
    mountPoint: entitySlosRouteRef,
  }),
);

/**
 * A compact SLO summary card for the entity overview: SLOs per status, the one needing attention
 * first with its budget left, and a link to the SLOs tab at `<entity page>/slos`.
 *
 * @public
 */
export const EntitySloCard: () => JSX.Element = stewardshipPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);
