import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  BACKLOG_KINDS,
  OWNERSHIP_KINDS,
  backlogFilter,
  SLO_KINDS,
  kindFilter,
  kindsConfigSchema,
} from './entityFilters';

/** The overview card summarising the entity's ownership roles. */
export const entityOwnershipCard = EntityCardBlueprint.makeWithOverrides({
  name: 'ownership',
  configSchema: kindsConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: kindFilter(config.kinds ?? OWNERSHIP_KINDS),
      loader: () =>
        import(
          /* webpackChunkName: "stewardship-cards" */ '../components/EntityOwnershipCard'
        ).then(m => <m.EntityOwnershipCard />),
    });
  },
});

/** The overview card summarising the entity's SLOs, linking to the SLOs tab. */
export const entitySloCard = EntityCardBlueprint.makeWithOverrides({
  name: 'slos',
  configSchema: kindsConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: kindFilter(config.kinds ?? SLO_KINDS),
      loader: () =>
        import(
          /* webpackChunkName: "stewardship-cards" */ '../components/EntitySloCard'
        ).then(m => <m.EntitySloCard />),
    });
  },
});

/** The overview card summarising the entity's backlog, linking to the Backlog tab. */
export const entityBacklogCard = EntityCardBlueprint.makeWithOverrides({
  name: 'backlog',
  configSchema: kindsConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: backlogFilter(config.kinds ?? BACKLOG_KINDS),
      loader: () =>
        import(
          /* webpackChunkName: "stewardship-cards" */ '../components/EntityBacklogCard'
        ).then(m => <m.EntityBacklogCard />),
    });
  },
});
