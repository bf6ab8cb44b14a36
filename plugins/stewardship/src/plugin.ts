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
  entityBacklogRouteRef,
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
    entityBacklog: entityBacklogRouteRef,
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

/**
 * The Backlog tab for entity pages (see `isBacklogAvailable`): the entity's open work items from
 * Jira and GitHub issues plus the built-in ones (breached SLOs, open incident action items), the
 * backlog's health figures with their definitions, and the release gate. When the gate warns or
 * blocks, the tab leads with the error-budget policy's advice and lists reliability work first.
 * Mount it at path `/backlog`, which `EntityBacklogCard` links to.
 *
 * @public
 */
export const EntityBacklogContent: () => JSX.Element =
  stewardshipPlugin.provide(
    createRoutableExtension({
      name: 'EntityBacklogContent',
      component: () =>
        import('./components/EntityBacklogContent').then(
          m => m.EntityBacklogContent,
        ),
      mountPoint: entityBacklogRouteRef,
    }),
  );

/**
 * A compact backlog summary card for the entity overview: open items, the average age of the top
 * ranked against the 90-day target, the reliability share, items older than 180 days, untriaged
 * ones, and a link to the Backlog tab at `<entity page>/backlog`.
 *
 * @public
 */
export const EntityBacklogCard: () => JSX.Element = stewardshipPlugin.provide(
  createComponentExtension({
    name: 'EntityBacklogCard',
    component: {
      lazy: () =>
        import('./components/EntityBacklogCard').then(m => m.EntityBacklogCard),
    },
  }),
);
