import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({
  id: 'stewardship',
});

/** Where an entity page mounts the Ownership tab. */
export const entityOwnershipRouteRef = createRouteRef({
  id: 'stewardship:entity-ownership',
});

/** Where an entity page mounts the SLOs tab. */
export const entitySlosRouteRef = createRouteRef({
  id: 'stewardship:entity-slos',
});

/** Where an entity page mounts the Backlog tab. */
export const entityBacklogRouteRef = createRouteRef({
  id: 'stewardship:entity-backlog',
});
