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
import { entityOwnershipRouteRef, rootRouteRef } from './routes';

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
