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

/*
 * Each lazy import names the chunk it belongs to (webpackChunkName; the new frontend system's
 * extensions in ./alpha name the same ones). A Backstage app's bundler (the CLI's config turns off
 * the `default` cache group) does not move the modules several lazy chunks share into a chunk of
 * their own, so seven unnamed imports meant seven chunks, each with its own copy of the helpers,
 * the release gate and the SLO formatting they share: 40% of the plugin's code twice or more,
 * 176.8 kB gzip in all. Three named chunks (137.0 kB in all, measured by bench/bundle-size.mjs):
 * - stewardship-cards: the three overview cards, shown together on the entity overview;
 * - stewardship-ownership: the Ownership tab, small and often the only tab a catalog has;
 * - stewardship: the SLOs and Backlog tabs and the Stewardship page, which share most of their
 *   code (the SLO list, the release gate, the charts), loaded once for all three.
 * Inside them, code few readers need loads on its own: the SLO editor and import dialogs
 * (stewardship-slo-editor, EntitySlosContent) and the planning review (stewardship-review,
 * StewardshipPage).
 */

/**
 * The ownership scorecard page, usually mounted at `/stewardship`.
 *
 * @public
 */
export const StewardshipPage: () => JSX.Element = stewardshipPlugin.provide(
  createRoutableExtension({
    name: 'StewardshipPage',
    component: () =>
      import(
        /* webpackChunkName: "stewardship" */ './components/StewardshipPage'
      ).then(m => m.StewardshipPage),
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
        import(
          /* webpackChunkName: "stewardship-ownership" */ './components/EntityOwnershipContent'
        ).then(m => m.EntityOwnershipContent),
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
        import(
          /* webpackChunkName: "stewardship-cards" */ './components/EntityOwnershipCard'
        ).then(m => m.EntityOwnershipCard),
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
      import(
        /* webpackChunkName: "stewardship" */ './components/EntitySlosContent'
      ).then(m => m.EntitySlosContent),
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
        import(
          /* webpackChunkName: "stewardship-cards" */ './components/EntitySloCard'
        ).then(m => m.EntitySloCard),
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
        import(
          /* webpackChunkName: "stewardship" */ './components/EntityBacklogContent'
        ).then(m => m.EntityBacklogContent),
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
        import(
          /* webpackChunkName: "stewardship-cards" */ './components/EntityBacklogCard'
        ).then(m => m.EntityBacklogCard),
    },
  }),
);
